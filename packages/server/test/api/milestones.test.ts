import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDate, ClassificationFacts } from '@konform/core';
import { systemActor } from '../../src/access/actor.js';
import { startTestApp, FIXTURE_CATALOGS, type TestApp } from '../support/test-app.js';
import type { TestClient } from '../support/client.js';

type User = { id: string; email: string; client: TestClient };
type Entry = { kind: 'milestone' | 'task'; date: string; past: boolean; label?: { de: string; en: string }; sources?: { id: string; count: number }[]; requirements?: { key: string }[]; task?: { title: string } };
let t: TestApp;
let unit: string;
let owner: User;
let governance: User;
let stranger: User;
let systemId: string;

/** An Annex III high-risk system (a public body deploying a 5(a) system): Art. 26(6) and Art. 27 apply from the Annex III date. */
beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  owner = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
  governance = await t.newUser([{ orgUnitId: unit, role: 'governance' }]);
  stranger = await t.newUser([{ orgUnitId: await t.newUnit(), role: 'owner' }]);
  systemId = (await t.newSystem(owner.client, unit)).id;
  await t.services.classification.decide(systemActor(), systemId, {
    facts: ClassificationFacts.parse({ roles: ['deployer'], annexIII: ['5.a'], deployer: { publicAuthority: true } }),
    answers: {},
    note: '',
  });
});
afterAll(async () => t.close());

async function timeline(client: TestClient = owner.client) {
  const reply = await client.get(`/api/systems/${systemId}/milestones`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { actInForce: string; basis: string; today: string; entries: Entry[] };
}
const milestones = (entries: Entry[]) => entries.filter((e) => e.kind === 'milestone');

describe('milestones', () => {
  it("derives milestones from the legal dates of the system's applicable requirements, grouped by date", async () => {
    const body = await timeline();
    expect(body).toMatchObject({ actInForce: 'amended-2026', basis: 'draft', today: calendarDate(new Date()) });
    const ms = milestones(body.entries);
    expect(ms.map((m) => m.date)).toEqual(['2024-01-01', '2025-02-02', '2027-12-02']);
    const annexIii = ms.find((m) => m.date === '2027-12-02')!;
    expect(annexIii.requirements!.map((r) => r.key).sort()).toEqual(['eu-ai-act:art-26-6', 'eu-ai-act:art-27']);
    expect(annexIii.sources).toEqual([{ kind: 'timeline-group', id: 'annex-iii-high-risk', title: expect.any(Object), count: 2 }]);
    expect(annexIii.label).toEqual({
      de: 'Hochrisiko-KI-Systeme nach Anhang III (Art. 6 Abs. 2): 2 Anforderungen gelten ab 2. Dezember 2027',
      en: 'High-risk AI systems under Annex III (Art. 6(2)): 2 requirements apply from 2 December 2027',
    });
    expect(ms.find((m) => m.date === '2024-01-01')).toMatchObject({ past: true, sources: [{ kind: 'catalog', id: 'iso-42001', count: 1 }] });
    expect(ms.find((m) => m.date === '2025-02-02')!.label!.de).toBe('KI-Kompetenz (Art. 4): 1 Anforderung gilt ab 2. Februar 2025');
  });

  it("follows the catalogue's dates: switching the AI Act text in force moves the Annex III milestone", async () => {
    const switched = await governance.client.post('/api/catalogs/act-in-force/published-2024/accept', {});
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    try {
      const body = await timeline();
      expect(body.actInForce).toBe('published-2024');
      const annexIii = milestones(body.entries).find((m) => m.sources!.some((s) => s.id === 'annex-iii-high-risk'))!;
      expect(annexIii.date).toBe('2026-08-02');
      expect(annexIii.label!.en).toContain('apply from 2 August 2026');
      expect(milestones(body.entries).some((m) => m.date === '2027-12-02')).toBe(false);
    } finally {
      expect((await governance.client.post('/api/catalogs/act-in-force/amended-2026/accept', {})).status).toBe(200);
    }
    expect(milestones((await timeline()).entries).map((m) => m.date)).toContain('2027-12-02');
  });

  it('leaves out requirements set to not applicable, and lists dated tasks as a second kind of entry', async () => {
    const matrix = (await owner.client.get(`/api/systems/${systemId}/requirements?catalog=eu-ai-act`)).body;
    const row = matrix.items.find((r: { requirementId: string }) => r.requirementId === 'eu-ai-act:art-4');
    const na = await owner.client.patch(`/api/systems/${systemId}/requirements/eu-ai-act:art-4`, { version: row.version, status: 'not-applicable', justification: 'Für dieses System ohne Belang, Schulungen zentral geregelt.' });
    expect(na.status, JSON.stringify(na.body)).toBe(200);
    const due = addCalendarDays(calendarDate(new Date()), 7);
    const task = await owner.client.post('/api/tasks', { recordType: 'requirement', recordId: 'eu-ai-act:art-26-6', systemId, title: 'Aufbewahrungsfrist festlegen', dueDate: due });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    await owner.client.post('/api/tasks', { recordType: 'system', recordId: systemId, title: 'Ohne Termin' });
    const body = await timeline();
    expect(milestones(body.entries).map((m) => m.date)).toEqual(['2024-01-01', '2027-12-02']);
    const tasks = body.entries.filter((e) => e.kind === 'task');
    expect(tasks).toEqual([{ kind: 'task', date: due, past: false, task: expect.objectContaining({ title: 'Aufbewahrungsfrist festlegen', status: 'open', dueState: 'later', recordLabel: { de: 'Art. 26(6) – Protokolle aufbewahren', en: 'Art. 26(6) – Keep logs' } }) }]);
    expect(body.entries.map((e) => e.date)).toEqual([...body.entries.map((e) => e.date)].sort());
  });

  it('needs sign-in and the system in scope', async () => {
    expect((await t.client().get(`/api/systems/${systemId}/milestones`)).status).toBe(401);
    expect((await stranger.client.get(`/api/systems/${systemId}/milestones`)).status).toBe(403);
    expect((await owner.client.get('/api/systems/00000000-0000-4000-8000-000000000000/milestones')).status).toBe(404);
    expect((await owner.client.get('/api/systems/kein-system/milestones')).status).toBe(400);
  });
});
