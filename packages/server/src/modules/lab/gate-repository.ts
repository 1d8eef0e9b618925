import type { Kysely } from 'kysely';
import type { DB, LabGateTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import type { UnitScope } from '../../access/scope.js';

type Db = Kysely<DB>;

/** A gate with the names of its unit, plan, system and model version. */
export type GateRow = LabGateTable & {
  unit_name: string;
  plan_name: string;
  system_name: string | null;
  model_id: string | null;
  model_name: string | null;
  model_version_label: string | null;
};

function withNames(db: Db) {
  return db
    .selectFrom('lab_gate as g')
    .innerJoin('org_unit as u', 'u.id', 'g.org_unit_id')
    .innerJoin('lab_plan as p', 'p.id', 'g.plan_id')
    .leftJoin('ai_system as s', 's.id', 'g.system_id')
    .leftJoin('model_version as v', 'v.id', 'g.model_version_id')
    .leftJoin('model as m', 'm.id', 'v.item_id')
    .selectAll('g')
    .select(['u.name as unit_name', 'p.name as plan_name', 's.name as system_name', 'm.id as model_id', 'm.name as model_name', 'v.label as model_version_label']);
}

export function findGate(db: Db, id: string): Promise<GateRow | undefined> {
  return withNames(db).where('g.id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findGateForUpdate(db: Db, dialect: DialectName, id: string): Promise<LabGateTable | undefined> {
  return db.selectFrom('lab_gate').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export interface GateFilter {
  /** The chosen unit with its sub-units, or null. */
  units: readonly string[] | null;
  /** A scoped token's systems: gates of other systems are left out (a model version's gates stay). */
  tokenSystems: readonly string[] | null;
  status?: string | undefined;
  systemId?: string | undefined;
  modelId?: string | undefined;
}

/** Gates of the units in scope, newest number first. */
export function listGates(db: Db, scope: UnitScope, filter: GateFilter): Promise<GateRow[]> {
  if (scope !== 'all' && scope.size === 0) return Promise.resolve([]);
  if (filter.units?.length === 0) return Promise.resolve([]);
  let q = withNames(db);
  if (scope !== 'all') q = q.where('g.org_unit_id', 'in', [...scope]);
  if (filter.units) q = q.where('g.org_unit_id', 'in', [...filter.units]);
  const systems = filter.tokenSystems;
  if (systems) q = q.where((eb) => (systems.length === 0 ? eb('g.system_id', 'is', null) : eb.or([eb('g.system_id', 'is', null), eb('g.system_id', 'in', [...systems])])));
  if (filter.status) q = q.where('g.status', '=', filter.status);
  if (filter.systemId) q = q.where('g.system_id', '=', filter.systemId);
  if (filter.modelId) q = q.where('m.id', '=', filter.modelId);
  return q.orderBy('g.number', 'desc').execute();
}

export function findGateRef(db: Db, id: string) {
  return db.selectFrom('lab_gate').select(['id', 'number', 'title', 'status', 'released_at']).where('id', '=', id).executeTakeFirst();
}

/** The gate whose release superseded this one (it names this one as its baseline). */
export function findSuccessor(db: Db, id: string) {
  return db.selectFrom('lab_gate').select(['id', 'number', 'title', 'status', 'released_at']).where('baseline_gate_id', '=', id).where('status', '!=', 'open').orderBy('number', 'desc').executeTakeFirst();
}

export async function nextGateNumber(db: Db): Promise<number> {
  const row = await db.selectFrom('lab_gate').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertGate(db: Db, row: LabGateTable) {
  await db.insertInto('lab_gate').values(row).execute();
}

/** Optimistic locking: changes the gate only if it is still at `expectedVersion`. */
export async function updateGate(db: Db, id: string, expectedVersion: number, values: Partial<LabGateTable>): Promise<boolean> {
  const result = await db.updateTable('lab_gate').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The open gate of the same subject, if any (one at a time). */
export function openGateOf(db: Db, subject: { systemId: string | null; modelVersionId: string | null }) {
  let q = db.selectFrom('lab_gate').select(['id', 'number']).where('status', '=', 'open');
  q = subject.systemId ? q.where('system_id', '=', subject.systemId) : q.where('model_version_id', '=', subject.modelVersionId);
  return q.executeTakeFirst();
}

/**
 * The current release of the subject line: for a system, its released gate; for a model version, the released gate
 * of any version of the same model. `exceptId` leaves the gate asking out.
 */
export function releasedGateOfLine(db: Db, gate: Pick<LabGateTable, 'id' | 'system_id' | 'model_version_id'>): Promise<LabGateTable | undefined> {
  let q = db.selectFrom('lab_gate').selectAll().where('status', '=', 'released').where('id', '!=', gate.id);
  if (gate.system_id) q = q.where('system_id', '=', gate.system_id);
  else {
    const versionId = gate.model_version_id!;
    q = q.where('model_version_id', 'in', (eb) =>
      eb.selectFrom('model_version').select('id').where('item_id', '=', eb.selectFrom('model_version').select('item_id').where('id', '=', versionId)));
  }
  return q.orderBy('released_at', 'desc').executeTakeFirst();
}

/** Released gates of a system (a change of its models and data invalidates them). */
export function releasedGatesOfSystem(db: Db, systemId: string) {
  return db.selectFrom('lab_gate').selectAll().where('status', '=', 'released').where('system_id', '=', systemId).execute();
}

/** A model version with its model (the subject of a model gate). */
export function findModelVersion(db: Db, versionId: string) {
  return db
    .selectFrom('model_version as v')
    .innerJoin('model as m', 'm.id', 'v.item_id')
    .select(['v.id', 'v.label', 'v.manifest_digest', 'm.id as model_id', 'm.name as model_name', 'm.org_unit_id'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

/** The runs of a plan (with the run columns the checks read) and their results. */
export async function runsOfPlan(db: Db, planId: string) {
  const runs = await db
    .selectFrom('lab_run')
    .select(['id', 'number', 'method_id', 'method_status', 'environment_status', 'operator_authorised', 'superseded_by_run_id', 'items'])
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
  const results = runs.length === 0
    ? []
    : await db.selectFrom('lab_run_result').select(['run_id', 'test_case_id', 'value', 'verdict']).where('run_id', 'in', runs.map((r) => r.id)).execute();
  return { runs, results };
}

/** The signatures of a gate, oldest first. */
export function signaturesOf(db: Db, gateId: string) {
  return db.selectFrom('signature').selectAll().where('entity_type', '=', 'lab-gate').where('entity_id', '=', gateId).orderBy('signed_at').orderBy('id').execute();
}
