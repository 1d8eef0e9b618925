import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '@konform/core';
import { HttpProblem } from '../http/errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'type' | 'title'> & { title?: string }) {
  const body: Problem = {
    type: problem.code ? `urn:konform:problem:${problem.code}` : 'about:blank',
    title: problem.title ?? TITLES[problem.status] ?? 'Error',
    ...problem,
    instance: request.url.split('?')[0],
  };
  return reply.status(problem.status).type('application/problem+json').send(body);
}

/** `/roles/0` → `roles.0` */
function dotted(instancePath: string | undefined): string {
  return (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
}

/** Every error leaves as an RFC 9457 problem document; nothing a client sends yields a stack trace. */
export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      if (error.headers) void reply.headers(error.headers);
      return sendProblem(reply, request, {
        status: error.status,
        code: error.code,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        ...error.extensions,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as unknown as { instancePath?: string; keyword?: string; params?: unknown; message?: string }[];
      const errors = issues.flatMap((v) => {
        const field = dotted(v.instancePath);
        const unknownKeys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
        if (unknownKeys && unknownKeys.length > 0) {
          return unknownKeys.map((k) => ({ path: field ? `${field}.${k}` : k, message: 'Unknown field' }));
        }
        return [{ path: field, message: v.message ?? 'Invalid value' }];
      });
      return sendProblem(reply, request, {
        status: 400,
        code: 'validation',
        detail: `The request ${error.validationContext ?? 'input'} is invalid`,
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(reply, request, { status: 500, code: 'internal', detail: 'An internal error occurred' });
    }
    // Another process held the SQLite write lock longer than the busy timeout (overload): the transaction wrote
    // nothing, and the request may be sent again.
    if (typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY')) {
      request.log.warn({ code: error.code }, 'database write lock not free within the busy timeout');
      void reply.header('retry-after', '1');
      return sendProblem(reply, request, { status: 503, code: 'database-busy', detail: 'The database is busy; nothing was changed. Try again shortly.' });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, { status, code: 'internal', detail: 'An internal error occurred' });
    }
    // Fastify's own client errors (malformed JSON, body too large, wrong content type) keep their message.
    return sendProblem(reply, request, { status, code: error.code?.toLowerCase() ?? 'bad-request', detail: error.message });
  });

});
