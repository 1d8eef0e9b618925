import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { VERSION } from '../version.js';

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Konform API',
        version: VERSION,
        description: 'AI governance and proof of regulatory conformity. Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'konform_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      // Carry the declared permission into the document, so API users see what each operation needs.
      const access = (input.route.config as { access?: string } | undefined)?.access;
      if (access) (result.schema as Record<string, unknown>)['x-permission'] = access;
      return result;
    },
  });
});
