// fast-check arbitraries derived from the JSON Schemas of the OpenAPI document (which are generated from the zod
// schemas that validate requests): values that should pass, and values that should be refused.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  [key: string]: unknown;
};

/** Strings that have broken web applications before: markup, spreadsheet formulas, NUL, right-to-left, long runs. */
const NASTY = ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '+SUM(A1)', '@cmd', 'a\u0000b', 'Ä ö ü ß €', '\u202Eevil', "'; drop table ai_system; --", '../../etc/passwd', ' ', '%00', '{{7*7}}'];

export interface ArbitraryContext {
  /** Ids of existing records, so that valid requests reach past the 404. */
  ids: readonly string[];
  resolve(ref: string): JsonSchema;
}

function text(min: number, max: number): fc.Arbitrary<string> {
  const cappedMax = Math.max(min, Math.min(max, min + 40));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: cappedMax }) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY).filter((s) => s.length >= min && s.length <= max) },
  );
}

/** Strings matching the pattern, where fast-check can generate them (it cannot for look-arounds); else plain text. */
function matching(pattern: string, maxLength: number): fc.Arbitrary<string> {
  try {
    const arbitrary = fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= maxLength);
    fc.sample(arbitrary, 1);
    return arbitrary;
  } catch {
    return fc.string({ maxLength: Math.min(maxLength, 40) });
  }
}

function isoDate(): fc.Arbitrary<string> {
  return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
}

export function valid(schema: JsonSchema, ctx: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valid(ctx.resolve(schema.$ref), ctx, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => valid(s, ctx, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return valid(schema.allOf[0]!, ctx, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return ctx.ids.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: fc.uuid({ version: 4 }) }) : fc.uuid({ version: 4 });
      if (schema.format === 'date') return isoDate().map((d) => d.slice(0, 10));
      if (schema.format === 'date-time') return isoDate();
      if (schema.format === 'uri') return fc.constantFrom('https://example.org/a', 'http://127.0.0.1:1/x', 'https://konform.example/ä?x=1');
      if (schema.format === 'email') return fc.constantFrom('a@example.org', 'x.y@test.example');
      if (schema.pattern) return fc.oneof(matching(schema.pattern, schema.maxLength ?? 200), text(schema.minLength ?? 0, schema.maxLength ?? 200));
      return text(schema.minLength ?? 0, schema.maxLength ?? 200);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
      if (type === 'integer') return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minItems = schema.minItems ?? 0;
      if (depth > 4) return fc.constant([]);
      return fc.array(schema.items ? valid(schema.items, ctx, depth + 1) : fc.constant(null), { minLength: minItems, maxLength: Math.max(minItems, Math.min(schema.maxItems ?? 3, minItems + 3)) });
    }
    case 'object':
    default: {
      const properties = schema.properties ?? {};
      if (depth > 5) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(properties);
      if (entries.length === 0) return fc.constant({});
      return fc.record(
        Object.fromEntries(entries.map(([key, s]) => [key, valid(s, ctx, depth + 1)])),
        { requiredKeys: [...required].filter((k) => k in properties) },
      );
    }
  }
}

/** A value the schema should refuse: a required field removed, a field of the wrong type, an unknown field, or junk. */
export function invalid(schema: JsonSchema, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const resolved = schema.$ref ? ctx.resolve(schema.$ref) : schema;
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, [], 'x', 0, -1, true, { __proto__: { admin: true } }));
  const properties = resolved.properties;
  if (!properties || Object.keys(properties).length === 0) return junk;
  const keys = Object.keys(properties);
  return fc.oneof(
    junk,
    valid(resolved, ctx).chain((value) => {
      const record = { ...(value as Record<string, unknown>) };
      return fc.oneof(
        fc.constantFrom(...keys).map((k) => {
          const copy = { ...record };
          delete copy[k];
          return copy;
        }),
        fc.tuple(fc.constantFrom(...keys), fc.constantFrom<unknown>(12345, 'not-a-valid-value', null, [], {}, true, 'x'.repeat(30_000))).map(([k, v]) => ({ ...record, [k]: v })),
        fc.constant({ ...record, unexpectedField: 'x' }),
      );
    }),
  );
}
