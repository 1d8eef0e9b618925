import { randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiSystemListQuery } from '@konform/core';
import { listQueries } from '../../src/modules/systems/repository.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_DIALECT } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

/** The steps of SQLite's plan for a statement, as `explain query plan` gives them. */
async function planOf(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<string[]> {
  const compiled = query.compile();
  const result = await t.db.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => r.detail);
}

describe('the inventory search over the whole portfolio', () => {
  it('finds every live match and counts it, archived ones only when asked, whatever the plan', async () => {
    const token = `suchprobe${randomUUID().slice(0, 8)}`;
    const unit = await t.newUnit();
    const other = await t.newUnit();
    const admin = (await t.newUser([{ orgUnitId: unit, role: 'admin' }], { clearance: 'VS-NfD' })).client;
    const a = await t.newSystem(admin, unit, { name: `Alpha ${token}` });
    const b = await t.newSystem(admin, other, { name: 'Beta', description: `Beschreibung mit ${token.toUpperCase()}` });
    const c = await t.newSystem(admin, other, { name: `Gamma ${token}` });
    expect((await admin.post(`/api/systems/${c.id}/archive`, { version: 1, reason: 'Außer Betrieb' })).status).toBe(200);

    const live = await admin.get(`/api/systems?q=${token}&sort=name`);
    expect(live.status).toBe(200);
    expect(live.body.total).toBe(2);
    expect(live.body.items.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
    const archived = await admin.get(`/api/systems?q=${token}&archived=true`);
    expect(archived.body).toMatchObject({ total: 1, items: [{ id: c.id }] });
    const all = await admin.get(`/api/systems?q=${token}&archived=all`);
    expect(all.body.total).toBe(3);
    const narrowed = await admin.get(`/api/systems?q=${token}&unit=${other}`);
    expect(narrowed.body).toMatchObject({ total: 1, items: [{ id: b.id }] });
  });

  // Counting a search over every live system, SQLite reads the table front to back instead of walking an index and
  // looking each row up (systems/repository.ts, searchesAll); a narrowing filter keeps its index.
  it.runIf(TEST_DIALECT === 'sqlite')('counts a search over the whole portfolio by reading the table, a narrowed one by its index', async () => {
    const database = t.db.database;
    const query = (fields: Record<string, string>) => AiSystemListQuery.parse(fields);
    const whole = listQueries(database, 'all', query({ q: 'übersetzung' }), undefined, null, ['offen'])!;
    expect(await planOf(whole.count)).toEqual(['SCAN ai_system']);
    const unit = listQueries(database, 'all', query({ q: 'übersetzung' }), [randomUUID()], null, ['offen'])!;
    expect((await planOf(unit.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    const staged = listQueries(database, 'all', query({ q: 'übersetzung', stage: 'operation' }), undefined, null, ['offen'])!;
    expect((await planOf(staged.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    // Without a search the count stays on the live-filter index alone.
    const plain = listQueries(database, 'all', query({}), undefined, null, ['offen'])!;
    expect((await planOf(plain.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    // The page of a search still walks the sort order's index and stops after the page.
    expect((await planOf(whole.page)).join(' ')).toContain('ai_system_live_name_idx');
  });
});
