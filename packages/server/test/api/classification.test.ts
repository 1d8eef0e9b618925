import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';
import { ClassificationFacts } from '@konform/core';
import { systemActor } from '../../src/access/actor.js';
import { createServices } from '../../src/app.js';
import { canonicalJson } from '../../src/audit/canonical-json.js';

let t: TestApp;
let unit: string;
let owner: { id: string; email: string; client: TestClient };
let governance: { id: string; email: string; client: TestClient };
let governance2: { id: string; email: string; client: TestClient };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  const gov = await t.newUnit();
  governance = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
  governance2 = await t.newUser([{ orgUnitId: gov, role: 'governance' }]);
});
afterAll(async () => t.close());

async function decide(client: TestClient, systemId: string, facts: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const reply = await client.request('PUT', `/api/systems/${systemId}/classification`, { facts, answers: { 'q-ai': true }, note: 'Bewertung laut Workshop', ...extra });
  if (reply.status !== 200) throw new Error(`decide failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

describe('classification without storing', () => {
  it('evaluates facts and stores nothing', async () => {
    const reply = await owner.client.post('/api/classification/evaluate', { roles: ['deployer'], transparency: ['50.1'] });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ riskClass: expect.any(String), reasons: expect.any(Array), obligations: expect.any(Array), registrations: expect.any(Array) });
    for (const key of ['highRiskRoute', 'prohibited', 'transparency', 'gpaiTier', 'effectiveRoles', 'conformityProcedure', 'friaRequired', 'documentationDuty6_4']) {
      expect(reply.body, key).toHaveProperty(key);
    }
    expect((await owner.client.post('/api/classification/evaluate?lang=en', {})).status).toBe(200);
    expect((await owner.client.post('/api/classification/evaluate?lang=fr', {})).status).toBe(400);
    const outOfScope = await owner.client.post('/api/classification/evaluate', { isAiSystem: false });
    expect(outOfScope.body.riskClass).toBe('out-of-scope');
    const rows = await t.db.database.db.selectFrom('classification_revision').select('id').execute();
    expect(rows).toEqual([]);
  });

  it('names the path of invalid facts', async () => {
    const paths = async (body: unknown) => {
      const reply = await owner.client.post('/api/classification/evaluate', body);
      expect(reply.status).toBe(400);
      return (reply.body.errors as { path: string }[]).map((e) => e.path);
    };
    expect(await paths({ prohibitedPractices: ['5.1.z'] })).toEqual(['prohibitedPractices.0']);
    expect(await paths({ gpai: { isGpaiModel: true, trainingComputeFlop: 'viel' } })).toEqual(['gpai.trainingComputeFlop']);
    expect(await paths({ gpai: { trainingComputeFlop: -1 } })).toEqual(['gpai.trainingComputeFlop']);
    expect(await paths({ placedOnMarketAt: '2025-02-30x' })).toEqual(['placedOnMarketAt']);
    expect(await paths({ annexIII: ['9.a'] })).toEqual(['annexIII.0']);
    expect(await paths({ colour: 'red' })).toEqual(['colour']);
  });

  it('serves the timeline with the act in force, and the questionnaire', async () => {
    const timeline = await owner.client.get('/api/classification/timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.actInForce).toBe(process.env.KONFORM_AI_ACT_TIMELINE ?? timeline.body.timeline.defaultAct);
    expect(timeline.body.timeline.acts.map((a: { id: string }) => a.id)).toContain(timeline.body.actInForce);
    // KONFORM_AI_ACT_TIMELINE picks another act of the timeline; an unknown one stops the start.
    const other = timeline.body.timeline.acts.map((a: { id: string }) => a.id).find((id: string) => id !== timeline.body.actInForce);
    const services = createServices(t.db.database, 8, { aiActTimeline: other });
    expect(services.classification.timeline(systemActor()).actInForce).toBe(other);
    expect(services.classification.evaluate(systemActor(), ClassificationFacts.parse({}), 'de').timelineAct).toBe(other);
    expect(() => createServices(t.db.database, 8, { aiActTimeline: 'as-drafted-1999' })).toThrow(/KONFORM_AI_ACT_TIMELINE.*as-drafted-1999/);
    const questionnaire = await owner.client.get('/api/classification/questionnaire');
    expect(questionnaire.status).toBe(200);
    expect(questionnaire.body).toBeTruthy();
  });
});

describe('stored classification', () => {
  it('stores a new draft revision with facts, answers, result, note, who decided it and the state hash', async () => {
    const system = await t.newSystem(owner.client, unit, { roles: ['deployer', 'provider'] });
    const none = await owner.client.get(`/api/systems/${system.id}/classification`);
    expect(none.body).toEqual({ status: 'none', latest: null, approved: null });

    const first = await decide(owner.client, system.id, { transparency: ['50.1'] });
    expect(first.revision).toMatchObject({
      systemId: system.id,
      number: 1,
      status: 'draft',
      answers: { 'q-ai': true },
      note: 'Bewertung laut Workshop',
      decidedBy: { id: owner.id, label: expect.stringContaining(owner.email) },
      decidedAt: expect.any(String),
      approval: null,
    });
    // The facts' roles default to the system's roles.
    expect(first.revision.facts.roles).toEqual(['deployer', 'provider']);
    expect(first.revision.result).toEqual(first.result);
    const { facts, answers, result, note, number } = first.revision;
    expect(first.revision.stateHash).toBe(sha256(canonicalJson({ systemId: system.id, number, facts, answers, result, note })));

    const second = await decide(owner.client, system.id, { roles: ['provider'] }, { answers: undefined, note: undefined });
    expect(second.revision).toMatchObject({ number: 2, answers: {}, note: '', facts: { roles: ['provider'] } });

    const state = await owner.client.get(`/api/systems/${system.id}/classification`);
    expect(state.body).toMatchObject({ status: 'draft', latest: { number: 2 }, approved: null });
    const revisions = await owner.client.get(`/api/systems/${system.id}/classification/revisions`);
    expect(revisions.body).toMatchObject({ total: 2, offset: 0 });
    expect(revisions.body.items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const paged = await owner.client.get(`/api/systems/${system.id}/classification/revisions?limit=1&offset=1`);
    expect(paged.body.items.map((r: { number: number }) => r.number)).toEqual([1]);

    const fetched = await owner.client.get(`/api/systems/${system.id}`);
    expect(fetched.body).toMatchObject({ riskClass: second.result.riskClass, classificationStatus: 'draft', version: 1 });
    const history = await owner.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['classification.decide', 'classification.decide', 'system.create']);
  });

  it('refuses invalid input, other units, missing and archived systems', async () => {
    const system = await t.newSystem(owner.client, unit);
    const bad = await owner.client.request('PUT', `/api/systems/${system.id}/classification`, { facts: { prohibitedPractices: ['5.1.x'] }, extra: 1 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['extra', 'facts.prohibitedPractices.0']);
    expect((await owner.client.request('PUT', `/api/systems/${system.id}/classification`, {})).status).toBe(400);

    const stranger = (await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }])).client;
    expect((await stranger.get(`/api/systems/${system.id}/classification`)).status).toBe(403);
    expect((await stranger.get(`/api/systems/${system.id}/classification/revisions`)).status).toBe(403);
    expect((await stranger.request('PUT', `/api/systems/${system.id}/classification`, { facts: {} })).status).toBe(403);
    const viewer = (await t.newUser([{ orgUnitId: unit, role: 'viewer' }])).client;
    expect((await viewer.request('PUT', `/api/systems/${system.id}/classification`, { facts: {} })).status).toBe(403);
    expect((await viewer.get(`/api/systems/${system.id}/classification`)).status).toBe(200);
    expect((await owner.client.request('PUT', '/api/systems/00000000-0000-4000-8000-000000000000/classification', { facts: {} })).status).toBe(404);
    expect((await t.client().get(`/api/systems/${system.id}/classification`)).status).toBe(401);

    await owner.client.post(`/api/systems/${system.id}/archive`, { version: 1 });
    const archived = await owner.client.request('PUT', `/api/systems/${system.id}/classification`, { facts: {} });
    expect(archived.status).toBe(409);
    expect(archived.body.code).toBe('archived');
  });
});

describe('approval with a signature', () => {
  it('approves the latest revision by a second person who re-enters their password', async () => {
    const system = await t.newSystem(owner.client, unit);
    const { revision } = await decide(owner.client, system.id);
    const approved = await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD, comment: 'Geprüft' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      number: 1,
      status: 'approved',
      approval: { meaning: 'approved', entityType: 'classification_revision', entityId: revision.id, stateHash: revision.stateHash, comment: 'Geprüft', signer: { id: governance.id } },
    });
    const state = await owner.client.get(`/api/systems/${system.id}/classification`);
    expect(state.body).toMatchObject({ status: 'approved', latest: { number: 1, status: 'approved' }, approved: { number: 1 } });
    expect((await owner.client.get(`/api/systems/${system.id}`)).body.classificationStatus).toBe('approved');

    const again = await governance2.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(again.status).toBe(409);
    const history = await owner.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
    expect(history.body.items[0]).toMatchObject({ action: 'classification.approve', actorId: governance.id });
    const signatureEvents = await governance.client.get(`/api/audit-events?entityType=signature&entityId=${approved.body.approval.id}`);
    expect(signatureEvents.body.items.map((e: { action: string }) => e.action)).toEqual(['signature.create']);

    // The signature is listed with the revision and verifies against the stored revision.
    const list = await owner.client.get(`/api/signatures?entityType=classification_revision&entityId=${revision.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([approved.body.approval]);
    const verify = await owner.client.get(`/api/signatures/${approved.body.approval.id}/verify`);
    expect(verify.body).toEqual({ ok: true, storedHash: revision.stateHash, currentHash: revision.stateHash });
    // A change to the stored record behind the application's back shows.
    await t.db.database.db.updateTable('classification_revision').set({ note: 'nachträglich geändert' }).where('id', '=', revision.id).execute();
    const tampered = await owner.client.get(`/api/signatures/${approved.body.approval.id}/verify`);
    expect(tampered.body).toMatchObject({ ok: false, storedHash: revision.stateHash });
    expect(tampered.body.currentHash).not.toBe(revision.stateHash);

    const stranger = (await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }])).client;
    expect((await stranger.get(`/api/signatures?entityType=classification_revision&entityId=${revision.id}`)).status).toBe(403);
    expect((await stranger.get(`/api/signatures/${approved.body.approval.id}/verify`)).status).toBe(403);
    expect((await owner.client.get('/api/signatures/00000000-0000-4000-8000-000000000000/verify')).status).toBe(404);
    expect((await owner.client.get('/api/signatures?entityType=classification_revision')).status).toBe(400);
  });

  it('refuses the person who decided the revision (four eyes)', async () => {
    const system = await t.newSystem(governance.client, unit);
    await decide(governance.client, system.id);
    const refused = await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('four-eyes');
    expect((await governance.client.get(`/api/systems/${system.id}/classification`)).body.status).toBe('draft');
    expect((await governance2.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('refuses a wrong password, naming the field, and counts it as a failed sign-in attempt', async () => {
    const approver = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
    const system = await t.newSystem(owner.client, unit);
    await decide(owner.client, system.id);
    const wrong = await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    const failures = await t.db.database.db.selectFrom('login_failure').select('id').where('email', '=', approver.email).execute();
    expect(failures).toHaveLength(1);
    expect((await owner.client.get(`/api/systems/${system.id}/classification`)).body.status).toBe('draft');
    expect(await t.db.database.db.selectFrom('signature').select('id').where('signer_id', '=', approver.id).execute()).toEqual([]);
    // After five failures even the right password is throttled.
    for (let i = 0; i < 4; i++) await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: `wrong-${i}` });
    const throttled = await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(throttled.status).toBe(429);
    await t.db.database.db.deleteFrom('login_failure').where('email', '=', approver.email).execute();
    expect((await approver.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('approves only the latest revision, and only people who can re-enter a password', async () => {
    const system = await t.newSystem(owner.client, unit);
    await decide(owner.client, system.id);
    await decide(owner.client, system.id, { isAiSystem: false });
    const old = await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('not-latest');
    expect((await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 9, password: TEST_PASSWORD })).status).toBe(404);
    expect((await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 2 })).status).toBe(400);
    expect((await owner.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD })).status).toBe(403);

    const token = await t.services.tokens.create(systemActor('test'), { name: 'CI', expiresInDays: 1 }, governance.id);
    const machine = t.client();
    machine.bearer = token.token;
    const viaToken = await machine.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD });
    expect(viaToken.status).toBe(403);
    expect(viaToken.body.code).toBe('reauth-required');

    const stranger = (await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }])).client;
    expect((await stranger.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD })).status).toBe(403);
    expect((await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD })).status).toBe(200);
  });
});

describe('review after changes', () => {
  it('marks the classification needs-review when purpose, roles or deployment context change, not for tags', async () => {
    for (const change of [{ purpose: 'Neuer Zweck' }, { roles: ['provider'] }, { deploymentContext: 'Jetzt im Internet' }]) {
      const system = await t.newSystem(owner.client, unit, { tags: ['a'] });
      await decide(owner.client, system.id);
      await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
      const tags = await owner.client.patch(`/api/systems/${system.id}`, { version: 1, tags: ['a', 'b'], roles: ['deployer'] });
      expect(tags.body.classificationStatus).toBe('approved');
      expect((await owner.client.get(`/api/systems/${system.id}/classification`)).body.status).toBe('approved');

      const edited = await owner.client.patch(`/api/systems/${system.id}`, { version: 2, ...change });
      expect(edited.status).toBe(200);
      expect(edited.body.classificationStatus).toBe('needs-review');
      const state = await owner.client.get(`/api/systems/${system.id}/classification`);
      expect(state.body).toMatchObject({ status: 'needs-review', latest: { number: 1, status: 'needs-review' }, approved: { number: 1 } });
      const history = await owner.client.get(`/api/audit-events?entityType=system&entityId=${system.id}`);
      expect(history.body.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['classification.needs-review', 'system.update']);
      // The system's own event records only its fields.
      expect(history.body.items[1].changes.map((c: { field: string }) => c.field)).toEqual(Object.keys(change));

      // A revision that needs review is decided anew, then approved.
      expect((await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD })).status).toBe(409);
      await decide(owner.client, system.id);
      expect((await governance.client.post(`/api/systems/${system.id}/classification/approve`, { revision: 2, password: TEST_PASSWORD })).body.status).toBe('approved');
    }
  });

  it('leaves systems without a classification alone', async () => {
    const system = await t.newSystem(owner.client, unit);
    const edited = await owner.client.patch(`/api/systems/${system.id}`, { version: 1, purpose: 'Anders' });
    expect(edited.body.classificationStatus).toBe('none');
  });
});

describe('portfolio view', () => {
  it('filters by risk class and classification state', async () => {
    const u = await t.newUnit();
    const o = (await t.newUser([{ orgUnitId: u, role: 'owner' }])).client;
    const unclassified = await t.newSystem(o, u, { name: 'A ohne' });
    const draft = await t.newSystem(o, u, { name: 'B Entwurf' });
    const approved = await t.newSystem(o, u, { name: 'C freigegeben' });
    const review = await t.newSystem(o, u, { name: 'D prüfen' });
    const draftResult = (await decide(o, draft.id, { isAiSystem: false })).result;
    const approvedResult = (await decide(o, approved.id)).result;
    await governance.client.post(`/api/systems/${approved.id}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
    await decide(o, review.id);
    await o.patch(`/api/systems/${review.id}`, { version: 1, purpose: 'Geändert' });

    const names = async (query: string) => (await o.get(`/api/systems?unit=${u}&sort=name&${query}`)).body.items.map((s: { name: string }) => s.name);
    expect(await names('classification=none')).toEqual(['A ohne']);
    expect(await names('classification=draft')).toEqual(['B Entwurf']);
    expect(await names('classification=approved')).toEqual(['C freigegeben']);
    expect(await names('classification=needs-review')).toEqual(['D prüfen']);
    expect(await names('classification=unapproved')).toEqual(['A ohne', 'B Entwurf', 'D prüfen']);
    expect(draftResult.riskClass).toBe('out-of-scope');
    expect(await names('riskClass=out-of-scope')).toEqual(['B Entwurf']);
    expect(await names(`riskClass=${approvedResult.riskClass}&classification=approved`)).toEqual(['C freigegeben']);
    const list = await o.get(`/api/systems?unit=${u}&sort=name`);
    expect(list.body.items.map((s: { riskClass: string | null }) => s.riskClass)).toEqual([null, 'out-of-scope', approvedResult.riskClass, expect.any(String)]);
    expect(unclassified.classificationStatus).toBe('none');
    expect((await o.get('/api/systems?riskClass=catastrophic')).status).toBe(400);
    expect((await o.get('/api/systems?classification=maybe')).status).toBe(400);
  });
});
