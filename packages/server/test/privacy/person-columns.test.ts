// Erasure finds a person through a list of columns (person-columns.ts). A table added later with a `*_label` or owner
// column would keep the person's name after an erasure unless it is listed: this test reads the real schema and fails
// for every such column that is neither erased nor kept on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_COLUMNS, NAME_COLUMNS } from '../../src/modules/privacy/person-columns.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Columns that name a person and stay after an erasure, each with the reason. */
const KEPT: Record<string, string> = {
  'signature.signer_label': 'an electronic signature must name its signer (DSGVO Art. 17(3)(b), (e))',
  'risk_acceptance.signer_label': 'a signed risk acceptance',
  'conformity_step.signed_by_label': 'a signed conformity step',
  'audit_event.actor_label': 'redacted through the audit chain (audit/redaction.ts), not by column',
};

/** Columns whose name says they hold a person, but which hold something else. */
const NOT_A_PERSON: Record<string, string> = {};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('columns that name a person', () => {
  it('are all erased or kept on purpose', async () => {
    const listed = new Set([...LABEL_COLUMNS.map(([t, c]) => `${t}.${c}`), ...NAME_COLUMNS.map(([t, c]) => `${t}.${c}`)]);
    const tables = await db.database.db.introspection.getTables();
    const personal = tables.flatMap((t) => t.columns.filter((c) => /(_label|^responsible|^owner|^contact_person)$/.test(c.name)).map((c) => `${t.name}.${c.name}`));
    expect(personal.length).toBeGreaterThan(50); // the schema was read, or the test proves nothing
    const forgotten = personal.filter((c) => !listed.has(c) && !(c in KEPT) && !(c in NOT_A_PERSON)).sort();
    expect(forgotten).toEqual([]);
    // And nothing listed that the schema does not have (a renamed column would silently stop being erased).
    const all = new Set(tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect([...listed, ...Object.keys(KEPT)].filter((c) => !all.has(c)).sort()).toEqual([]);
  });
});
