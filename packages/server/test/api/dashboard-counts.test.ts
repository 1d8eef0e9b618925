import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

/**
 * The requirement counts the dashboard reads (requirement_count, kept by triggers) must always equal a recount of the
 * current requirement rows, whoever writes them: the matrix API, a catalogue update retiring and restoring rows, and
 * plain SQL (inserts, moves, deletes, a rolled-back transaction).
 */
let t: TestApp;
let owner: { client: TestClient };
let governance: { client: TestClient };
const systems: string[] = [];

const rulesYaml = (version: string, requirements: string) => `
id: house-rules
version: "${version}"
kind: internal
title: { de: Hausregeln KI, en: House rules for AI }
publisher: Ministerium
source: Erlass 12/2026
licence: intern
requirements:
${requirements}`;
const rule = (n: number) => `  - id: hr-${n}\n    ref: HR ${n}\n    title: { de: Regel ${n}, en: Rule ${n} }\n`;

async function importAndAccept(version: string, rules: number[], expectedActive: string | null) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(rulesYaml(version, rules.map(rule).join('')), 'utf8')]), `rules-${version}.yaml`);
  const imported = await governance.client.post('/api/catalogs/import', form);
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const accepted = await governance.client.post(`/api/catalogs/house-rules/versions/${version}/accept`, { expectedActive });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return accepted.body as { retiredRows: number; restoredRows: number };
}

type Counts = Record<string, number>;

/** A recount from the rows: `system|catalogue|status` → rows, current rows only. */
async function recount(): Promise<Counts> {
  const rows = await t.db.database.db.selectFrom('requirement_row').select(['system_id', 'requirement_key', 'status']).where('retired_at', 'is', null).execute();
  const counts: Counts = {};
  for (const r of rows) {
    const k = `${r.system_id}|${r.requirement_key.slice(0, r.requirement_key.indexOf(':'))}|${r.status}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** The maintained counts in the same shape (zeros left out). */
async function maintained(): Promise<Counts> {
  const rows = await t.db.database.db.selectFrom('requirement_count').selectAll().execute();
  const counts: Counts = {};
  const columns = { n_open: 'open', n_in_progress: 'in-progress', n_implemented: 'implemented', n_verified: 'verified', n_not_applicable: 'not-applicable' } as const;
  for (const r of rows) {
    for (const [column, status] of Object.entries(columns)) {
      const n = Number(r[column as keyof typeof columns]);
      expect(n, `${column} of ${r.system_id}/${r.catalog_id} is never negative`).toBeGreaterThanOrEqual(0);
      if (n > 0) counts[`${r.system_id}|${r.catalog_id}|${status}`] = n;
    }
  }
  return counts;
}

async function expectConsistent() {
  expect(await maintained()).toEqual(await recount());
}

const patch = (systemId: string, key: string, body: Record<string, unknown>) => owner.client.patch(`/api/systems/${systemId}/requirements/${key}`, body);

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  const unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
  for (let i = 0; i < 3; i++) systems.push((await t.newSystem(owner.client, unit, { name: `Zählsystem ${i}` })).id);
});
afterAll(async () => t.close());

describe('requirement counts kept by the database', () => {
  it('follow the matrix API: new rows, status changes back and forth', async () => {
    await importAndAccept('1.0', [1, 2, 3, 4], null);
    await expectConsistent();
    for (const [i, id] of systems.entries()) {
      expect((await patch(id, 'house-rules:hr-1', { status: 'in-progress' })).status).toBe(200);
      expect((await patch(id, 'house-rules:hr-2', { status: 'in-progress' })).status).toBe(200);
      expect((await patch(id, 'house-rules:hr-2', { status: 'implemented' })).status).toBe(200);
      if (i > 0) expect((await patch(id, 'house-rules:hr-3', { status: 'not-applicable', justification: 'Nicht einschlägig' })).status).toBe(200);
    }
    await expectConsistent();
    expect((await patch(systems[0]!, 'house-rules:hr-1', { status: 'open' })).status).toBe(200);
    expect((await patch(systems[1]!, 'house-rules:hr-3', { status: 'open' })).status).toBe(200);
    expect((await patch(systems[1]!, 'house-rules:hr-3', { status: 'in-progress' })).status).toBe(200);
    await expectConsistent();
    expect(await maintained()).toMatchObject({ [`${systems[0]}|house-rules|open`]: 1, [`${systems[0]}|house-rules|implemented`]: 1, [`${systems[1]}|house-rules|in-progress`]: 2 });
  });

  it('follow a catalogue update that retires rows and a later one that restores them', async () => {
    const retired = await importAndAccept('1.1', [1, 4], '1.0');
    expect(retired.retiredRows).toBeGreaterThan(0);
    await expectConsistent();
    expect(Object.keys(await maintained()).some((k) => k.includes('|house-rules|implemented'))).toBe(false); // hr-2 rows retired
    const restored = await importAndAccept('1.2', [1, 2, 3, 4], '1.1');
    expect(restored.restoredRows).toBe(retired.retiredRows);
    await expectConsistent();
  });

  it('follow plain SQL: inserts, moves between systems and catalogues, retiring, deletes; a rollback leaves them alone', async () => {
    const db = t.db.database.db;
    const now = new Date().toISOString();
    const row = (systemId: string, key: string, status: string) => ({
      system_id: systemId, requirement_key: key, status, owner: null, due_date: null, justification: null, implemented_by: null, verified_by: null, version: 1, updated_at: now,
    });
    await db.insertInto('requirement_row').values([row(systems[2]!, 'other:x-1', 'open'), row(systems[2]!, 'other:x-2', 'verified'), row(systems[1]!, 'other:x-1', 'in-progress')]).execute();
    await expectConsistent();
    await db.updateTable('requirement_row').set({ status: 'implemented' }).where('requirement_key', 'like', 'other:%').execute();
    await db.updateTable('requirement_row').set({ requirement_key: 'third:x-2' }).where('requirement_key', '=', 'other:x-2').execute();
    await db.updateTable('requirement_row').set({ system_id: systems[0]! }).where('system_id', '=', systems[1]!).where('requirement_key', '=', 'other:x-1').execute();
    await expectConsistent();
    await db.updateTable('requirement_row').set({ retired_at: now, status: 'open' }).where('requirement_key', '=', 'third:x-2').execute();
    await db.updateTable('requirement_row').set({ owner: 'Referat Z' }).where('requirement_key', '=', 'third:x-2').execute();
    await expectConsistent();
    await db.updateTable('requirement_row').set({ retired_at: null }).where('requirement_key', '=', 'third:x-2').execute();
    await db.deleteFrom('requirement_row').where('requirement_key', '=', 'other:x-1').execute();
    await expectConsistent();
    const before = await maintained();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('requirement_row').values(row(systems[0]!, 'other:x-9', 'open')).execute();
        await trx.updateTable('requirement_row').set({ status: 'verified' }).where('system_id', '=', systems[0]!).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await maintained()).toEqual(before);
    await expectConsistent();
  });

  it('answer the dashboard with the same figures as a count over the rows', async () => {
    const dashboard = (await governance.client.get('/api/dashboard')).body;
    expect(dashboard.progress.catalogs).toBeDefined();
    const recounted = await sql<{ n: number | string }>`select count(*) as n from requirement_row r join ai_system s on s.id = r.system_id
      where r.retired_at is null and s.archived_at is null and r.requirement_key like 'house-rules:%'`.execute(t.db.database.db);
    const house = dashboard.progress.catalogs.find((c: { catalogId: string }) => c.catalogId === 'house-rules');
    expect(house.open + house.inProgress + house.implemented + house.verified + house.notApplicable).toBe(Number(recounted.rows[0]!.n));
  });
});
