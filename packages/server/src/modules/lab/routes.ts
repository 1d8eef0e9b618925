import type { FastifyPluginAsync } from 'fastify';
import type { LabMethodService } from './method-service.js';
import type { LabEnvironmentService } from './environment-service.js';
import { labMethodRoutes } from './method-routes.js';
import { labEnvironmentRoutes } from './environment-routes.js';

export interface LabRouteServices {
  methods: LabMethodService;
  environments: LabEnvironmentService;
}

/** /api/lab: the test lab; each concept registers its own sub-routes. */
export const labRoutes: FastifyPluginAsync<LabRouteServices> = async (app, services) => {
  await app.register(labMethodRoutes, { prefix: '/methods', service: services.methods });
  await app.register(labEnvironmentRoutes, { prefix: '/environments', service: services.environments });
};
