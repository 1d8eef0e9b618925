import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestDigest } from '@konform/core';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
let t: TestApp;
let unit: string;
let otherUnit: string;
let owner: User;
let lab: User;
let viewer: User;
let stranger: User;
let governance: User;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const MANIFEST = [
  { path: 'weights/model-00002-of-00002.safetensors', sha256: sha('teil 2'), size: 2_000_000 },
  { path: 'config.json', sha256: sha('{"arch":"whisper"}') },
  { path: 'weights/model-00001-of-00002.safetensors', sha256: sha('teil 1'), size: 4_000_000 },
  { path: 'tokenizer.json', sha256: sha('tokenizer') },
];

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  otherUnit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  lab = await t.newUser([{ orgUnitId: unit, role: 'lab' }]);
  viewer = await t.newUser([{ orgUnitId: unit, role: 'viewer' }]);
  stranger = await t.newUser([{ orgUnitId: otherUnit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'governance' }]);
});
afterAll(async () => t.close());

async function newModel(client = lab.client, body: Record<string, unknown> = {}) {
  const reply = await client.post('/api/models', { name: 'Whisper large-v3', provider: 'OpenAI', kind: 'speech-recognition', licence: 'MIT', orgUnitId: unit, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function newVersion(modelId: string, body: Record<string, unknown> = {}) {
  const reply = await lab.client.post(`/api/models/${modelId}/versions`, { label: '1.0', source: 'https://huggingface.co/openai/whisper-large-v3', receivedOn: '2026-11-02', manifest: MANIFEST, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const history = async (entityType: string, entityId: string) =>
  ((await governance.client.get(`/api/audit-events?entityType=${entityType}&entityId=${entityId}`)).body.items as { action: string; changes: { field: string; after: unknown }[] }[]);

describe('models and their versions', () => {
  it('requires sign-in', async () => {
    expect((await t.client().get('/api/models')).status).toBe(401);
    expect((await t.client().get('/api/datasets')).status).toBe(401);
  });

  it('registers a model and a version whose digest is the SHA-256 of the sorted sha256sum lines', async () => {
    const model = await newModel(lab.client, { gpai: false, description: 'Spracherkennung' });
    expect(model).toMatchObject({ kind: 'speech-recognition', gpai: false, orgUnitId: unit, versionCount: 0, latestVersion: null, version: 1 });
    const version = await newVersion(model.id);
    const lines = [...MANIFEST].sort((a, b) => (a.path < b.path ? -1 : 1)).map((e) => `${e.sha256}  ${e.path}\n`).join('');
    expect(version.manifestDigest).toBe(sha(lines));
    expect(version.manifestDigest).toBe(manifestDigest(MANIFEST));
    expect(version.manifest.map((e: { path: string }) => e.path)).toEqual(['config.json', 'tokenizer.json', 'weights/model-00001-of-00002.safetensors', 'weights/model-00002-of-00002.safetensors']);
    expect(version.manifest[2]).toEqual({ path: 'weights/model-00001-of-00002.safetensors', sha256: sha('teil 1'), size: 4_000_000 });
    expect(version).toMatchObject({ label: '1.0', custodyState: 'none', usedBy: [], createdBy: expect.stringContaining('Test User') });
    expect((await viewer.client.get(`/api/models/${model.id}`)).body).toMatchObject({ versionCount: 1, latestVersion: '1.0' });
    const events = await history('model-version', version.id);
    expect(events.map((e) => e.action)).toEqual(['model-version.create']);
    expect(events[0]!.changes).toEqual(expect.arrayContaining([{ field: 'manifestDigest', before: null, after: version.manifestDigest }, { field: 'manifestFiles', before: null, after: 4 }]));
    expect((await history('model', model.id)).map((e) => e.action)).toEqual(['model.create']);
  });

  it('names the field of a bad manifest: digest, duplicate path, unsafe path, empty list', async () => {
    const model = await newModel();
    const bad = MANIFEST.map((e) => ({ ...e }));
    bad[3]!.sha256 = 'not-a-digest';
    const reply = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: bad });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'manifest.3.sha256', message: expect.stringContaining('64 hexadecimal') }]);
    const dup = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [...MANIFEST, { path: 'config.json', sha256: sha('x') }] });
    expect(dup.body.errors).toEqual([{ path: 'manifest.4.path', message: expect.stringContaining('twice') }]);
    const unsafe = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [{ path: '../geheim', sha256: sha('x') }] });
    expect(unsafe.body.errors.map((e: { path: string }) => e.path)).toEqual(['manifest.0.path']);
    const empty = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [] });
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['manifest']);
    const future = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2099-01-01', manifest: MANIFEST });
    expect(future.body.errors).toEqual([{ path: 'receivedOn', message: expect.any(String) }]);
    expect((await lab.client.get(`/api/models/${model.id}/versions`)).body.items).toEqual([]);
  });

  it('keeps versions immutable except for notes; refuses a second label and the same files under another label', async () => {
    const model = await newModel();
    const version = await newVersion(model.id);
    const again = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: [{ path: 'x', sha256: sha('x') }] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'label-taken', errors: [{ path: 'label' }] });
    const same = await lab.client.post(`/api/models/${model.id}/versions`, { label: '1.1', receivedOn: '2026-11-03', manifest: [...MANIFEST].reverse() });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ code: 'same-files', errors: [{ path: 'manifest' }] });
    const edit = await lab.client.patch(`/api/models/${model.id}/versions/${version.id}`, { version: 1, notes: 'x', manifest: MANIFEST });
    expect(edit.status).toBe(400);
    expect(edit.body.errors).toEqual([{ path: 'manifest', message: 'Unknown field' }]);
    const notes = await lab.client.patch(`/api/models/${model.id}/versions/${version.id}`, { version: 1, notes: 'Aus dem Hugging-Face-Spiegel der Behörde' });
    expect(notes.status).toBe(200);
    expect(notes.body).toMatchObject({ notes: 'Aus dem Hugging-Face-Spiegel der Behörde', version: 2, manifestDigest: version.manifestDigest });
    expect((await lab.client.patch(`/api/models/${model.id}/versions/${version.id}`, { version: 1, notes: 'alt' })).status).toBe(409);
    expect((await history('model-version', version.id)).map((e) => e.action)).toEqual(['model-version.update', 'model-version.create']);
  });

  it('changes a model with optimistic versions and audits the change', async () => {
    const model = await newModel();
    const changed = await owner.client.patch(`/api/models/${model.id}`, { version: 1, gpai: true, licence: 'Apache-2.0' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ gpai: true, licence: 'Apache-2.0', version: 2 });
    const stale = await owner.client.patch(`/api/models/${model.id}`, { version: 1, licence: 'MIT' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    const [update] = await history('model', model.id);
    expect(update!.action).toBe('model.update');
    expect(update!.changes.map((c) => c.field).sort()).toEqual(['gpai', 'licence']);
    expect((await owner.client.patch(`/api/models/${model.id}`, { version: 2, kind: 'toaster' })).body.errors[0].path).toBe('kind');
  });

  it('compares presented files or a digest with the registered version', async () => {
    const model = await newModel();
    const version = await newVersion(model.id);
    const ok = await viewer.client.post(`/api/models/${model.id}/versions/${version.id}/compare`, { manifestDigest: version.manifestDigest.toUpperCase() });
    expect(ok.body).toMatchObject({ match: true, registered: version.manifestDigest });
    const changed = MANIFEST.slice(1).map((e, i) => (i === 0 ? { ...e, sha256: sha('manipuliert') } : e));
    const diff = await viewer.client.post(`/api/models/${model.id}/versions/${version.id}/compare`, { manifest: [...changed, { path: 'extra.bin', sha256: sha('x') }] });
    expect(diff.body).toMatchObject({ match: false, missing: ['weights/model-00002-of-00002.safetensors'], unexpected: ['extra.bin'], changed: ['config.json'] });
  });
});

describe('chain of custody', () => {
  it('records events in a possible order, mirrors the state, and audits each', async () => {
    const model = await newModel();
    const version = await newVersion(model.id);
    const url = `/api/models/${model.id}/versions/${version.id}/custody`;
    const first = await lab.client.post(url, { event: 'stored', location: 'Tresor 2' });
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({ code: 'invalid-custody-order', errors: [{ path: 'event' }] });
    expect((await lab.client.post(url, { event: 'received', at: '2026-11-02T09:00:00Z', by: 'Frau Becker', note: 'USB-Datenträger, versiegelt' })).status).toBe(201);
    expect((await lab.client.post(url, { event: 'returned' })).body.code).toBe('invalid-custody-order');
    const noPlace = await lab.client.post(url, { event: 'stored' });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.errors).toEqual([{ path: 'location', message: expect.any(String) }]);
    const earlier = await lab.client.post(url, { event: 'stored', location: 'Tresor 2', at: '2026-11-01T09:00:00Z' });
    expect(earlier.body.errors).toEqual([{ path: 'at', message: expect.any(String) }]);
    expect((await lab.client.post(url, { event: 'stored', location: 'Modellablage /lab/models, Tresor 2', at: '2026-11-02T10:00:00Z' })).status).toBe(201);
    expect((await owner.client.post(url, { event: 'released-to-run', note: 'Lauf 2026-47' })).status).toBe(201);
    expect((await lab.client.post(url, { event: 'disposed' })).body.code).toBe('invalid-custody-order');
    expect((await lab.client.post(url, { event: 'returned' })).status).toBe(201);
    expect((await lab.client.post(url, { event: 'disposed', note: 'Gelöscht nach Ablauf der Aufbewahrungsfrist' })).status).toBe(201);
    const after = await lab.client.post(url, { event: 'released-to-run' });
    expect(after.status).toBe(409);
    expect(after.body.detail).toContain('disposed');
    const log = (await viewer.client.get(url)).body;
    expect(log.state).toBe('disposed');
    expect(log.items.map((e: { event: string; seq: number }) => `${e.seq}:${e.event}`)).toEqual(['1:received', '2:stored', '3:released-to-run', '4:returned', '5:disposed']);
    expect(log.items[0]).toMatchObject({ by: 'Frau Becker', at: '2026-11-02T09:00:00.000Z', note: 'USB-Datenträger, versiegelt' });
    expect(log.items[2].by).toContain('Test User');
    expect((await viewer.client.get(`/api/models/${model.id}/versions/${version.id}`)).body.custodyState).toBe('disposed');
    const custodyEvents = (await history('model-version', version.id)).filter((e) => e.action === 'model-version.custody');
    expect(custodyEvents).toHaveLength(5);
    expect(custodyEvents[0]!.changes).toEqual(expect.arrayContaining([{ field: 'custodyState', before: 'returned', after: 'disposed' }]));
  });

  it('refuses custody events to readers and to other units', async () => {
    const model = await newModel();
    const version = await newVersion(model.id);
    const url = `/api/models/${model.id}/versions/${version.id}/custody`;
    expect((await viewer.client.post(url, { event: 'received' })).status).toBe(403);
    expect((await stranger.client.post(url, { event: 'received' })).status).toBe(403);
    expect((await stranger.client.get(url)).status).toBe(403);
    expect((await viewer.client.get(url)).body).toEqual({ state: 'none', items: [] });
  });
});

describe('datasets', () => {
  it('records a version with datasheet facts; personal data needs a legal basis', async () => {
    const created = await lab.client.post('/api/datasets', { name: 'Telefonmitschnitte Testkorpus', provider: 'Referat Z 4', kind: 'audio', orgUnitId: unit });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const url = `/api/datasets/${created.body.id}/versions`;
    const base = { label: '2026-10', receivedOn: '2026-10-30', manifest: [{ path: 'audio/0001.wav', sha256: sha('a') }, { path: 'transcripts.csv', sha256: sha('b') }] };
    const missing = await lab.client.post(url, { ...base, personalData: true });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'legalBasis', message: expect.any(String) }]);
    const period = await lab.client.post(url, { ...base, personalData: false, collectionFrom: '2026-06-01', collectionTo: '2026-01-01' });
    expect(period.body.errors.map((e: { path: string }) => e.path)).toEqual(['collectionTo']);
    const reply = await lab.client.post(url, {
      ...base, personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 BDSG', origin: 'Eigene Aufnahmen', collectionFrom: '2026-01-01', collectionTo: '2026-06-30',
      gapsAndBiases: 'Kaum Dialektsprecher', intendedUse: 'Test der Spracherkennung', independentOfTraining: 'yes', independenceNote: 'Nach Abschluss des Trainings aufgenommen',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.datasheet).toEqual({
      origin: 'Eigene Aufnahmen', collectionFrom: '2026-01-01', collectionTo: '2026-06-30', personalData: true, legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 BDSG',
      gapsAndBiases: 'Kaum Dialektsprecher', intendedUse: 'Test der Spracherkennung', independentOfTraining: 'yes', independenceNote: 'Nach Abschluss des Trainings aufgenommen',
    });
    const defaults = await lab.client.post(url, { ...base, label: '2026-11', manifest: [{ path: 'a', sha256: sha('c') }], personalData: false });
    expect(defaults.body.datasheet).toMatchObject({ independentOfTraining: 'unknown', collectionFrom: null, legalBasis: '' });
    const custody = await lab.client.post(`${url}/${reply.body.id}/custody`, { event: 'received' });
    expect(custody.status).toBe(201);
    expect((await history('dataset-version', reply.body.id)).map((e) => e.action)).toEqual(['dataset-version.custody', 'dataset-version.create']);
    const list = await viewer.client.get('/api/datasets?q=telefon');
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(created.body.id);
    expect(list.body.items.find((d: { id: string }) => d.id === created.body.id)).toMatchObject({ versionCount: 2, latestVersion: '2026-11' });
  });
});

describe('unit scope', () => {
  it('shows and changes items only within the unit', async () => {
    const model = await newModel(lab.client, { name: 'Nur Einheit A' });
    expect((await stranger.client.get(`/api/models/${model.id}`)).status).toBe(403);
    expect((await stranger.client.get('/api/models?q=Nur Einheit')).body.items).toEqual([]);
    expect((await viewer.client.get('/api/models?q=nur einheit')).body.items.map((m: { id: string }) => m.id)).toEqual([model.id]);
    expect((await governance.client.get(`/api/models?orgUnitId=${unit}&q=nur einheit`)).body.total).toBe(1);
    expect((await stranger.client.post('/api/models', { name: 'x', kind: 'llm', orgUnitId: unit })).status).toBe(403);
    expect((await viewer.client.post('/api/models', { name: 'x', kind: 'llm', orgUnitId: unit })).status).toBe(403);
    expect((await stranger.client.patch(`/api/models/${model.id}`, { version: 1, name: 'y' })).status).toBe(403);
    expect((await owner.client.patch(`/api/models/${model.id}`, { version: 1, orgUnitId: otherUnit })).status).toBe(403);
    expect((await stranger.client.post(`/api/models/${model.id}/versions`, { label: '1', receivedOn: '2026-11-02', manifest: MANIFEST })).status).toBe(403);
    expect((await lab.client.get(`/api/models/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('which versions a system uses', () => {
  it('links model and dataset versions with roles, shows them on the system and on the version, and audits', async () => {
    const system = await t.newSystem(owner.client, unit);
    const model = await newModel();
    const version = await newVersion(model.id);
    const dataset = (await lab.client.post('/api/datasets', { name: 'Prüfkorpus', kind: 'audio', orgUnitId: unit })).body;
    const dv = (await lab.client.post(`/api/datasets/${dataset.id}/versions`, { label: '1', receivedOn: '2026-11-01', manifest: [{ path: 'a.wav', sha256: sha('w') }], personalData: false })).body;
    const url = `/api/systems/${system.id}/models`;
    expect((await viewer.client.get(url)).body).toEqual({ systemId: system.id, version: 0, items: [] });
    const items = [
      { type: 'model', versionId: version.id, role: 'in-operation' },
      { type: 'dataset', versionId: dv.id, role: 'test', note: 'Abnahmetest' },
    ];
    expect((await viewer.client.request('PUT', url, { version: 0, items })).status).toBe(403);
    const saved = await owner.client.request('PUT', url, { version: 0, items });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      items: [
        { type: 'model', itemId: model.id, itemName: 'Whisper large-v3', versionLabel: '1.0', manifestDigest: version.manifestDigest, role: 'in-operation', note: '', readable: true },
        { type: 'dataset', itemId: dataset.id, itemName: 'Prüfkorpus', versionLabel: '1', role: 'test', note: 'Abnahmetest', readable: true },
      ],
    });
    expect((await owner.client.request('PUT', url, { version: 0, items })).body.code).toBe('version-conflict');
    const usedBy = (await viewer.client.get(`/api/models/${model.id}/versions/${version.id}`)).body.usedBy;
    expect(usedBy).toEqual([{ systemId: system.id, systemName: system.name, role: 'in-operation' }]);
    const [event] = await history('system-items', system.id);
    expect(event!.action).toBe('system-items.update');
    expect(event!.changes.map((c) => c.field).sort()).toEqual([`dataset:${dv.id}:test`, `model:${version.id}:in-operation`]);

    const wrongType = await owner.client.request('PUT', url, { version: 1, items: [{ type: 'dataset', versionId: version.id, role: 'test' }] });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([{ path: 'items.0.versionId', message: 'Unknown dataset version' }]);
    const twice = await owner.client.request('PUT', url, { version: 1, items: [items[0], items[0]] });
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['items.1.versionId']);

    // A version of another unit that the editor cannot read cannot be linked.
    const foreign = await newModel(stranger.client, { orgUnitId: otherUnit, name: 'Fremdes Modell' });
    const fv = (await stranger.client.post(`/api/models/${foreign.id}/versions`, { label: '1', receivedOn: '2026-11-01', manifest: [{ path: 'f', sha256: sha('f') }] })).body;
    const refused = await owner.client.request('PUT', url, { version: 1, items: [...items, { type: 'model', versionId: fv.id, role: 'fine-tuning' }] });
    expect(refused.body.errors).toEqual([{ path: 'items.2.versionId', message: 'You may not read this model' }]);
    // Governance may link it; the owner then sees it as not readable, and may keep it in the list.
    const linked = await governance.client.request('PUT', url, { version: 1, items: [...items, { type: 'model', versionId: fv.id, role: 'fine-tuning' }] });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const seen = (await owner.client.get(url)).body;
    expect(seen.items[2]).toMatchObject({ itemName: 'Fremdes Modell', readable: false });
    const kept = await owner.client.request('PUT', url, { version: 2, items: seen.items.map((i: { type: string; versionId: string; role: string; note: string }) => ({ type: i.type, versionId: i.versionId, role: i.role, note: i.note || undefined })).reverse() });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.items.map((i: { role: string }) => i.role)).toEqual(['fine-tuning', 'test', 'in-operation']);
    expect((await stranger.client.get(url)).status).toBe(403);
  });
});
