// Property-based tests of every route: random valid and invalid bodies, query strings and path parameters derived
// from the API's own schemas, sent as every role. No answer may be a 5xx (a response that violates its own schema
// is one too: responses are serialised through their zod schemas), and no request may change a record without
// writing an audit event. KONFORM_FUZZ_RUNS sets the runs per route and role (default 3; nightly runs use more).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@konform/core';
import { FIXTURE_CATALOGS, startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { describeTables } from '../../src/backup/tables.js';
import { invalid, valid, type ArbitraryContext, type JsonSchema } from './schema-arbitrary.js';

const RUNS = Number(process.env.KONFORM_FUZZ_RUNS ?? 3);
/** Least to most powerful, so that the powerful roles' random writes disturb the others' runs least. */
const ROLE_ORDER: Role[] = ['viewer', 'auditor', 'lab', 'owner', 'governance', 'admin'];
/** Would end the session the run depends on (or another role's session the run depends on). */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/sessions/end-all', 'POST /api/users/:id/sessions/end-all']);
/** State that is written without an audit event on purpose: the trail itself, sessions, throttling, counters, queues. */
const UNAUDITED_TABLES = new Set(['audit_event', 'audit_chain_head', 'session', 'login_failure', 'api_token', 'requirement_count', 'job', 'notification', 'fuzz_write_counter', 'kysely_migration', 'kysely_migration_lock']);

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

let t: TestApp;
let ctx: ArbitraryContext;
let operations: Operation[] = [];
const clients = new Map<Role, TestClient>();

async function installWriteCounter(): Promise<void> {
  const database = t.db.database;
  const db = database.db;
  await sql`create table fuzz_write_counter (id integer primary key, n integer not null)`.execute(db);
  await sql`insert into fuzz_write_counter (id, n) values (1, 0)`.execute(db);
  const tables = (await describeTables(db, database.dialect)).map((x) => x.name).filter((name) => !UNAUDITED_TABLES.has(name));
  if (database.dialect === 'postgres') {
    await sql.raw(`create function fuzz_count() returns trigger as $$ begin update fuzz_write_counter set n = n + 1 where id = 1; return null; end $$ language plpgsql`).execute(db);
    for (const name of tables) await sql.raw(`create trigger fuzz_count_${name} after insert or update or delete on "${name}" for each row execute function fuzz_count()`).execute(db);
    return;
  }
  for (const name of tables) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql.raw(`create trigger fuzz_count_${name}_${event} after ${event} on "${name}" begin update fuzz_write_counter set n = n + 1 where id = 1; end`).execute(db);
    }
  }
}

async function counters(): Promise<{ writes: number; events: number }> {
  const db = t.db.database.db;
  const writes = await sql<{ n: number | string }>`select n from fuzz_write_counter where id = 1`.execute(db);
  const head = await db.selectFrom('audit_chain_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return { writes: Number(writes.rows[0]!.n), events: Number(head.seq) };
}

function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function requestArbitrary(op: Operation): fc.Arbitrary<{ url: string; body: unknown }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(
    { weight: 4, arbitrary: valid(p.schema, ctx).map((v) => String(v)) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'null', '%2e%2e', 'ä', 'x'.repeat(300), '00000000-0000-0000-0000-000000000000') },
  )])));
  const queryArb = fc.oneof(
    { weight: 3, arbitrary: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valid(p.schema, ctx)])), { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...queryParams.map((p) => p.name), 'limit', 'offset', 'sort', 'x'), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '1e9', 'NaN', '[]', '<b>'))) },
  );
  const bodyArb = op.body ? fc.oneof({ weight: 3, arbitrary: valid(op.body, ctx) }, { weight: 2, arbitrary: invalid(op.body, ctx) }) : fc.constant(undefined);
  return fc.record({ path: pathArb, query: queryArb, body: bodyArb }).map(({ path, query, body }) => {
    let url = op.path;
    for (const [name, value] of Object.entries(path)) url = url.replace(`{${name}}`, encodeURIComponent(value));
    return { url: `${url}${queryString(query)}`, body };
  });
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  const unit = await t.newUnit(null, 'Referat Fuzz');
  const sub = await t.newUnit(unit, 'Sachgebiet Fuzz');
  for (const role of ROLE_ORDER) clients.set(role, (await t.newUser([{ orgUnitId: role === 'owner' ? sub : unit, role }], { clearance: role === 'admin' ? 'VS-NfD' : 'offen' })).client);
  const admin = clients.get('admin')!;
  const system = await t.newSystem(admin, sub, { name: 'Fuzz-System' });
  await admin.post(`/api/systems/${system.id}/risks`, { title: 'Fuzz-Risiko' });
  await admin.post('/api/tasks', { title: 'Fuzz-Aufgabe', systemId: system.id });
  // Ids of existing records (never of user accounts, whose random changes would lock the run's own users out).
  const ids = new Set<string>([unit, sub, system.id as string]);
  for (const table of await describeTables(t.db.database.db, t.db.database.dialect)) {
    if (table.primaryKey.join() !== 'id' || ['app_user', 'api_token', 'session', 'role_assignment'].includes(table.name)) continue;
    const rows = await sql<{ id: unknown }>`select id from ${sql.table(table.name)} limit 2`.execute(t.db.database.db);
    for (const row of rows.rows) if (typeof row.id === 'string' && /^[0-9a-f-]{36}$/.test(row.id)) ids.add(row.id);
  }
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>; components?: { schemas?: Record<string, JsonSchema> } };
  ctx = {
    ids: [...ids],
    resolve: (ref) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {},
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      }))
      .filter((op) => !SKIPPED.has(`${op.method} ${op.path}`)));
  await installWriteCounter();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('every route with random input', () => {
  it('covers the routes the app declares', () => {
    expect(operations.length).toBeGreaterThan(150);
    const declared = new Set(t.routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    for (const op of operations) expect(declared.has(`${op.method} ${op.path}`) || op.path.startsWith('/api/docs'), `${op.method} ${op.path}`).toBe(true);
  });

  for (const role of ROLE_ORDER) {
    it(`answers ${role} without a server error and audits every change`, { timeout: 20 * 60_000 }, async () => {
      const client = clients.get(role)!;
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const op of operations) {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(op), async ({ url, body }) => {
            const before = await counters();
            const reply = await client.request(op.method, url, body);
            const after = await counters();
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
            const label = `${role} ${op.method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${reply.status} ${JSON.stringify(reply.body)?.slice(0, 300)}`;
            if (reply.status >= 500) failures.push(`server error: ${label}`);
            if (after.writes > before.writes && after.events === before.events) failures.push(`change without audit event: ${label}`);
          }),
          { numRuns: RUNS },
        );
      }
      console.log(`${role}: ${[...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      expect(failures).toEqual([]);
      // Random input must also get through: a run answered only with refusals would prove little.
      const accepted = [...statuses.entries()].filter(([s]) => s < 300).reduce((sum, [, n]) => sum + n, 0);
      expect(accepted).toBeGreaterThan(operations.length / 10);
    });
  }
});
