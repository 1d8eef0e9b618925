import type { FastifyPluginAsync } from 'fastify';
import type { LabMethodService } from './method-service.js';
import type { LabEnvironmentService } from './environment-service.js';
import type { LabPlanService } from './plan-service.js';
import type { LabRunService } from './run-service.js';
import type { LabGateService } from './gate-service.js';
import { labMethodRoutes } from './method-routes.js';
import { labEnvironmentRoutes } from './environment-routes.js';
import { labPlanRoutes } from './plan-routes.js';
import { labRunRoutes } from './run-routes.js';
import { labGateRoutes } from './gate-routes.js';
import type { LabDashboardService } from './dashboard-service.js';
import type { LabReportService } from './report-service.js';
import { labDashboardRoutes } from './dashboard-routes.js';
import { labReportRoutes } from './report-routes.js';

export interface LabRouteServices {
  methods: LabMethodService;
  environments: LabEnvironmentService;
  plans: LabPlanService;
  runs: LabRunService;
  gates: LabGateService;
  dashboard: LabDashboardService;
  reports: LabReportService;
  /** The largest result file a run may bring, in bytes (KONFORM_UPLOAD_LIMIT_MB). */
  runUploadLimitBytes?: number;
}

/** /api/lab: the test lab; each concept registers its own sub-routes. */
export const labRoutes: FastifyPluginAsync<LabRouteServices> = async (app, services) => {
  await app.register(labMethodRoutes, { prefix: '/methods', service: services.methods });
  await app.register(labEnvironmentRoutes, { prefix: '/environments', service: services.environments });
  await app.register(labPlanRoutes, { prefix: '/plans', service: services.plans });
  await app.register(labRunRoutes, { prefix: '/runs', service: services.runs, bodyLimit: services.runUploadLimitBytes });
  await app.register(labGateRoutes, { prefix: '/gates', service: services.gates });
  await app.register(labReportRoutes, { prefix: '/runs', service: services.reports, kind: 'run' });
  await app.register(labReportRoutes, { prefix: '/gates', service: services.reports, kind: 'gate' });
  await app.register(labDashboardRoutes, { prefix: '/dashboard', service: services.dashboard });
};
