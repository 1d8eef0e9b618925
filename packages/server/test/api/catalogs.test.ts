import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { createServices } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';

let t: TestApp;
let viewer: { id: string; email: string; client: TestClient };
let owner: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };

const internalYaml = (version: string, extra = '') => `
id: house-rules
version: "${version}"
kind: internal
title: { de: Hausregeln KI, en: House rules for AI }
publisher: Ministerium
source: Erlass 12/2026
licence: intern
requirements:
  - id: hr-1
    ref: HR 1
    title: { de: KI-Register führen, en: Keep the AI register }
  - id: hr-2
    ref: HR 2
    roles: [deployer]
    title: { de: Freigabe durch die Leitung, en: Management sign-off }
    appliesWhen: { path: result.riskClass, in: [high, limited] }
${extra}`;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  const unit = await t.newUnit();
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
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
    expect(reply.body).toMatchObject({ source: 'bundled', versions: [], catalog: { id: 'iso-42001', version: '2023' } });
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

describe('importing internal catalogues', () => {
  it('imports a catalogue, versions it and audits it; other instances see it on their next read', async () => {
    expect((await owner.client.post('/api/catalogs/import', { yaml: internalYaml('1.0') })).status).toBe(403);
    const first = await governance.client.post('/api/catalogs/import', { yaml: internalYaml('1.0') });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: 'house-rules', title: { de: 'Hausregeln KI', en: 'House rules for AI' }, version: '1.0', kind: 'internal', publisher: 'Ministerium', requirementCount: 2, source: 'imported' });
    const again = await governance.client.post('/api/catalogs/import', { yaml: internalYaml('1.0') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('version-exists');

    // Another instance on the same database picks the import up on its next read.
    const other = createServices(t.db.database, 8, { catalogDir: FIXTURE_CATALOGS });
    expect((await other.catalogs.list(systemActor())).items.map((c) => c.id)).toContain('house-rules');

    const extra = `  - id: hr-3\n    ref: HR 3\n    title: { de: Jährliche Überprüfung, en: Yearly review }\n`;
    const second = await governance.client.post('/api/catalogs/import', { yaml: internalYaml('1.1', extra) });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: '1.1', requirementCount: 3 });
    expect((await other.catalogs.list(systemActor())).items.find((c) => c.id === 'house-rules')?.version).toBe('1.1');

    const detail = await viewer.client.get('/api/catalogs/house-rules');
    expect(detail.body).toMatchObject({ source: 'imported', catalog: { version: '1.1' } });
    expect(detail.body.versions.map((v: { version: string }) => v.version)).toEqual(['1.1', '1.0']);
    expect(detail.body.versions[0].importedBy).toContain(governance.email);
    const old = await viewer.client.get('/api/catalogs/house-rules?version=1.0');
    expect(old.body.catalog.requirements).toHaveLength(2);
    const requirements = await viewer.client.get('/api/catalogs/house-rules/requirements');
    expect(requirements.body.items.map((i: { key: string }) => i.key)).toEqual(['house-rules:hr-1', 'house-rules:hr-2', 'house-rules:hr-3']);

    // The imported catalogue takes part in every system's matrix.
    const unit = await t.newUnit();
    const sysOwner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const system = await t.newSystem(sysOwner.client, unit);
    const matrix = await sysOwner.client.get(`/api/systems/${system.id}/requirements?catalog=house-rules&applies=all`);
    expect(matrix.body.items.map((i: { requirementId: string; applies: boolean }) => [i.requirementId, i.applies])).toEqual([
      ['house-rules:hr-1', true], ['house-rules:hr-2', false], ['house-rules:hr-3', true],
    ]);

    const audit = await governance.client.get('/api/audit-events?entityType=catalog&entityId=house-rules');
    expect(audit.body.items.map((e: { action: string; changes: { field: string; after: unknown }[] }) => [e.action, e.changes[0]])).toEqual([
      ['catalog.import', { field: 'version', before: '1.0', after: '1.1' }],
      ['catalog.import', { field: 'version', before: null, after: '1.0' }],
    ]);
  });

  it('refuses bad YAML, invalid catalogues (naming the path), other kinds and bundled ids', async () => {
    const errors = async (yaml: string) => {
      const reply = await governance.client.post('/api/catalogs/import', { yaml });
      expect(reply.status).toBe(400);
      return reply.body.errors as { path: string; message: string }[];
    };
    expect((await errors('id: [unclosed'))[0]!.path).toBe('yaml');
    expect((await errors(internalYaml('2.0').replace('{ de: KI-Register führen, en: Keep the AI register }', '{ de: KI-Register führen }'))).map((e) => e.path)).toEqual(['yaml.requirements.0.title.en']);
    expect((await errors(internalYaml('2.0').replace('path: result.riskClass', 'path: process.env'))).map((e) => e.path)).toEqual(['yaml.requirements.1.appliesWhen.path']);
    expect((await errors(internalYaml('2.0').replace('kind: internal', 'kind: regulation'))).map((e) => e.path)).toEqual(['yaml.kind']);
    expect((await errors(internalYaml('2.0').replace('    ref: HR 2', '    ref: HR 2\n    parent: nowhere'))).map((e) => e.path)).toEqual(['yaml.requirements.1.parent']);
    const bundled = await governance.client.post('/api/catalogs/import', { yaml: internalYaml('1.0').replace('id: house-rules', 'id: iso-42001') });
    expect(bundled.status).toBe(409);
    expect(bundled.body.code).toBe('catalog-bundled');
    expect((await governance.client.post('/api/catalogs/import', { yaml: '' })).status).toBe(400);
    expect((await governance.client.post('/api/catalogs/import', { yaml: 'x', extra: 1 })).status).toBe(400);
  });
});
