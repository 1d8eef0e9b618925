import { sql, type Insertable, type Kysely } from 'kysely';
import type { EvidenceListQuery } from '@konform/core';
import type { DB, EvidenceLinkTable, EvidenceTable, EvidenceVersionTable } from '../../db/schema.js';
import { containsText, toCount, type DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

/** An evidence row with the organisational unit and the classification level of the system it belongs to. */
export function findEvidence(db: Db, id: string) {
  return db
    .selectFrom('evidence')
    .innerJoin('ai_system', 'ai_system.id', 'evidence.system_id')
    .selectAll('evidence')
    .select(['ai_system.org_unit_id as org_unit_id', 'ai_system.classification as system_classification'])
    .where('evidence.id', '=', id)
    .executeTakeFirst();
}

/** On PostgreSQL the row stays locked until the transaction ends, so concurrent uploads of new versions queue. */
export function findEvidenceForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).$if(dialect === 'postgres', (qb) => qb.forUpdate()).executeTakeFirst();
}

export async function insertEvidence(db: Db, row: EvidenceTable) {
  await db.insertInto('evidence').values(row).execute();
}

/** Optimistic locking: the row changes only if nobody changed it since `expectedVersion`. */
export async function updateEvidenceRow(db: Db, id: string, expectedVersion: number, values: Partial<EvidenceTable>) {
  const result = await db.updateTable('evidence').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Bookkeeping after a new file version: the metadata and its version stay. */
export async function touchEvidence(db: Db, id: string, updatedAt: string) {
  await db.updateTable('evidence').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function insertVersion(db: Db, row: Insertable<EvidenceVersionTable>) {
  await db.insertInto('evidence_version').values(row).execute();
}

/** Newest first. */
export function versionsOf(db: Db, evidenceId: string) {
  return db.selectFrom('evidence_version').selectAll().where('evidence_id', '=', evidenceId).orderBy('number', 'desc').execute();
}

export function findVersion(db: Db, evidenceId: string, number: number) {
  return db.selectFrom('evidence_version').selectAll().where('evidence_id', '=', evidenceId).where('number', '=', number).executeTakeFirst();
}

export async function lastVersionNumber(db: Db, evidenceId: string): Promise<number> {
  const row = await db.selectFrom('evidence_version').select((eb) => eb.fn.max('number').as('n')).where('evidence_id', '=', evidenceId).executeTakeFirst();
  return toCount(row?.n ?? 0);
}

/** The newest version of each of the given evidence items. */
export async function latestVersions(db: Db, evidenceIds: readonly string[]) {
  if (evidenceIds.length === 0) return [];
  return db
    .selectFrom('evidence_version as v')
    .selectAll('v')
    .where('v.evidence_id', 'in', [...evidenceIds])
    .where((eb) => eb('v.number', '=', eb.selectFrom('evidence_version as w').select((w) => w.fn.max('w.number').as('n')).whereRef('w.evidence_id', '=', 'v.evidence_id')))
    .execute();
}

export async function insertLink(db: Db, row: EvidenceLinkTable) {
  await db.insertInto('evidence_link').values(row).execute();
}

export async function deleteLink(db: Db, id: string) {
  await db.deleteFrom('evidence_link').where('id', '=', id).execute();
}

/** A link with the organisational unit of the system it points to. */
export function findLink(db: Db, evidenceId: string, linkId: string) {
  return db
    .selectFrom('evidence_link')
    .innerJoin('ai_system', 'ai_system.id', 'evidence_link.system_id')
    .selectAll('evidence_link')
    .select('ai_system.org_unit_id as org_unit_id')
    .where('evidence_link.evidence_id', '=', evidenceId)
    .where('evidence_link.id', '=', linkId)
    .executeTakeFirst();
}

/** The same use recorded already (nullable columns cannot carry a portable unique constraint). */
export function findSameLink(db: Db, evidenceId: string, systemId: string, requirementKey: string | null, measureId: string | null) {
  return db
    .selectFrom('evidence_link')
    .select('id')
    .where('evidence_id', '=', evidenceId)
    .where('system_id', '=', systemId)
    .where((eb) => (requirementKey === null ? eb('requirement_key', 'is', null) : eb('requirement_key', '=', requirementKey)))
    .where((eb) => (measureId === null ? eb('measure_id', 'is', null) : eb('measure_id', '=', measureId)))
    .executeTakeFirst();
}

/** Where the evidence is used, oldest first. */
export function linksOf(db: Db, evidenceId: string) {
  return db.selectFrom('evidence_link').selectAll().where('evidence_id', '=', evidenceId).orderBy('created_at').orderBy('id').execute();
}

/** The organisational units of the systems that use the evidence. */
export async function linkedUnits(db: Db, evidenceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('evidence_link')
    .innerJoin('ai_system', 'ai_system.id', 'evidence_link.system_id')
    .select('ai_system.org_unit_id')
    .distinct()
    .where('evidence_link.evidence_id', '=', evidenceId)
    .execute();
  return rows.map((r) => r.org_unit_id);
}

/**
 * Evidence visible in `scope`: it belongs to a system of a unit in scope, or a system of such a unit uses it.
 * `systemId` narrows to evidence that belongs to or is used by that system; `levels` to the classification levels
 * the reader is cleared for (of the evidence and of the system it belongs to; null: all).
 */
export async function listEvidence(db: Db, scope: UnitScope, query: EvidenceListQuery, systemIds: readonly string[] | null = null, levels: readonly string[] | null = null) {
  let base = db.selectFrom('evidence').innerJoin('ai_system', 'ai_system.id', 'evidence.system_id');
  // Need-to-know: classified evidence (or evidence of a classified system) stays out of uncleared readers' lists.
  if (levels) base = base.where('evidence.classification', 'in', [...levels]).where('ai_system.classification', 'in', [...levels]);
  // An API token limited to AI systems: evidence of those systems or used by them.
  if (systemIds) {
    if (systemIds.length === 0) return { rows: [], total: 0 };
    const ids = [...systemIds];
    base = base.where((eb) =>
      eb.or([
        eb('evidence.system_id', 'in', ids),
        eb.exists(eb.selectFrom('evidence_link as t').select(sql.lit(1).as('one')).whereRef('t.evidence_id', '=', 'evidence.id').where('t.system_id', 'in', ids)),
      ]),
    );
  }
  if (scope !== 'all') {
    if (scope.size === 0) return { rows: [], total: 0 };
    const units = [...scope];
    base = base.where((eb) =>
      eb.or([
        eb('ai_system.org_unit_id', 'in', units),
        eb.exists(
          eb
            .selectFrom('evidence_link as l')
            .innerJoin('ai_system as ls', 'ls.id', 'l.system_id')
            .select(sql.lit(1).as('one'))
            .whereRef('l.evidence_id', '=', 'evidence.id')
            .where('ls.org_unit_id', 'in', units),
        ),
      ]),
    );
  }
  if (query.systemId) {
    const systemId = query.systemId;
    base = base.where((eb) =>
      eb.or([
        eb('evidence.system_id', '=', systemId),
        eb.exists(eb.selectFrom('evidence_link as u').select(sql.lit(1).as('one')).whereRef('u.evidence_id', '=', 'evidence.id').where('u.system_id', '=', systemId)),
      ]),
    );
  }
  if (query.q) {
    const q = query.q;
    base = base.where(() => containsText(sql.ref('evidence.search_text'), q));
  }
  const [rows, count] = await Promise.all([
    base.selectAll('evidence').orderBy('evidence.updated_at', 'desc').orderBy('evidence.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}
