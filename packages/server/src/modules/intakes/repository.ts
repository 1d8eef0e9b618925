import { sql, type Kysely } from 'kysely';
import type { AdviceEntry, Intake, IntakeListQuery } from '@konform/core';
import type { AdviceEntryTable, DB, IntakeTable } from '../../db/schema.js';
import { containsText, toCount, type DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

export function findIntake(db: Db, id: string) {
  return db.selectFrom('intake').selectAll().where('id', '=', id).executeTakeFirst();
}

/** On PostgreSQL the row stays locked until the transaction ends: advice and a decision on one intake queue. */
export function findIntakeForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('intake').selectAll().where('id', '=', id).$if(dialect === 'postgres', (qb) => qb.forUpdate()).executeTakeFirst();
}

export async function insertIntake(db: Db, row: IntakeTable) {
  await db.insertInto('intake').values(row).execute();
}

/** Optimistic locking: the row changes only if nobody changed it since `expectedVersion`. */
export async function updateIntakeRow(db: Db, id: string, expectedVersion: number, values: Partial<IntakeTable>) {
  const result = await db.updateTable('intake').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A status move that is bookkeeping, not an edit (first advice): the version stays. */
export async function setIntakeStatus(db: Db, id: string, status: string, updatedAt: string) {
  await db.updateTable('intake').set({ status, updated_at: updatedAt }).where('id', '=', id).execute();
}

/** Everything when `scope` is 'all'; otherwise the actor's own submissions and those of units in scope. */
export async function listIntakes(db: Db, scope: UnitScope, submitterId: string | null, query: IntakeListQuery, tokenSystemIds: readonly string[] | null = null) {
  let base = db.selectFrom('intake');
  // An API token limited to AI systems: accepted intakes of other systems stay hidden (open ones have no system yet).
  if (tokenSystemIds) {
    const ids = [...tokenSystemIds];
    base = base.where((eb) => (ids.length === 0 ? eb('system_id', 'is', null) : eb.or([eb('system_id', 'is', null), eb('system_id', 'in', ids)])));
  }
  if (scope !== 'all') {
    const units = [...scope];
    base = base.where((eb) => {
      const visible = [];
      if (submitterId) visible.push(eb('submitted_by_id', '=', submitterId));
      if (units.length > 0) visible.push(eb('org_unit_id', 'in', units));
      return visible.length > 0 ? eb.or(visible) : eb.val(false);
    });
  }
  if (query.status === 'open') base = base.where('status', 'in', ['submitted', 'in-review']);
  else if (query.status) base = base.where('status', '=', query.status);
  if (query.q) {
    const q = query.q;
    base = base.where(() => containsText(sql.ref('search_text'), q));
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(count.n) };
}

export function unitTree(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'parent_id as parentId']).execute();
}

export async function insertAdvice(db: Db, row: AdviceEntryTable) {
  await db.insertInto('advice_entry').values(row).execute();
}

export function adviceOfIntake(db: Db, intakeId: string) {
  return db.selectFrom('advice_entry').selectAll().where('intake_id', '=', intakeId).orderBy('created_at').orderBy('id').execute();
}

export function adviceOfSystem(db: Db, systemId: string) {
  return db.selectFrom('advice_entry').selectAll().where('system_id', '=', systemId).orderBy('created_at').orderBy('id').execute();
}

/** The advice log travels with an accepted intake to its AI system. */
export async function attachAdviceToSystem(db: Db, intakeId: string, systemId: string) {
  await db.updateTable('advice_entry').set({ system_id: systemId }).where('intake_id', '=', intakeId).execute();
}

export function intakeSearchText(i: Pick<IntakeTable, 'title' | 'purpose' | 'target_group' | 'data_used' | 'vendor'>): string {
  return [i.title, i.purpose, i.target_group, i.data_used, i.vendor].join('\n').toLocaleLowerCase('de');
}

export function presentIntake(row: IntakeTable): Intake {
  return {
    id: row.id,
    title: row.title,
    purpose: row.purpose,
    targetGroup: row.target_group,
    dataUsed: row.data_used,
    sourcing: row.sourcing as Intake['sourcing'],
    vendor: row.vendor,
    plannedDate: row.planned_date,
    orgUnitId: row.org_unit_id,
    status: row.status as Intake['status'],
    submittedBy: { id: row.submitted_by_id, label: row.submitted_by_label },
    systemId: row.system_id,
    declineReason: row.decline_reason,
    decidedBy: row.decided_by_label === null ? null : { id: row.decided_by_id, label: row.decided_by_label },
    decidedAt: row.decided_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentAdvice(row: AdviceEntryTable): AdviceEntry {
  return {
    id: row.id,
    intakeId: row.intake_id,
    systemId: row.system_id,
    text: row.text,
    author: { id: row.author_id, label: row.author_label },
    createdAt: row.created_at,
  };
}

/** The newest advice timestamp of an intake's or a system's log (so a new entry sorts after it even within one millisecond). */
export async function lastAdviceAt(db: Db, where: { intakeId: string | null; systemId: string | null }) {
  const row = await db
    .selectFrom('advice_entry')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where((eb) => {
      const parts = [];
      if (where.intakeId) parts.push(eb('intake_id', '=', where.intakeId));
      if (where.systemId) parts.push(eb('system_id', '=', where.systemId));
      return parts.length > 0 ? eb.or(parts) : eb.val(false);
    })
    .executeTakeFirst();
  return row?.at ?? null;
}
