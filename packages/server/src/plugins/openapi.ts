import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicabilityCondition, QuestionCondition } from '@konform/core';
import { VERSION } from '../version.js';
import { SESSION_COOKIE } from './auth.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Security = Record<string, string[]>[];

/**
 * Who may call an operation, as OpenAPI security requirements: nobody needs to sign in for a public route; the others
 * take a session cookie (with the CSRF header on unsafe methods) or an API token. Routes that ask for the password
 * and code again (signatures) take only a session: an API token cannot sign.
 */
export function operationSecurity(method: string, access: string | undefined, body: unknown): { security: Security; note: string } {
  if (access === 'public') return { security: [], note: 'Public: no sign-in needed.' };
  const unsafe = !SAFE_METHODS.has(method.toUpperCase());
  const session: Record<string, string[]> = unsafe ? { session: [], csrf: [] } : { session: [] };
  const permission = access === 'authenticated' || access === undefined ? 'Any signed-in user or API token.' : `Needs the permission \`${access}\`.`;
  if (reauthenticates(body)) {
    return { security: [session], note: `${permission} Signs with the password re-entered: only a session, API tokens cannot sign.` };
  }
  return { security: [session, { bearer: [] }], note: permission };
}

/** A body that asks the signer to re-enter the password and the second-factor code: a signature (see `modules/signatures`). */
export function reauthenticates(body: unknown): boolean {
  const properties = (body as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && 'password' in properties && 'code' in properties;
}

/**
 * Recursive schemas become named components (`#/components/schemas/…`): inlined, their self-references would point
 * nowhere and code generators (openapi-typescript) refuse the document.
 */
const NAMED_SCHEMAS: [z.ZodType, string][] = [
  [ApplicabilityCondition, 'ApplicabilityCondition'],
  [QuestionCondition, 'QuestionCondition'],
];

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export default fp(async (app) => {
  for (const [schema, id] of NAMED_SCHEMAS) if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Konform API',
        version: VERSION,
        description:
          'AI governance and proof of regulatory conformity. Errors are RFC 9457 problem documents. ' +
          'Authenticate with an API token (`Authorization: Bearer …`, created on the account page) or, in the browser, with the session cookie plus the `X-CSRF-Token` header on unsafe methods. ' +
          'Each operation names the permission it needs (`x-permission`).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The browser session, set by POST /api/auth/login.' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: 'With the session cookie on POST, PUT, PATCH and DELETE: the csrfToken that login and GET /api/auth/me return.',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              "An API token (account page → API tokens). It acts with its owner's roles and clearance; it may be limited to some permissions (`area.verb`, e.g. `system.read`) and to some AI systems or organisational units.",
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const schema = result.schema as Record<string, unknown>;
      // Carry the declared permission into the document, so API users see what each operation needs.
      const access = (input.route.config as { access?: string } | undefined)?.access;
      if (access) schema['x-permission'] = access;
      if (input.url.startsWith('/api')) {
        const method = Array.isArray(input.route.method) ? String(input.route.method[0]) : String(input.route.method);
        const { security, note } = operationSecurity(method, access, schema.body);
        schema.security = security;
        schema.description = typeof schema.description === 'string' && schema.description ? `${schema.description}\n\n${note}` : note;
      }
      return result;
    },
    transformObject: jsonSchemaTransformObject,
  });
});
