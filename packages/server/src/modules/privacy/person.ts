import type { Kysely, Transaction } from 'kysely';
import type { AuditEventTable, DB } from '../../db/schema.js';
import { ERASURE_ACTIONS, redactionChanges, redactValue, replacePersonal, type RedactedFields } from '../../audit/redaction.js';
import { LABEL_COLUMNS, NAME_COLUMNS, SEARCH_TEXT_NAME_COLUMNS } from './person-columns.js';

/** An erased person: every label, name and e-mail address records may hold for them, and their pseudonym. */
export interface Person {
  userId: string;
  labels: string[];
  names: string[];
  emails: string[];
  pseudonym: string;
}

/** The strings replaced wherever they occur, longest first (a label contains the e-mail address). Names alone are
 * ambiguous (two people may share one), so they are replaced only as whole values, see personRedaction. */
export function personNeedles(person: Person): string[] {
  return [...person.labels, ...person.emails].sort((a, b) => b.length - a.length);
}

type Db = Kysely<DB> | Transaction<DB>;
// The tables are listed as data (person-columns.ts); Kysely cannot type a table name chosen at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (db: Db) => db as unknown as Kysely<any>;

function exactValues(person: Person, kind: 'label' | 'name'): string[] {
  return kind === 'label' ? person.labels : [...person.names, ...person.emails];
}

/** How many records per column name the person. */
export async function findPersonRecords(db: Db, person: Person): Promise<{ table: string; column: string; count: number }[]> {
  const out: { table: string; column: string; count: number }[] = [];
  for (const [kind, columns] of [['label', LABEL_COLUMNS], ['name', NAME_COLUMNS]] as const) {
    for (const [table, column] of columns) {
      const row = await loose(db).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, 'in', exactValues(person, kind)).executeTakeFirstOrThrow();
      out.push({ table, column, count: Number(row.n) });
    }
  }
  return out;
}

/** Ids of the records whose owner/contact columns hold the person's name or e-mail address. */
export async function namedRecordIds(db: Db, person: Person): Promise<string[]> {
  const ids = new Set<string>();
  for (const [table, column, idColumn] of NAME_COLUMNS) {
    const rows = (await loose(db).selectFrom(table).select(`${idColumn} as id`).where(column, 'in', exactValues(person, 'name')).execute()) as { id: string }[];
    for (const r of rows) ids.add(r.id);
  }
  return [...ids];
}

/** Replaces the person's labels, names and e-mail addresses in every listed column; returns the number of values replaced. */
export async function replaceInRecords(trx: Transaction<DB>, person: Person): Promise<number> {
  let total = 0;
  for (const [kind, columns] of [['label', LABEL_COLUMNS], ['name', NAME_COLUMNS]] as const) {
    for (const [table, column] of columns) {
      const result = await loose(trx).updateTable(table).set({ [column]: person.pseudonym }).where(column, 'in', exactValues(person, kind)).executeTakeFirst();
      total += Number(result.numUpdatedRows);
    }
  }
  await replaceInSearchText(trx, person);
  return total;
}

/**
 * The lower-cased search text of systems and evidence holds the responsible person or owner as one line of its own:
 * that line follows the column, or a search for the erased name would still find the record.
 */
async function replaceInSearchText(trx: Transaction<DB>, person: Person): Promise<void> {
  const erased = new Set(exactValues(person, 'name').map((v) => v.toLocaleLowerCase('de')));
  const pseudonym = person.pseudonym.toLocaleLowerCase('de');
  for (const [table, column] of SEARCH_TEXT_NAME_COLUMNS) {
    const rows = (await loose(trx).selectFrom(table).select(['id', 'search_text']).where(column, '=', person.pseudonym).execute()) as { id: string; search_text: string }[];
    for (const row of rows) {
      const next = row.search_text.split('\n').map((line) => (erased.has(line) ? pseudonym : line)).join('\n');
      if (next !== row.search_text) await loose(trx).updateTable(table).set({ search_text: next }).where('id', '=', row.id).execute();
    }
  }
}

/**
 * Audit events that name the person: theirs (actor), about their account or a record naming them as owner/contact,
 * or mentioning a label or e-mail address in the changes or the reason. A LIKE pre-selects; the redaction then skips events that it would not change.
 * Erasure events are never returned (they vouch for redactions and carry the pseudonym only).
 */
export async function findPersonEvents(db: Db, person: Person, namedIds: readonly string[]): Promise<AuditEventTable[]> {
  const texts = person.emails;
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where((eb) => eb.or([
      eb('actor_id', '=', person.userId),
      eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', person.userId)]),
      ...(namedIds.length > 0 ? [eb('entity_id', 'in', [...namedIds])] : []),
      ...texts.flatMap((t) => [eb('changes', 'like', `%${t}%`), eb('reason', 'like', `%${t}%`), eb('actor_label', 'like', `%${t}%`)]),
    ]))
    .where('action', 'not in', [...ERASURE_ACTIONS])
    .orderBy('seq')
    .execute();
  return rows;
}

/** The redaction of one audit event for an erased person: their labels, e-mail addresses and names. */
export function personRedaction(row: AuditEventTable, person: Person, namedIds: ReadonlySet<string>): RedactedFields {
  const needles = personNeedles(person);
  const own = row.actor_id === person.userId;
  // A bare name is replaced only in the person's own events and those about their account or a record naming them.
  const names = own || (row.entity_type === 'user' && row.entity_id === person.userId) || namedIds.has(row.entity_id) ? person.names : [];
  return {
    actorLabel: own ? person.pseudonym : replacePersonal(row.actor_label, needles, names, person.pseudonym),
    changes: redactValue(JSON.parse(row.changes), needles, names, person.pseudonym) as RedactedFields['changes'],
    reason: row.reason === null ? null : replacePersonal(row.reason, needles, names, person.pseudonym),
    clientAddress: own ? null : row.client_address,
  };
}

/** The person's audit events that a redaction would change (what the preview counts and the erasure redacts). */
export async function eventsToRedact(db: Db, person: Person, namedIds: readonly string[]): Promise<AuditEventTable[]> {
  const named = new Set(namedIds);
  return (await findPersonEvents(db, person, namedIds)).filter((row) => redactionChanges(row, personRedaction(row, person, named)));
}
