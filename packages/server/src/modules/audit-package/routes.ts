import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { contentDisposition } from '../evidence/content-check.js';
import type { AuditPackage, AuditPackageService } from './service.js';

const tags = ['audit-package'];
const PackageQuery = z.strictObject({ lang: z.enum(['de', 'en']).default('de') });

/** Streams a package; its size was checked before (413 problem), so nothing is cut off once sending started. */
export function sendPackage(reply: FastifyReply, pkg: AuditPackage) {
  return reply
    .headers({
      'content-type': 'application/zip',
      'content-disposition': contentDisposition(pkg.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    })
    .send(pkg.stream());
}

/** GET /api/systems/{id}/audit-package: one signed, self-verifying ZIP of a system's records. */
export const systemAuditPackageRoutes: FastifyPluginAsync<{ service: AuditPackageService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/audit-package', {
    config: { access: 'package.export' },
    schema: {
      tags, params: IdParams, querystring: PackageQuery,
      summary: 'The audit package of a system (ZIP, streamed): released documents, compliance matrix, risks, lab reports, evidence files, the audit chain slice of these records, a signed manifest and a standalone checker (verify.mjs); 413 when larger than the configured limit',
    },
    handler: async (req, reply) => sendPackage(reply, await service.forSystem(requireActor(req), req.params.id, req.query.lang)),
  });
};

/** GET /api/audits/{id}/package: the package of an audit's scope, with the audit, its checklist and findings. */
export const auditPackageRoutes: FastifyPluginAsync<{ service: AuditPackageService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/:id/package', {
    config: { access: 'package.export' },
    schema: {
      tags, params: IdParams, querystring: PackageQuery,
      summary: "The audit package of an audit (ZIP, streamed): the package of every system in the audit's scope plus the audit with its checklist and findings; 413 when larger than the configured limit",
    },
    handler: async (req, reply) => sendPackage(reply, await service.forAudit(requireActor(req), req.params.id, req.query.lang)),
  });
};
