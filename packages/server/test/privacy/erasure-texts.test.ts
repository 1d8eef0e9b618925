// Erasure (DSGVO Art. 17) reaches JSON columns and exact mentions in free text: a person named in JSON and in the text
// of several record types is erased, another person with the same surname is not, the preview counts what changes,
// and the audit chain still verifies.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { systemActor } from '../../src/access/actor.js';
import { mentionsOf, replaceInJson, replaceMentions } from '../../src/modules/privacy/mentions.js';
import { startTestApp, FIXTURE_CATALOGS, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

let t: TestApp;
let unit: string;
let admin: { id: string; email: string; client: TestClient };
const db = () => t.db.database.db;

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
});
afterAll(async () => {
  await t.close();
});

async function newPerson(name: string) {
  const email = `${name.split(' ')[0]!.toLowerCase()}.${randomUUID().slice(0, 6)}@test.example`;
  const user = await t.services.users.create(systemActor('test setup'), {
    email, displayName: name, password: TEST_PASSWORD, locale: 'de', roles: [{ orgUnitId: unit, role: 'owner' }], clearance: 'offen',
  });
  const client = new TestClient(t.baseUrl);
  expect((await client.login(email, TEST_PASSWORD)).status).toBe(200);
  return { id: user.id, email, name, client };
}

describe('mention rules', () => {
  const m = mentionsOf({ labels: ['Erika Quast <erika@x.example>'], names: ['Erika Quast', 'Erika'], emails: ['erika@x.example'] });
  it('replace the full name exactly and the e-mail address in any case, never a word of the name or a longer name or address', () => {
    const r = replaceMentions('Erika Quast, ERIKA@X.example; Erika; Quast; Max Quast; Erika Quast-Berg; Erika Quasten; anna.erika@x.example; erika@x.example.org; (Erika Quast <erika@x.example>)', m, 'P');
    expect(r.text).toBe('P, P; Erika; Quast; Max Quast; Erika Quast-Berg; Erika Quasten; anna.erika@x.example; erika@x.example.org; (P)');
    expect(r.count).toBe(3);
    expect(replaceMentions('erika quast', m, 'P').count).toBe(0); // the name is matched exactly, case included
  });
  it('replace whole JSON values (a single name too) and mentions inside longer strings', () => {
    const r = replaceInJson({ owner: 'Erika', list: ['Erika Quast', 'Erika Quast <erika@x.example>', 'Max Quast'], note: 'Frag Erika Quast', n: 3 }, m, 'P');
    expect(r.value).toEqual({ owner: 'P', list: ['P', 'P', 'Max Quast'], note: 'Frag P', n: 3 });
    expect(r.count).toBe(4);
  });
});

describe('erasure of JSON columns and free-text mentions', () => {
  it('replaces them in several record types, leaves a person with the same surname alone, previews what it changes, and the chain verifies', async () => {
    const suffix = randomUUID().slice(0, 4).replace(/\d/g, 'q');
    const person = await newPerson(`Erika Quast${suffix}`);
    const other = await newPerson(`Max Quast${suffix}`);
    const surname = `Quast${suffix}`;
    const mixedCaseEmail = person.email.toUpperCase();

    const system = await t.newSystem(admin.client, unit, {
      description: `Fachlich verantwortlich: ${person.name} (${mixedCaseEmail}); Vertretung ${other.name}; Rückfragen an Frau ${surname}.`,
    });
    const risk = await admin.client.post(`/api/systems/${system.id}/risks`, { title: 'Fehlerhafte Zuordnung', description: `Gemeldet von ${person.name}, bestätigt von ${other.name}.` });
    expect(risk.status).toBe(201);
    const nc = await admin.client.post('/api/nonconformities', {
      systemId: system.id, title: 'Abweichung', source: 'review', severity: 'minor', description: `Festgestellt durch ${person.email}.`,
      actions: [
        { kind: 'corrective', description: `Schulung durch ${person.name} planen`, owner: person.name },
        { kind: 'preventive', description: 'Vier-Augen-Prinzip', owner: other.name },
      ],
    });
    expect(nc.status).toBe(201);
    // An untouched record: mentions only the other person.
    const bystander = await t.newSystem(admin.client, unit, { description: `Ansprechpartner ${other.name} (${other.email})` });

    const preview = await admin.client.get(`/api/privacy/erasure/${person.id}`);
    expect(preview.status).toBe(200);
    const mentions = preview.body.mentions as { table: string; column: string; records: number; mentions: number }[];
    expect(mentions).toEqual(expect.arrayContaining([
      { table: 'ai_system', column: 'description', records: 1, mentions: 2 },
      { table: 'risk', column: 'description', records: 1, mentions: 1 },
      { table: 'nonconformity', column: 'description', records: 1, mentions: 1 },
    ]));
    expect(preview.body.records).toEqual(expect.arrayContaining([{ table: 'nonconformity', column: 'actions', count: 1 }]));
    expect(preview.body.kept).toContain('other-references');

    const done = await admin.client.post(`/api/privacy/erasure/${person.id}`, { reason: 'Antrag vom 02.12.', confirm: true });
    expect(done.status).toBe(200);
    expect(done.body.auditEvents).toBe(preview.body.auditEvents);
    const pseudonym = preview.body.pseudonym as string;

    const sys = await db().selectFrom('ai_system').selectAll().where('id', 'in', [system.id, bystander.id]).execute();
    const erased = sys.find((s) => s.id === system.id)!;
    expect(erased.description).toBe(`Fachlich verantwortlich: ${pseudonym} (${pseudonym}); Vertretung ${other.name}; Rückfragen an Frau ${surname}.`);
    expect(erased.search_text).not.toContain(person.name.toLocaleLowerCase('de'));
    expect(erased.search_text).toContain(other.name.toLocaleLowerCase('de'));
    expect(sys.find((s) => s.id === bystander.id)!.description).toBe(`Ansprechpartner ${other.name} (${other.email})`);
    expect((await db().selectFrom('risk').select('description').where('id', '=', risk.body.id).executeTakeFirstOrThrow()).description).toBe(`Gemeldet von ${pseudonym}, bestätigt von ${other.name}.`);
    const ncRow = await db().selectFrom('nonconformity').selectAll().where('id', '=', nc.body.id).executeTakeFirstOrThrow();
    expect(ncRow.description).toBe(`Festgestellt durch ${pseudonym}.`);
    const actions = JSON.parse(ncRow.actions) as { owner: string; description: string }[];
    expect(actions.map((a) => [a.owner, a.description])).toEqual([[pseudonym, `Schulung durch ${pseudonym} planen`], [other.name, 'Vier-Augen-Prinzip']]);

    // The search no longer finds the system under the erased name.
    const search = async (q: string) => ((await admin.client.get(`/api/systems?q=${encodeURIComponent(q)}`)).body as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await search(person.name)).not.toContain(system.id);
    expect(await search(other.name)).toEqual(expect.arrayContaining([system.id, bystander.id]));

    // The erasure event lists what changed (tables, columns, record keys), and the counts match the preview.
    const event = await db().selectFrom('audit_event').selectAll().where('seq', '=', done.body.erasureSeq).executeTakeFirstOrThrow();
    const changes = JSON.parse(event.changes) as { field: string; after: unknown }[];
    const changed = changes.find((c) => c.field === 'changedRecords')!.after as { table: string; column: string; ids: string[] }[];
    expect(changed).toEqual(expect.arrayContaining([
      { table: 'ai_system', column: 'description', ids: [system.id] }, { table: 'risk', column: 'description', ids: [risk.body.id] },
      { table: 'nonconformity', column: 'description', ids: [nc.body.id] }, { table: 'nonconformity', column: 'actions', ids: [nc.body.id] },
    ]));
    for (const m of mentions) expect(changed.find((c) => c.table === m.table && c.column === m.column)?.ids).toHaveLength(m.records);
    expect(done.body.records).toBe(changed.reduce((n, c) => n + c.ids.length, 0));
    expect(event.changes).not.toContain(person.name);
    expect(event.changes).not.toContain(person.email);

    // The audit trail of those records no longer holds the full name or the address; the other person's name stays.
    const trail = JSON.stringify(await db().selectFrom('audit_event').selectAll().where('entity_id', 'in', [system.id, risk.body.id, nc.body.id]).execute());
    expect(trail).not.toContain(person.name);
    expect(trail.toLowerCase()).not.toContain(person.email.toLowerCase());
    expect(trail).toContain(other.name);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, firstBroken: null });

    // Nothing is left to find.
    const again = await admin.client.get(`/api/privacy/erasure/${other.id}`);
    expect(again.body.mentions).toEqual(expect.arrayContaining([{ table: 'ai_system', column: 'description', records: 2, mentions: 3 }]));
  });
});
