import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactResult, SystemGraph } from '@konform/core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { labBasics, type LabBasics } from '../support/lab-seed.js';

/** Generated documents (#9) in the relations graph and the impact walk: nodes with their status, edges to their subject. */
type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let lab: User;
let stranger: User;
let basics: LabBasics;
let systemId: string;
let annexId: string;
let cardId: string;

beforeAll(async () => {
  t = await startTestApp();
  const unit = await t.newUnit(null, 'Referat Beziehungen');
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }, { orgUnitId: unit, role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'viewer' }]);
  basics = await labBasics(lab.client, unit);
  const system = await t.newSystem(lab.client, unit, { name: 'Dokumentiertes System', description: 'Mit Dokumenten' });
  systemId = system.id;
  await t.db.database.db.updateTable('ai_system').set({ risk_class: 'high' }).where('id', '=', systemId).execute();
  await t.db.database.db.insertInto('system_item_link').values([
    { system_id: systemId, item_type: 'model', version_id: basics.modelVersionId, role: 'core', note: '', position: 0 },
    { system_id: systemId, item_type: 'dataset', version_id: basics.datasetVersionId, role: 'test', note: '', position: 1 },
  ]).execute();
  const annex = await lab.client.post('/api/documents', { type: 'annex-iv', systemId, locale: 'de' });
  expect(annex.status, JSON.stringify(annex.body)).toBe(201);
  annexId = annex.body.id;
  expect((await lab.client.post(`/api/documents/${annexId}/versions`, {})).status).toBe(201);
  const card = await lab.client.post('/api/documents', { type: 'model-card', modelVersionId: basics.modelVersionId, locale: 'de' });
  expect(card.status, JSON.stringify(card.body)).toBe(201);
  cardId = card.body.id;
});
afterAll(async () => {
  await t.close();
});

describe('documents in the relations graph', () => {
  it('shows the system documents and the model card of a linked model version, each pointing to its subject', async () => {
    const graph = (await lab.client.get<SystemGraph>(`/api/systems/${systemId}/graph`)).body;
    const docs = graph.nodes.filter((n) => n.kind === 'document');
    expect(docs.map((d) => d.id).sort()).toEqual([`document:${annexId}`, `document:${cardId}`].sort());
    expect(docs.find((d) => d.id === `document:${annexId}`)).toMatchObject({ status: 'draft', href: `/documents/${annexId}`, systemId });
    expect(docs.find((d) => d.id === `document:${cardId}`)).toMatchObject({ status: null, href: `/documents/${cardId}` });
    expect(graph.edges).toContainEqual({ from: `document:${annexId}`, to: `system:${systemId}`, relation: 'documents', qualifier: 'annex-iv' });
    expect(graph.edges).toContainEqual({ from: `document:${cardId}`, to: `model-version:${basics.modelVersionId}`, relation: 'documents', qualifier: 'model-card' });
  });

  it('names the documents a model or dataset version affects, with the path that explains it', async () => {
    const model = (await lab.client.get<ImpactResult>(`/api/impact?modelVersionId=${basics.modelVersionId}`)).body;
    const hits = new Map(model.hits.map((h) => [h.node.id, h.path]));
    expect(hits.get(`document:${cardId}`)).toEqual([`model-version:${basics.modelVersionId}`, `document:${cardId}`]);
    expect(hits.get(`document:${annexId}`)).toEqual([`model-version:${basics.modelVersionId}`, `system:${systemId}`, `document:${annexId}`]);
    const dataset = (await lab.client.get<ImpactResult>(`/api/impact?datasetVersionId=${basics.datasetVersionId}`)).body;
    const ids = dataset.hits.map((h) => h.node.id);
    expect(ids).toContain(`document:${annexId}`);
    expect(ids).not.toContain(`document:${cardId}`);
  });

  it('shows a model card even when no system uses the version, and never to a caller outside the unit', async () => {
    await t.db.database.db.deleteFrom('system_item_link').where('system_id', '=', systemId).execute();
    const model = (await lab.client.get<ImpactResult>(`/api/impact?modelVersionId=${basics.modelVersionId}`)).body;
    expect(model.hits.map((h) => h.node.id)).toContain(`document:${cardId}`);
    expect((await stranger.client.get(`/api/impact?modelVersionId=${basics.modelVersionId}`)).status).toBe(403);
  });
});
