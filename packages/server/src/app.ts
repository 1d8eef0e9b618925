import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/database.js';
import errors from './plugins/errors.js';
import security from './plugins/security.js';
import openapi from './plugins/openapi.js';
import auth, { type DeclaredRoute } from './plugins/auth.js';
import web, { defaultWebDir } from './plugins/web.js';
import { AuthService } from './modules/auth/auth-service.js';
import { authRoutes } from './modules/auth/routes.js';
import { OrgUnitService } from './modules/org-units/service.js';
import { orgUnitRoutes } from './modules/org-units/routes.js';
import { UserService } from './modules/users/service.js';
import { userRoutes } from './modules/users/routes.js';
import { SystemService } from './modules/systems/service.js';
import { systemRoutes } from './modules/systems/routes.js';
import { AuditService } from './modules/audit/service.js';
import { auditRoutes } from './modules/audit/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { ApiTokenService } from './modules/tokens/service.js';
import { tokenRoutes } from './modules/tokens/routes.js';
import { SignatureService } from './modules/signatures/service.js';
import { signatureRoutes } from './modules/signatures/routes.js';
import { ClassificationService } from './modules/classification/service.js';
import { classificationRoutes, systemClassificationRoutes } from './modules/classification/routes.js';
import { IntakeService } from './modules/intakes/service.js';
import { intakeRoutes, systemAdviceRoutes } from './modules/intakes/routes.js';
import { loadEuAiActCatalogs } from './catalogs/eu-ai-act.js';

export interface AppOptions {
  database: Database;
  logLevel?: string;
  secureCookies?: boolean | 'auto';
  trustProxy?: boolean;
  sessionHours?: number;
  /** The EU AI Act version whose dates apply (an act id of the timeline); the timeline's default when unset. */
  aiActTimeline?: string | undefined;
  webDir?: string | undefined;
  /** Filled with every /api route and its declared permission (used by the permission-matrix test). */
  declaredRoutes?: DeclaredRoute[];
}

export interface Services {
  auth: AuthService;
  orgUnits: OrgUnitService;
  users: UserService;
  systems: SystemService;
  audit: AuditService;
  tokens: ApiTokenService;
  signatures: SignatureService;
  classification: ClassificationService;
  intakes: IntakeService;
}

export interface ServiceOptions {
  aiActTimeline?: string | undefined;
}

export function createServices(database: Database, sessionHours = 8, options: ServiceOptions = {}): Services {
  const systems = new SystemService(database);
  const signatures = new SignatureService(database);
  return {
    auth: new AuthService(database, sessionHours),
    orgUnits: new OrgUnitService(database),
    users: new UserService(database),
    systems,
    audit: new AuditService(database),
    tokens: new ApiTokenService(database),
    signatures,
    classification: new ClassificationService(database, signatures, loadEuAiActCatalogs(), options.aiActTimeline),
    intakes: new IntakeService(database, systems),
  };
}

/** Registers plugins in load order; never listens (server.ts and tests decide that). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const sessionHours = options.sessionHours ?? 8;
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Never log credentials or session material.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is 415, not a string body the schemas would misread.
  app.removeContentTypeParser('text/plain');

  const services = createServices(options.database, sessionHours, { aiActTimeline: options.aiActTimeline });
  await app.register(errors);
  await app.register(security);
  await app.register(cookie);
  await app.register(openapi);
  await app.register(auth, { auth: services.auth, routes: options.declaredRoutes ?? [] });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
      await api.register(healthRoutes, { prefix: '/health', database: options.database });
      await api.register(authRoutes, { prefix: '/auth', service: services.auth, secureCookies: options.secureCookies ?? 'auto' });
      await api.register(orgUnitRoutes, { prefix: '/org-units', service: services.orgUnits });
      await api.register(userRoutes, { prefix: '/users', service: services.users });
      await api.register(systemRoutes, { prefix: '/systems', service: services.systems });
      await api.register(auditRoutes, { prefix: '/audit-events', service: services.audit });
      await api.register(tokenRoutes, { prefix: '/tokens', service: services.tokens });
      await api.register(intakeRoutes, { prefix: '/intakes', service: services.intakes });
      await api.register(systemAdviceRoutes, { prefix: '/systems', service: services.intakes });
      await api.register(classificationRoutes, { prefix: '/classification', service: services.classification });
      await api.register(systemClassificationRoutes, { prefix: '/systems', service: services.classification });
      await api.register(signatureRoutes, { prefix: '/signatures', service: services.signatures });
    },
    { prefix: '/api' },
  );
  await app.register(web, { webDir: options.webDir ?? defaultWebDir() });
  return app;
}
