import fp from 'fastify-plugin';
import { invalid } from '../http/errors.js';

/** The dotted path of the first string inside `value` that holds a NUL character, or undefined. */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // Uploads and raw bodies are checked by their own readers, byte by byte where it matters.
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = nulPath(value[i], path ? `${path}.${i}` : String(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = nulPath(inner, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Text never holds NUL (U+0000): PostgreSQL cannot store it in a text column, SQLite would keep it and hand it to
 * every export. Refused up front for the body, the query string and path parameters, naming the field, on both
 * engines alike, instead of an error deep in the database (found by the property-based tests).
 */
export default fp(async (app) => {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['', request.body], ['query', request.query], ['params', request.params]] as const) {
      const path = nulPath(value);
      if (path !== undefined) throw invalid(where && path ? `${where}.${path}` : path || where, 'Text must not contain the NUL character (U+0000)');
    }
  });
});
