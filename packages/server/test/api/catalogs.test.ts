import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
let viewer: { id: string; email: string; client: TestClient };

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  const unit = await t.newUnit();
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
});
afterAll(async () => t.close());

describe('catalogue browsing', () => {
  it('lists the bundled catalogues with their requirement counts', async () => {
    const reply = await viewer.client.get('/api/catalogs');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([
      { id: 'eu-ai-act', title: { de: 'EU-KI-Verordnung (Testauszug)', en: 'EU AI Act (test excerpt)' }, version: 'fixture-1', kind: 'regulation', publisher: 'Test', requirementCount: 5, source: 'bundled' },
      { id: 'iso-42001', title: { de: 'ISO/IEC 42001 (Testauszug)', en: 'ISO/IEC 42001 (test excerpt)' }, version: '2023', kind: 'standard', publisher: 'Test', requirementCount: 4, source: 'bundled' },
    ]);
    expect((await t.client().get('/api/catalogs')).status).toBe(401);
  });

  it('serves a whole catalogue, and 404 for unknown ids and versions', async () => {
    const reply = await viewer.client.get('/api/catalogs/iso-42001');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ source: 'bundled', versions: [], activeVersion: '2023', catalog: { id: 'iso-42001', version: '2023' } });
    expect(reply.body.catalog.requirements).toHaveLength(6);
    expect((await viewer.client.get('/api/catalogs/iso-42001?version=2023')).status).toBe(200);
    expect((await viewer.client.get('/api/catalogs/iso-42001?version=2013')).status).toBe(404);
    expect((await viewer.client.get('/api/catalogs/nope')).status).toBe(404);
    expect((await viewer.client.get('/api/catalogs/bad%20id')).status).toBe(400);
  });

  it('lists requirements with dates, measures and mappings in both directions, filtered by text, role and risk class', async () => {
    const reply = await viewer.client.get('/api/catalogs/eu-ai-act/requirements');
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(7);
    const art26 = reply.body.items.find((i: { id: string }) => i.id === 'art-26-6');
    const timeline = (await viewer.client.get('/api/classification/timeline')).body;
    const annexIII = timeline.timeline.groups.find((g: { id: string }) => g.id === 'annex-iii-high-risk').dates[timeline.actInForce].from;
    expect(art26).toMatchObject({
      key: 'eu-ai-act:art-26-6', catalogId: 'eu-ai-act', ref: 'Art. 26(6)', kind: 'requirement', roles: ['deployer'], parentId: 'ch-3',
      appliesFrom: annexIII, measures: ['m-logging'], description: null,
    });
    expect(art26.mappings.map((m: { key: string; relation: string }) => [m.key, m.relation])).toEqual([['iso-42001:a-9-2', 'superset'], ['iso-42001:a-5-2', 'intersects']]);
    const iso = await viewer.client.get('/api/catalogs/iso-42001/requirements?q=a.6.2');
    expect(iso.body.items.map((i: { key: string; mappings: { key: string; relation: string }[] }) => [i.key, i.mappings.map((m) => `${m.relation} ${m.key}`)])).toEqual([
      ['iso-42001:a-6-2-8', ['equal eu-ai-act:art-12-1']],
    ]);
    const text = await viewer.client.get('/api/catalogs/eu-ai-act/requirements?q=PROTOKOLL');
    expect(text.body.items.map((i: { id: string }) => i.id)).toEqual(['art-12-1', 'art-26-6']);
    const role = await viewer.client.get('/api/catalogs/eu-ai-act/requirements?role=provider');
    expect(role.body.items.map((i: { id: string }) => i.id)).toEqual(['art-12-1', 'art-50-1']);
    const minimal = await viewer.client.get('/api/catalogs/eu-ai-act/requirements?riskClass=minimal');
    expect(minimal.body.items.map((i: { id: string }) => i.id)).toEqual(['ch-1', 'art-4', 'ch-3', 'art-27', 'art-50-1']);
    const paged = await viewer.client.get('/api/catalogs/eu-ai-act/requirements?limit=2&offset=1');
    expect(paged.body).toMatchObject({ total: 7, limit: 2, offset: 1 });
    expect(paged.body.items.map((i: { id: string }) => i.id)).toEqual(['art-4', 'ch-3']);
    expect((await viewer.client.get('/api/catalogs/eu-ai-act/requirements?role=pilot')).status).toBe(400);
    expect((await viewer.client.get('/api/catalogs/nope/requirements')).status).toBe(404);
  });

  it('lists measures with the requirements they link, filtered by requirement and text', async () => {
    const all = await viewer.client.get('/api/measures');
    expect(all.status).toBe(200);
    expect(all.body.items.map((m: { id: string }) => m.id)).toEqual(['m-logging', 'm-literacy']);
    expect(all.body.items[0]).toMatchObject({ type: 'technical', requirements: ['eu-ai-act:art-12-1', 'eu-ai-act:art-26-6'] });
    const byReq = await viewer.client.get('/api/measures?requirement=eu-ai-act:art-4');
    expect(byReq.body.items.map((m: { id: string }) => m.id)).toEqual(['m-literacy']);
    expect((await viewer.client.get('/api/measures?q=schulung')).body.items.map((m: { id: string }) => m.id)).toEqual(['m-literacy']);
    expect((await viewer.client.get('/api/measures?requirement=art-4')).status).toBe(400);
  });
});
