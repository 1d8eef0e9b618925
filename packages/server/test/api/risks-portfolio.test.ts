import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

// The portfolio risk list `GET /api/risks` filters, counts and pages in the database. Every page must hold exactly
// what filtering the systems' own registers (filtered in memory) and sorting by system name and number gives.

interface ListedRisk { id: string; number: number; status: string; likelihood: number | null; impact: number | null; residualLikelihood: number | null; residualImpact: number | null; reviewOverdue: boolean; systemName?: string }

let t: TestApp;
let reader: TestClient;
const systems: Array<{ id: string; name: string }> = [];

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  const unit = await t.newUnit();
  const owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  reader = owner.client;
  // Names out of creation order, so the list's order is the names', not the insertion's.
  for (const name of ['Zuweisung Anträge', 'Auskunft Bürgerservice', 'Mittelvergabe Prüfung']) {
    const system = await t.newSystem(owner.client, unit, { name });
    systems.push({ id: system.id, name });
  }
  const ratings = [
    { likelihood: 5, impact: 5 }, { likelihood: 2, impact: 3, residualLikelihood: 1, residualImpact: 2 }, {},
    { likelihood: 5, impact: 5, nextReview: '2020-01-01' }, { likelihood: 1, impact: 1, nextReview: '2099-01-01' },
  ];
  for (const [s, system] of systems.entries()) {
    for (const [i, rating] of ratings.entries()) {
      const created = await owner.client.post(`/api/systems/${system.id}/risks`, { title: `Risiko ${s}-${i}`, ...rating });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      // Every third risk closed (one of them overdue by date, which a closed risk never is).
      if ((s + i) % 3 === 0) expect((await owner.client.patch(`/api/risks/${created.body.id}`, { version: 1, status: 'closed' })).status).toBe(200);
    }
  }
  // Another unit's risk stays out of the reader's list.
  const elsewhere = await t.newUnit();
  const stranger = await t.newUser([{ orgUnitId: elsewhere, role: 'owner' }]);
  const foreign = await t.newSystem(stranger.client, elsewhere, { name: 'Aaa fremdes System' });
  expect((await stranger.client.post(`/api/systems/${foreign.id}/risks`, { title: 'Fremd', likelihood: 5, impact: 5 })).status).toBe(201);
});
afterAll(async () => t.close());

/** What the list must answer: each system's register filtered the same way, ordered by system name and number. */
async function expected(query: string): Promise<Array<{ id: string; systemName: string }>> {
  const out: Array<{ id: string; systemName: string; number: number }> = [];
  for (const system of [...systems].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const reply = await reader.get(`/api/systems/${system.id}/risks?limit=100${query}`);
    expect(reply.status).toBe(200);
    for (const r of reply.body.items as ListedRisk[]) out.push({ id: r.id, systemName: system.name, number: r.number });
  }
  return out.map(({ id, systemName }) => ({ id, systemName }));
}

describe('portfolio risk list, paged in the database', () => {
  it.each([
    ['', 15],
    ['&status=closed', 5],
    ['&cell=inherent:5-5', 6],
    ['&cell=residual:1-2', 3],
    ['&overdue=true', 2],
    ['&status=assessed&cell=inherent:5-5', 4],
  ])('answers the same risks, totals and order as the registers for %s', async (query, count) => {
    const want = await expected(query);
    expect(want).toHaveLength(count);
    const pages: Array<{ id: string; systemName: string }> = [];
    for (let offset = 0; offset < count + 4; offset += 4) {
      const page = await reader.get(`/api/risks?limit=4&offset=${offset}${query}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: count, limit: 4, offset });
      expect(page.body.items.length).toBe(Math.max(0, Math.min(4, count - offset)));
      pages.push(...(page.body.items as Array<ListedRisk & { systemName: string }>).map((r) => ({ id: r.id, systemName: r.systemName })));
    }
    expect(pages).toEqual(want);
  });

  it('answers an empty page past the end with the total', async () => {
    const reply = await reader.get('/api/risks?limit=10&offset=100');
    expect(reply.body).toEqual({ items: [], total: 15, limit: 10, offset: 100 });
  });
});
