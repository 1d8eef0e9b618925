import Fastify, { type FastifyInstance } from 'fastify';
import { isResponseSerializationError, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileWriter, responseSerializerCompiler, type ResponseSerializerOptions } from './response-serializer.js';

const Row = z.object({
  id: z.string(),
  title: z.object({ de: z.string(), en: z.string() }),
  owner: z.string().nullable(),
  note: z.string().optional(),
  kind: z.enum(['group', 'requirement']).default('requirement'),
  tags: z.array(z.string()),
});
const Page = z.object({ items: z.array(Row), total: z.number().int() });
const Shape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('circle'), radius: z.number() }),
  z.object({ type: z.literal('square'), side: z.number() }),
]);
// A transform has no JSON Schema: such a schema cannot be compiled.
const Transformed = z.object({ n: z.number().transform((n) => String(n)) });

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A Fastify app with the compiler under test and one route per response, returning what the test hands it. */
async function serve(options: ResponseSerializerOptions, schema: z.ZodType, body: unknown) {
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(options));
  const errors: unknown[] = [];
  app.setErrorHandler((error, _req, reply) => {
    errors.push(error);
    return reply.status(500).send('failed');
  });
  app.get('/r', { schema: { response: { 200: schema } } }, () => body);
  const response = await app.inject({ method: 'GET', url: '/r' });
  return { response, errors };
}

const row = { id: 'r1', title: { de: 'Titel', en: 'Title' }, owner: null, tags: ['a'], password_hash: 'secret', extra: { deep: 1 } };

describe('compiled response writer', () => {
  for (const check of [false, true]) {
    it(`writes only declared fields, nulls, defaults and union branches (check ${check})`, async () => {
      const { response } = await serve({ check }, Page, { items: [row, { ...row, id: 'r2', note: 'n', kind: 'group', owner: 'o' }], total: 2, leaked: true });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('secret');
      expect(response.body).not.toContain('leaked');
      expect(response.json()).toEqual({
        items: [
          { id: 'r1', title: { de: 'Titel', en: 'Title' }, owner: null, kind: 'requirement', tags: ['a'] },
          { id: 'r2', title: { de: 'Titel', en: 'Title' }, owner: 'o', note: 'n', kind: 'group', tags: ['a'] },
        ],
        total: 2,
      });
      const union = await serve({ check }, z.array(Shape), [{ type: 'square', side: 2, radius: 9 }, { type: 'circle', radius: 1, colour: 'red' }]);
      expect(union.response.json()).toEqual([{ type: 'square', side: 2 }, { type: 'circle', radius: 1 }]);
    });
  }

  it('writes nullable values of every kind, and unions that contain null, as zod does', async () => {
    const Nullables = z.object({
      date: z.iso.date().nullable(),
      stamp: z.iso.datetime({ offset: true }).nullable(),
      count: z.number().int().nullable(),
      flag: z.boolean().nullable(),
      kind: z.enum(['a', 'b']).nullable(),
      text: z.object({ de: z.string(), en: z.string() }).nullable(),
      list: z.array(z.string()).nullable(),
      either: z.union([z.string(), z.number()]).nullable(),
      shape: Shape.nullable(),
    });
    const values = [
      { date: null, stamp: null, count: null, flag: null, kind: null, text: null, list: null, either: null, shape: null },
      { date: '2026-11-28', stamp: '2026-11-28T10:00:00.000Z', count: 0, flag: false, kind: 'b', text: { de: 'ä', en: 'a', x: 1 }, list: [], either: 3, shape: { type: 'circle', radius: 2 } },
      { date: '2027-01-01', stamp: '2026-11-28T10:00:00+01:00', count: 7, flag: true, kind: 'a', text: { de: '', en: '' }, list: ['x'], either: 'drei', shape: null },
    ];
    for (const value of values) {
      const { response } = await serve({ check: true }, Nullables, value);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(Nullables.parse(value));
    }
  });

  it('writes strings with quotes, control characters and script tags as JSON.stringify does', () => {
    const text = 'a "b" \\ c\n\t\u0000 </script><script>alert(1)</script> ü € 😀';
    expect(compileWriter(z.object({ t: z.string() }))({ t: text })).toBe(JSON.stringify({ t: text }));
  });

  it('in check mode, refuses a response that violates its schema', async () => {
    const { response, errors } = await serve({ check: true }, Page, { items: [{ ...row, owner: 42 }], total: 1 });
    expect(response.statusCode).toBe(500);
    expect(isResponseSerializationError(errors[0])).toBe(true);
  });

  it('in check mode, refuses a schema it cannot compile; in production, falls back to zod and says so', async () => {
    const checked = await serve({ check: true }, Transformed, { n: 1 });
    expect(checked.response.statusCode).toBe(500);
    expect(String(errors(checked))).toMatch(/GET \/r 200 cannot be compiled/);
    const fallbacks: string[] = [];
    const production = await serve({ check: false, onFallback: (route) => fallbacks.push(route) }, Transformed, { n: 1, x: 2 });
    expect(production.response.statusCode).toBe(200);
    expect(production.response.json()).toEqual({ n: '1' });
    expect(fallbacks).toEqual(['GET /r 200']);
    const invalid = await serve({ check: false }, Transformed, { n: 'one' });
    expect(isResponseSerializationError(invalid.errors[0])).toBe(true);
  });

  it('lists every route with a function that compiles its writer', async () => {
    const writers = new Map<string, () => void>();
    await serve({ check: true, writers }, Transformed, {});
    expect([...writers.keys()]).toEqual(['GET /r 200', 'HEAD /r 200']);
    expect(() => writers.get('GET /r 200')!()).toThrow(/cannot be compiled/);
  });
});

function errors(served: { errors: unknown[] }) {
  return served.errors.map((e) => (e instanceof Error ? e.message : String(e)));
}
