import { randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiSystemListQuery } from '@konform/core';
import { listQueries } from '../../src/modules/systems/repository.js';
import { withPlannerOption } from '../../src/db/database.js';
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

  it('finds what the trigram index cannot (terms under three characters) and follows every change of a system', async () => {
    const token = `q${randomUUID().slice(0, 6)}`;
    const unit = await t.newUnit();
    const admin = (await t.newUser([{ orgUnitId: unit, role: 'admin' }], { clearance: 'VS-NfD' })).client;
    const quoted = await t.newSystem(admin, unit, { name: `Zitat "${token}" 50%_Ä` });
    const found = async (q: string) => ((await admin.get(`/api/systems?q=${encodeURIComponent(q)}&archived=all&limit=200`)).body as { items: { id: string }[] }).items.map((i) => i.id);
    // Quotes, wildcards and umlauts are literal, whatever the case.
    expect(await found(`"${token}"`)).toEqual([quoted.id]);
    expect(await found(`${token.toUpperCase()}" 50%_ä`)).toEqual([quoted.id]);
    expect(await found(`${token}" 50_`)).toEqual([]);
    // A term of two characters is searched without the index (and still only in live systems' texts).
    expect(await found('%_')).toEqual([quoted.id]);
    // Renaming moves the system in the index; the old name finds nothing.
    expect((await admin.patch(`/api/systems/${quoted.id}`, { version: 1, name: `Umbenannt ${token}x` })).status).toBe(200);
    expect(await found(`zitat "${token}`)).toEqual([]);
    expect(await found(`umbenannt ${token}x`)).toEqual([quoted.id]);
  });

  // A term the trigram index can serve is looked up there (SQLite: the FTS5 table of migration 0037); a shorter one is
  // searched in the table, and then a count over every live system reads the table front to back instead of walking an
  // index and looking each row up (systems/repository.ts, searchesAll); a narrowing filter keeps its index.
  it.runIf(TEST_DIALECT === 'sqlite')('looks a term up in the trigram index, and reads the table for a shorter one', async () => {
    const database = t.db.database;
    const query = (fields: Record<string, string>) => AiSystemListQuery.parse(fields);
    const indexed = listQueries(database, 'all', query({ q: 'übersetzung' }), undefined, null, ['offen'])!;
    expect((await planOf(indexed.count)).join(' ')).toContain('SCAN ai_system_search VIRTUAL TABLE');
    expect((await planOf(indexed.page)).join(' ')).toContain('SCAN ai_system_search VIRTUAL TABLE');
    const whole = listQueries(database, 'all', query({ q: 'kü' }), undefined, null, ['offen'])!;
    expect(await planOf(whole.count)).toEqual(['SCAN ai_system']);
    const unit = listQueries(database, 'all', query({ q: 'kü' }), [randomUUID()], null, ['offen'])!;
    expect((await planOf(unit.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    const staged = listQueries(database, 'all', query({ q: 'kü', stage: 'operation' }), undefined, null, ['offen'])!;
    expect((await planOf(staged.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    // Without a search the count stays on the live-filter index alone.
    const plain = listQueries(database, 'all', query({}), undefined, null, ['offen'])!;
    expect((await planOf(plain.count)).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    // The page of a short term walks the sort order's index and stops after the page.
    expect((await planOf(whole.page)).join(' ')).toContain('ai_system_live_name_idx');
  });

  // PostgreSQL takes the trigram index only when a random page read is costed as cheap as on SSDs (database.ts,
  // readSearch): searches run on connections of their own with that setting, every other query keeps the server's.
  it.runIf(TEST_DIALECT === 'postgres')('searches through the trigram index on connections that cost random reads as on SSDs', async () => {
    const database = t.db.database;
    const setting = { compile: () => CompiledQuery.raw('show random_page_cost') as CompiledQuery<{ random_page_cost: string }> };
    expect(await database.readSearch(setting)).toEqual([{ random_page_cost: '1.1' }]);
    expect(await database.readAside(setting)).toEqual([{ random_page_cost: '4' }]);
    const index = await database.db.executeQuery<{ indexdef: string }>(CompiledQuery.raw(`select indexdef from pg_indexes where indexname = 'ai_system_search_trgm_idx'`));
    expect(index.rows[0]?.indexdef).toMatch(/USING gin \(search_text gin_trgm_ops\).*WHERE \(archived_at IS NULL\)/);
  });
});

describe('withPlannerOption', () => {
  it('adds the setting to the options a connection URL already carries', () => {
    const plain = new URL(withPlannerOption('postgres://konform@db:5432/konform', 'random_page_cost=1.1'));
    expect(plain.searchParams.get('options')).toBe('-c random_page_cost=1.1');
    const own = new URL(withPlannerOption('postgres://konform:s%40cret@db/konform?sslmode=require&options=-c%20search_path%3Dkonform', 'random_page_cost=1.1'));
    expect(own.searchParams.get('options')).toBe('-c search_path=konform -c random_page_cost=1.1');
    expect(own.searchParams.get('sslmode')).toBe('require');
    expect(own.password).toBe('s%40cret');
  });
});
