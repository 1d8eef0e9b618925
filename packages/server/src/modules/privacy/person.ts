import type { Kysely, Transaction } from 'kysely';
import type { AuditEventTable, DB } from '../../db/schema.js';
import { ERASURE_ACTIONS, redactionChanges, redactValue, replacePersonal, type RedactedFields } from '../../audit/redaction.js';
import { LABEL_COLUMNS, NAME_COLUMNS } from './person-columns.js';
import { mentionsOf, replaceInJson, replaceMentions } from './mentions.js';
import { keyColumns, keyOf, refreshSearchText, scanTexts, type TextHits } from './person-texts.js';

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

/** How many records per column name the person: label and owner/contact columns, and the erased JSON columns. */
export async function findPersonRecords(db: Db, person: Person, texts: readonly TextHits[]): Promise<{ table: string; column: string; count: number }[]> {
  const out: { table: string; column: string; count: number }[] = [];
  for (const [kind, columns] of [['label', LABEL_COLUMNS], ['name', NAME_COLUMNS]] as const) {
    for (const [table, column] of columns) {
      const row = await loose(db).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, 'in', exactValues(person, kind)).executeTakeFirstOrThrow();
      out.push({ table, column, count: Number(row.n) });
    }
  }
  for (const t of texts) if (t.kind === 'json') out.push({ table: t.table, column: t.column, count: t.records });
  return out;
}

/**
 * Ids (as their audit events carry them) of the records whose owner/contact columns hold the person's name or e-mail
 * address, or whose free text or JSON mentions them: their audit events get the same names and mentions replaced.
 */
export async function namedRecordIds(db: Db, person: Person, texts: readonly TextHits[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const [table, column, idColumn] of NAME_COLUMNS) {
    const rows = (await loose(db).selectFrom(table).select(`${idColumn} as id`).where(column, 'in', exactValues(person, 'name')).execute()) as { id: string }[];
    for (const r of rows) ids.add(r.id);
  }
  for (const t of texts) for (const id of t.entityIds) ids.add(id);
  return [...ids];
}

/** Records an erasure changed, per column, as the erasure event lists them (record keys, never names). */
export interface ChangedRecords {
  table: string;
  column: string;
  ids: string[];
}

/**
 * Replaces the person's labels, names and e-mail addresses in every listed column and their mentions in free text and
 * JSON (person-texts.ts), and rebuilds the search text of the changed records. Answers the number of values replaced
 * and the changed records per column.
 */
export async function replaceInRecords(trx: Transaction<DB>, person: Person, accountEmail: string): Promise<{ total: number; changed: ChangedRecords[] }> {
  const changed: ChangedRecords[] = [];
  for (const [kind, columns] of [['label', LABEL_COLUMNS], ['name', NAME_COLUMNS]] as const) {
    for (const [table, column] of columns) {
      const keys = keyColumns(table);
      const rows = (await loose(trx).selectFrom(table).select([...keys]).where(column, 'in', exactValues(person, kind)).execute()) as Record<string, unknown>[];
      if (rows.length === 0) continue;
      await loose(trx).updateTable(table).set({ [column]: person.pseudonym }).where(column, 'in', exactValues(person, kind)).execute();
      changed.push({ table, column, ids: rows.map((r) => keyOf(r, keys)) });
    }
  }
  for (const t of await scanTexts(trx, person, { apply: true, accountEmail })) changed.push({ table: t.table, column: t.column, ids: t.keys });
  const byTable = new Map<string, Set<string>>();
  for (const c of changed) byTable.set(c.table, new Set([...(byTable.get(c.table) ?? []), ...c.ids]));
  await refreshSearchText(trx, byTable);
  return { total: changed.reduce((n, c) => n + c.ids.length, 0), changed };
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

const mentionCache = new WeakMap<Person, ReturnType<typeof mentionsOf>>();

/**
 * The redaction of one audit event for an erased person: their labels, e-mail addresses and names. In the person's own
 * events and those about their account or a record naming them, bare names and full-name mentions in text go too.
 */
export function personRedaction(row: AuditEventTable, person: Person, namedIds: ReadonlySet<string>): RedactedFields {
  const needles = personNeedles(person);
  const own = row.actor_id === person.userId;
  const related = own || (row.entity_type === 'user' && row.entity_id === person.userId) || namedIds.has(row.entity_id);
  const names = related ? person.names : [];
  let changes = redactValue(JSON.parse(row.changes), needles, names, person.pseudonym);
  let reason = row.reason === null ? null : replacePersonal(row.reason, needles, names, person.pseudonym);
  if (related) {
    let m = mentionCache.get(person);
    if (!m) mentionCache.set(person, (m = mentionsOf(person)));
    changes = replaceInJson(changes, m, person.pseudonym).value;
    if (reason !== null) reason = replaceMentions(reason, m, person.pseudonym).text;
  }
  return {
    actorLabel: own ? person.pseudonym : replacePersonal(row.actor_label, needles, names, person.pseudonym),
    changes: changes as RedactedFields['changes'],
    reason,
    clientAddress: own ? null : row.client_address,
  };
}

/** The person's audit events that a redaction would change (what the preview counts and the erasure redacts). */
export async function eventsToRedact(db: Db, person: Person, namedIds: readonly string[]): Promise<AuditEventTable[]> {
  const named = new Set(namedIds);
  return (await findPersonEvents(db, person, namedIds)).filter((row) => redactionChanges(row, personRedaction(row, person, named)));
}
