import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let owner: { id: string; email: string; client: TestClient };
let lab: { id: string; email: string; client: TestClient };
let viewer: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };
let governance2: { id: string; email: string; client: TestClient };
let systemId: string;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  const gov = await t.newUnit();
  governance = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  governance2 = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  systemId = (await t.newSystem(owner.client, unit)).id;
});
afterAll(async () => t.close());

async function createRisk(body: Record<string, unknown>) {
  const reply = await owner.client.post(`/api/systems/${systemId}/risks`, { title: 'Benachteiligung nach Herkunft', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('risk register', () => {
  it('records a risk rated on the default 5 × 5 matrix, numbered per system; readers read, others may not write', async () => {
    const matrix = (await viewer.client.get('/api/risk-matrix')).body;
    expect(matrix).toMatchObject({ version: 0, config: { likelihood: expect.any(Array), impact: expect.any(Array) } });
    expect(matrix.config.likelihood.map((s: { label: { de: string } }) => s.label.de)).toEqual(['sehr gering', 'gering', 'mittel', 'hoch', 'sehr hoch']);
    const risk = await createRisk({
      description: 'Das Modell ordnet Anfragen je nach Sprache unterschiedlich zu.', sourceId: 'harm-discrimination', affected: ['fundamental-rights'],
      rights: ['non-discrimination'], affectedGroups: 'Antragstellende mit Migrationsgeschichte', likelihood: 4, impact: 4, owner: 'Referat Z 4',
    });
    expect(risk).toMatchObject({ number: 1, status: 'assessed', inherentLevel: { id: 'hoch' }, residualLevel: null, acceptance: { state: 'none', level: 'hoch', required: 2 } });
    expect((await createRisk({ title: 'Modelldrift' })).number).toBe(2);
    expect((await viewer.client.get(`/api/systems/${systemId}/risks`)).body.total).toBe(2);
    expect((await viewer.client.post(`/api/systems/${systemId}/risks`, { title: 'x' })).status).toBe(403);
    expect((await lab.client.get(`/api/risks/${risk.id}`)).status).toBe(200);
    const stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
    expect((await stranger.client.get(`/api/risks/${risk.id}`)).status).toBe(403);
  });

  it('refuses ratings off the scale, unknown measures and sources, naming the field', async () => {
    const bad = await owner.client.post(`/api/systems/${systemId}/risks`, { title: 'x', likelihood: 6, measures: ['no-such-measure'], sourceId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['likelihood', 'measures.0', 'sourceId']);
    expect((await owner.client.post(`/api/systems/${systemId}/risks`, { title: '' })).status).toBe(400);
  });

  it('treats with a measure, re-rates the residual risk, and keeps optimistic locking', async () => {
    const risk = await createRisk({ likelihood: 3, impact: 3 });
    expect(risk.inherentLevel.id).toBe('mittel');
    const treated = await owner.client.patch(`/api/risks/${risk.id}`, { version: 1, treatment: 'reduce', measures: ['m-logging'], residualLikelihood: 2, residualImpact: 2, status: 'treated' });
    expect(treated.status, JSON.stringify(treated.body)).toBe(200);
    expect(treated.body).toMatchObject({ version: 2, status: 'treated', treatment: 'reduce', measures: ['m-logging'], residualLevel: { id: 'niedrig' }, acceptance: { level: 'niedrig', required: 1 } });
    expect((await owner.client.patch(`/api/risks/${risk.id}`, { version: 1, owner: 'late' })).status).toBe(409);
    const invalidStatus = await owner.client.patch(`/api/risks/${risk.id}`, { version: 2, status: 'accepted' });
    expect(invalidStatus.status).toBe(400);
    const history = (await governance.client.get(`/api/audit-events?entityType=risk&entityId=${risk.id}`)).body.items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['risk.update', 'risk.create']);
    expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'residualLevel', before: null, after: 'niedrig' }]));
  });
});

describe('risk acceptance', () => {
  it('refuses an unentitled role, counts signatures until the level is satisfied, and goes stale after an edit', async () => {
    const risk = await createRisk({ likelihood: 4, impact: 4, treatment: 'accept' });
    const sign = (client: TestClient, version: number) => client.post(`/api/risks/${risk.id}/accept`, { version, justification: 'Restrisiko vertretbar, Maßnahmen geplant', password: TEST_PASSWORD });

    expect((await sign(viewer.client, 1)).status).toBe(403);
    const ownerTry = await sign(owner.client, 1);
    expect(ownerTry.status).toBe(403);
    expect(ownerTry.body.detail).toContain('governance');

    const first = await sign(governance.client, 1);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.acceptance).toMatchObject({ state: 'pending', required: 2, signatures: [{ role: 'governance', justification: 'Restrisiko vertretbar, Maßnahmen geplant' }] });
    expect(first.body.status).not.toBe('accepted');
    expect((await sign(governance.client, 1)).status).toBe(409);
    const wrongPassword = await governance2.client.post(`/api/risks/${risk.id}/accept`, { version: 1, justification: 'Restrisiko vertretbar', password: 'wrong' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);

    const second = await sign(governance2.client, 1);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'accepted', acceptance: { state: 'accepted' } });
    expect(second.body.acceptance.signatures).toHaveLength(2);
    const signatures = (await governance.client.get(`/api/signatures?entityType=risk&entityId=${risk.id}`)).body.items;
    expect(signatures.map((s: { meaning: string }) => s.meaning)).toEqual(['accepted', 'accepted']);
    expect((await governance.client.get(`/api/signatures/${signatures[0].id}/verify`)).body).toMatchObject({ ok: true });

    const edited = await owner.client.patch(`/api/risks/${risk.id}`, { version: 1, description: 'Neue Erkenntnisse aus dem Testlabor' });
    expect(edited.body).toMatchObject({ version: 2, status: 'treated', acceptance: { state: 'stale', signatures: [] } });
    expect((await governance.client.get(`/api/signatures/${signatures[0].id}/verify`)).body).toMatchObject({ ok: false });
    // An unrated risk cannot be accepted.
    const unrated = await createRisk({ title: 'Noch nicht bewertet' });
    const notRated = await governance.client.post(`/api/risks/${unrated.id}/accept`, { version: 1, justification: 'Restrisiko vertretbar', password: TEST_PASSWORD });
    expect(notRated.status).toBe(409);
    expect(notRated.body.code).toBe('not-rated');
  });

  it('lets the owner accept a low risk alone', async () => {
    const risk = await createRisk({ likelihood: 1, impact: 2 });
    const accepted = await owner.client.post(`/api/risks/${risk.id}/accept`, { version: 1, justification: 'Geringes Risiko, keine Maßnahme nötig', password: TEST_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptance: { state: 'accepted', level: 'niedrig', required: 1 } });
  });
});

describe('heat maps and the risk matrix', () => {
  it('counts open risks per cell, filters a cell and lists overdue reviews', async () => {
    const system = (await t.newSystem(owner.client, unit)).id;
    const add = (body: Record<string, unknown>) => owner.client.post(`/api/systems/${system}/risks`, { title: 'R', ...body });
    await add({ likelihood: 5, impact: 5, residualLikelihood: 2, residualImpact: 3 });
    await add({ likelihood: 5, impact: 5, nextReview: '2020-01-01' });
    await add({});
    const map = (await viewer.client.get(`/api/systems/${system}/risks/heatmap`)).body;
    expect(map.inherent[4][4]).toBe(2);
    expect(map.residual[1][2]).toBe(1);
    expect(map.cells[4][4].id).toBe('sehr-hoch');
    expect(map).toMatchObject({ unrated: 1, overdue: 1 });
    expect((await viewer.client.get(`/api/systems/${system}/risks?cell=inherent:5-5`)).body.total).toBe(2);
    expect((await viewer.client.get(`/api/systems/${system}/risks?overdue=true`)).body.items.map((r: { nextReview: string }) => r.nextReview)).toEqual(['2020-01-01']);
    const portfolio = (await governance.client.get('/api/risks/heatmap')).body;
    expect(portfolio.inherent[4][4]).toBeGreaterThanOrEqual(2);
    expect((await governance.client.get('/api/risks?overdue=true')).body.items[0]).toMatchObject({ systemName: expect.any(String) });
  });

  it('re-rates every risk when the matrix changes and records it; a bad matrix names the path', async () => {
    const current = (await governance.client.get('/api/risk-matrix')).body;
    const four = (de: string[], en: string[]) => de.map((label, i) => ({ value: i + 1, label: { de: label, en: en[i]! } }));
    const config = {
      likelihood: four(['selten', 'möglich', 'wahrscheinlich', 'fast sicher'], ['rare', 'possible', 'likely', 'almost certain']),
      impact: four(['gering', 'spürbar', 'schwer', 'katastrophal'], ['minor', 'noticeable', 'severe', 'catastrophic']),
      levels: [
        { id: 'gruen', label: { de: 'grün', en: 'green' }, color: '#a6d96a', rank: 1, acceptance: { roles: ['owner'], signatures: 1, deputies: [] } },
        { id: 'gelb', label: { de: 'gelb', en: 'amber' }, color: '#fee08b', rank: 2, acceptance: { roles: ['governance'], signatures: 1, deputies: [] } },
        { id: 'rot', label: { de: 'rot', en: 'red' }, color: '#e8534a', rank: 3, acceptance: { roles: ['governance'], signatures: 2, deputies: ['admin'] } },
      ],
      cells: [
        ['gruen', 'gruen', 'gelb', 'gelb'],
        ['gruen', 'gelb', 'gelb', 'rot'],
        ['gelb', 'gelb', 'rot', 'rot'],
        ['gelb', 'rot', 'rot', 'rot'],
      ],
    };
    expect((await owner.client.request('PUT', '/api/risk-matrix', { version: current.version, config })).status).toBe(403);
    const bad = await governance.client.request('PUT', '/api/risk-matrix', { version: current.version, config: { ...config, cells: [['gruen']] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('config.cells');
    const updated = await governance.client.request('PUT', '/api/risk-matrix', { version: current.version, config, reason: 'Vereinfachte Matrix' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.version).toBe(current.version + 1);
    expect(updated.body.reRated).toBeGreaterThan(0);
    expect((await governance.client.request('PUT', '/api/risk-matrix', { version: current.version, config })).status).toBe(409);

    const risks = (await viewer.client.get(`/api/systems/${systemId}/risks`)).body.items as { likelihood: number | null; impact: number | null; inherentLevel: { id: string } | null; id: string }[];
    for (const r of risks) {
      if (r.likelihood === null || r.impact === null) expect(r.inherentLevel).toBeNull();
      else if (r.likelihood > 4 || r.impact > 4) expect(r.inherentLevel).toBeNull();
      else expect(r.inherentLevel?.id).toBe(config.cells[r.likelihood - 1]![r.impact - 1]);
    }
    const rerated = risks.find((r) => r.likelihood === 4 && r.impact === 4)!;
    const events = (await governance.client.get(`/api/audit-events?entityType=risk&entityId=${rerated.id}`)).body.items;
    expect(events[0]).toMatchObject({ action: 'risk.rerate', changes: expect.arrayContaining([{ field: 'inherentLevel', before: 'hoch', after: 'rot' }]) });
  });
});
