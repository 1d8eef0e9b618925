import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DocumentLogoInfo, DocumentLogoUpload, DocumentTemplateParams, DocumentTemplateSave, DocumentTemplateView, LOGO_MAX_BYTES } from '@konform/core';
import { requireActor } from '../../http/request.js';
import { sendFile } from '../../http/send-file.js';
import type { DocumentTemplateService } from './service.js';

const tags = ['document-templates'];

/**
 * /api/document-templates: the organisation's templates of generated documents (section order, headings, guidance,
 * introductions, title-page lines) per type and language, and its logo. A change reaches versions built after it;
 * frozen and released versions keep the template they were built with.
 */
export const documentTemplateRoutes: FastifyPluginAsync<{ service: DocumentTemplateService }> = async (base, { service }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/logo', {
    config: { access: 'document.read' },
    schema: { tags, summary: 'The logo printed on the title page of generated documents (PNG or JPEG)' },
    handler: async (req, reply) => {
      requireActor(req);
      return sendFile(reply, await service.logo());
    },
  });
  app.put('/logo', {
    config: { access: 'document.configure' },
    // base64 of at most 512 KiB plus the JSON around it.
    bodyLimit: 2 * LOGO_MAX_BYTES + 64 * 1024,
    schema: { tags, summary: 'Set the logo (PNG or JPEG as base64, at most 512 KiB; checked by its magic bytes)', body: DocumentLogoUpload, response: { 200: DocumentLogoInfo } },
    handler: (req) => service.setLogo(requireActor(req), req.body),
  });
  app.delete('/logo', {
    config: { access: 'document.configure' },
    schema: { tags, summary: 'Remove the logo from documents built from now on' },
    handler: async (req, reply) => {
      await service.removeLogo(requireActor(req));
      return reply.status(204).send();
    },
  });
  app.get('/:type/:locale', {
    config: { access: 'document.read' },
    schema: { tags, summary: "A document type's template in one language: sections in print order with the defaults beside the overrides, title-page lines, logo", params: DocumentTemplateParams, response: { 200: DocumentTemplateView } },
    handler: (req) => service.get(requireActor(req), req.params.type, req.params.locale),
  });
  app.put('/:type/:locale', {
    config: { access: 'document.configure' },
    schema: { tags, summary: 'Save the template (every section key once, in print order; optimistic lock: the version as read, 0 for the defaults)', params: DocumentTemplateParams, body: DocumentTemplateSave, response: { 200: DocumentTemplateView } },
    handler: (req) => service.save(requireActor(req), req.params.type, req.params.locale, req.body),
  });
  app.delete('/:type/:locale', {
    config: { access: 'document.configure' },
    schema: { tags, summary: "Reset the template to the type's defaults", params: DocumentTemplateParams, response: { 200: DocumentTemplateView } },
    handler: (req) => service.reset(requireActor(req), req.params.type, req.params.locale),
  });
};
