import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Stringify = (data: unknown) => string;

export interface ResponseSerializerOptions {
  check: boolean;
  /** Told when a schema is not compiled and zod serialises its responses instead (production only). */
  onFallback?: (route: string, error: unknown) => void;
  /** Filled with each route's `METHOD url status` and a function that compiles its writer now (tests). */
  writers?: Map<string, () => void>;
}

/**
 * Serialises responses with a writer compiled from the route's zod response schema (fast-json-stringify over the
 * schema's JSON Schema). Like zod's parse it writes only the fields the schema declares, so a handler that returns a
 * whole row cannot leak a column; unlike it, it builds no validated copy of the response first: on a 500-row matrix
 * that copy was a third of the request's main-thread time and much of its garbage.
 *
 * `check: true` (the test suites) also validates every response against its zod schema and compares the compiled
 * writer's output with zod's parse followed by `JSON.stringify`; any difference is an error. The tests, which reach
 * every route, thereby prove that the writer and the schema agree. In production a schema that cannot be compiled
 * falls back to zod's parse and `JSON.stringify`, the behaviour before.
 */
export function responseSerializerCompiler(options: ResponseSerializerOptions): FastifySerializerCompiler<unknown> {
  return ({ schema: maybeSchema, method, url, httpStatus }) => {
    const schema = zodSchemaOf(maybeSchema);
    const route = `${method} ${url} ${httpStatus}`;
    // Compiled on first use: a test run builds hundreds of apps whose routes are mostly never called.
    let stringify: Stringify | undefined;
    const writer = (): Stringify => {
      if (stringify) return stringify;
      try {
        stringify = compileWriter(schema);
      } catch (error) {
        if (options.check) throw new Error(`The response schema of ${route} cannot be compiled: ${String(error)}`);
        options.onFallback?.(route, error);
        stringify = (data) => {
          const result = schema.safeParse(data);
          if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
          return JSON.stringify(result.data);
        };
      }
      return stringify;
    };
    options.writers?.set(route, () => void writer());
    return (data) => {
      if (!options.check) return writer()(data);
      const result = schema.safeParse(data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      const written = writer()(data);
      // The writer puts required fields before optional ones; field order carries no meaning in JSON.
      const difference = firstDifference(JSON.parse(written), result.data, '$');
      if (difference) throw new Error(`The compiled writer of ${route} differs from its schema at ${difference}`);
      return written;
    };
  };
}

/** fast-json-stringify for the schema's output side; throws when the schema has no JSON Schema equivalent. */
export function compileWriter(schema: z.ZodType): Stringify {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  // The validators that pick a union's branch are compiled now, not at the first value that reaches them: compiling
  // one took 37 ms, a stall of every request in flight, at any later moment a rare branch first occurred.
  return fastJsonStringify(forWriter(json) as Parameters<typeof fastJsonStringify>[0], { compileValidators: true });
}

const NULL_ONLY = JSON.stringify({ type: 'null' });

/**
 * The JSON Schema as the writer should read it:
 * - `additionalProperties: false` is dropped. The writer ignores undeclared fields either way, but it chooses among a
 *   union's branches by validating the value, and a handler's value may carry fields the schema strips.
 * - zod writes a nullable value as `anyOf: [X, {type: null}]`, which the writer would decide by running a validator
 *   on every such value (seven per matrix row); as X with `nullable: true` it is one comparison with null.
 */
function forWriter(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forWriter);
  if (node === null || typeof node !== 'object') return node;
  const { anyOf, ...rest } = node as Record<string, unknown>;
  if (Array.isArray(anyOf) && anyOf.length === 2 && JSON.stringify(anyOf[1]) === NULL_ONLY && simpleTyped(anyOf[0])) {
    return forWriter({ ...rest, ...anyOf[0], nullable: true });
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = forWriter(value);
  }
  return out;
}

/** A schema of one plain type, without references or combinations that `nullable` could not stand beside. */
function simpleTyped(schema: unknown): schema is Record<string, unknown> {
  if (schema === null || typeof schema !== 'object') return false;
  const s = schema as Record<string, unknown>;
  return typeof s.type === 'string' && s.type !== 'null' && !('$ref' in s) && !('anyOf' in s) && !('oneOf' in s) && !('allOf' in s) && !('nullable' in s);
}

function zodSchemaOf(maybeSchema: unknown): z.ZodType {
  if (maybeSchema instanceof z.ZodType) return maybeSchema;
  if (maybeSchema !== null && typeof maybeSchema === 'object' && 'properties' in maybeSchema && maybeSchema.properties instanceof z.ZodType) return maybeSchema.properties;
  throw new Error(`Response schemas are zod schemas: ${JSON.stringify(maybeSchema)}`);
}

/** The path of the first place where the written JSON and zod's parsed value differ, or null when they agree. */
function firstDifference(written: unknown, expected: unknown, path: string): string | null {
  const parsed = JSON.parse(JSON.stringify(expected)) as unknown;
  return compare(written, parsed, path);
}

function compare(a: unknown, b: unknown, path: string): string | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (length ${a.length} instead of ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = compare(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return `${path} (${JSON.stringify(a)?.slice(0, 80)} instead of ${JSON.stringify(b)?.slice(0, 80)})`;
}
