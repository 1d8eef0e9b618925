import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { MARKINGS, mayRead, readableLevels, type Marking } from '@konform/core';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { appendAuditEvent } from '../audit/audit-log.js';
import { HttpProblem } from '../http/errors.js';

/**
 * Need-to-know on the server: core's `mayRead` against the actor's clearance. Records above `offen` are refused with
 * 403 `clearance`; every read of such a record, and every refused attempt, is written to the audit trail.
 */

/** A stored level as a Marking; an unknown text reads as VS-NfD (fail closed). */
export function levelOf(text: string | null | undefined): Marking {
  return text === undefined || text === null || text === 'offen' ? 'offen' : 'VS-NfD';
}

export function clearanceRefused(level: Marking): HttpProblem {
  return new HttpProblem(403, 'clearance', `This record needs clearance ${level}`);
}

export function isClearanceRefusal(error: unknown): error is HttpProblem {
  return error instanceof HttpProblem && error.code === 'clearance';
}

/** Throws 403 `clearance` unless the actor is cleared for the level. */
export function assertCleared(actor: Actor, level: string | null | undefined): void {
  const marking = levelOf(level);
  if (!mayRead(actor.clearance, marking)) throw clearanceRefused(marking);
}

/** Only an actor cleared for a level may mark a record with it (403 `clearance` naming the field). */
export function assertMayMark(actor: Actor, level: Marking | undefined, field = 'classification'): void {
  if (level && !mayRead(actor.clearance, level)) {
    throw new HttpProblem(403, 'clearance', `Only users cleared for ${level} may mark a record ${level}`, [{ path: field, message: `Needs clearance ${level}` }]);
  }
}

/** The classification level of an AI system record; `offen` when there is none (yet). */
export async function systemLevel(db: Kysely<DB>, systemId: string): Promise<Marking> {
  const row = await db.selectFrom('ai_system').select('classification').where('id', '=', systemId).executeTakeFirst();
  return levelOf(row?.classification);
}

export interface ClassifiedRecord {
  /** The audit actions are `<type>.read` and `<type>.read-refused`. */
  entityType: 'evidence' | 'system' | 'management-report';
  entityId: string;
  level: Marking;
  /** What was read, e.g. `content v2` for a download; recorded with the event. */
  what?: string;
}

/**
 * Gates a read of a record: `gate` checks roles and token limits (its own 403s pass through unlogged), then the
 * clearance. A refused attempt on a classified record and every successful read of one each write an audit event
 * (in a transaction of their own: a read changes nothing else). Open records are read without an event.
 */
export async function gateClassifiedRead(database: Database, actor: Actor, record: ClassifiedRecord, gate: () => Promise<void>): Promise<void> {
  try {
    await gate();
    assertCleared(actor, record.level);
  } catch (error) {
    if (isClearanceRefusal(error)) await auditRead(database, actor, record, 'read-refused');
    throw error;
  }
  if (record.level !== 'offen') await auditRead(database, actor, record, 'read');
}

async function auditRead(database: Database, actor: Actor, record: ClassifiedRecord, outcome: 'read' | 'read-refused'): Promise<void> {
  const now = new Date().toISOString();
  const changes = [
    { field: 'classification', before: null, after: record.level },
    { field: 'clearance', before: null, after: actor.clearance },
    ...(record.what ? [{ field: 'read', before: null, after: record.what }] : []),
  ];
  await database.db.transaction().execute((trx) =>
    appendAuditEvent(trx, database.dialect, actor, { action: `${record.entityType}.${outcome}`, entityType: record.entityType, entityId: record.entityId, changes }, now),
  );
}

// ---- cross-system lists --------------------------------------------------------------------------------------------

/**
 * The system levels an actor may see in lists; null when the actor is cleared for every level (no filter needed).
 * Lists across systems leave out the records of systems above the actor's clearance entirely, as if they did not exist.
 */
export function visibleLevels(actor: Pick<Actor, 'clearance'>): Marking[] | null {
  const levels = readableLevels(actor.clearance);
  return levels.length === MARKINGS.length ? null : levels;
}

/**
 * A where-clause for lists: the record's system (the column `systemRef`, e.g. `'r.system_id'`; null for unit-wide
 * records, which stay visible) is not classified above the actor's clearance. `NOT EXISTS` keeps records without a
 * system; an unknown level counts as the highest (fail closed), as in `levelOf`.
 */
export function visibleSystemRecord(actor: Pick<Actor, 'clearance'>, systemRef: string) {
  const levels = visibleLevels(actor);
  return (): RawBuilder<SqlBool> =>
    levels === null
      ? sql<SqlBool>`1 = 1`
      : sql<SqlBool>`not exists (select 1 from ai_system hidden_system where hidden_system.id = ${sql.ref(systemRef)} and hidden_system.classification not in (${sql.join(levels)}))`;
}

/** The ids of the systems an actor may not see (empty for an actor cleared for every level): for lists filtered in memory. */
export async function hiddenSystemIds(db: Kysely<DB>, actor: Pick<Actor, 'clearance'>): Promise<Set<string>> {
  const levels = visibleLevels(actor);
  if (levels === null) return new Set();
  const rows = await db.selectFrom('ai_system').select('id').where('classification', 'not in', levels).execute();
  return new Set(rows.map((r) => r.id));
}
