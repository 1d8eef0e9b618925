import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;
export type VersionKind = 'model' | 'dataset';

/** Versions with their item's name and unit, for labels, links and scope. */
export async function versions(db: Db, type: VersionKind, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const v = type === 'model' ? 'model_version' : 'dataset_version';
  const i = type === 'model' ? 'model' : 'dataset';
  return db.selectFrom(`${v} as v` as 'model_version as v').innerJoin(`${i} as i` as 'model as i', 'i.id', 'v.item_id')
    .select(['v.id', 'v.item_id', 'v.label', 'v.custody_state', 'i.name as item_name', 'i.org_unit_id'])
    .where('v.id', 'in', [...ids]).execute();
}

export function systemsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ai_system').selectAll().where('id', 'in', [...ids]).execute();
}

export function linksOfSystems(db: Db, systemIds: readonly string[]) {
  if (systemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('system_item_link').selectAll().where('system_id', 'in', [...systemIds]).orderBy('position').execute();
}

export function risksOf(db: Db, systemId: string) {
  return db.selectFrom('risk').select(['id', 'number', 'title', 'status', 'inherent_level', 'residual_level']).where('system_id', '=', systemId).orderBy('number').execute();
}

export function plans(db: Db, filter: { systemIds?: readonly string[]; ids?: readonly string[] }) {
  const systemIds = filter.systemIds ?? [];
  const ids = filter.ids ?? [];
  if (systemIds.length === 0 && ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_plan').select(['id', 'name', 'status', 'system_id', 'org_unit_id'])
    .where((eb) => eb.or([...(systemIds.length ? [eb('system_id', 'in', [...systemIds])] : []), ...(ids.length ? [eb('id', 'in', [...ids])] : [])]))
    .execute();
}

export function casesOfPlans(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_test_case').select(['plan_id', 'dataset_version_id', 'method_id', 'requirement_keys']).where('plan_id', 'in', [...planIds]).execute();
}

export function runs(db: Db, filter: { systemIds?: readonly string[]; planIds?: readonly string[] }) {
  const systemIds = filter.systemIds ?? [];
  const planIds = filter.planIds ?? [];
  if (systemIds.length === 0 && planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_run').select(['id', 'number', 'plan_id', 'system_id', 'org_unit_id', 'method_id', 'environment_id', 'items', 'verdict', 'superseded_by_run_id'])
    .where((eb) => eb.or([...(systemIds.length ? [eb('system_id', 'in', [...systemIds])] : []), ...(planIds.length ? [eb('plan_id', 'in', [...planIds])] : [])]))
    .orderBy('number').execute();
}

export function gates(db: Db, filter: { systemIds?: readonly string[]; planIds?: readonly string[] }) {
  const systemIds = filter.systemIds ?? [];
  const planIds = filter.planIds ?? [];
  if (systemIds.length === 0 && planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_gate').select(['id', 'number', 'title', 'plan_id', 'system_id', 'org_unit_id', 'model_version_id', 'status'])
    .where((eb) => eb.or([...(systemIds.length ? [eb('system_id', 'in', [...systemIds])] : []), ...(planIds.length ? [eb('plan_id', 'in', [...planIds])] : [])]))
    .orderBy('number').execute();
}

export function evidenceByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('evidence as e').innerJoin('ai_system as s', 's.id', 'e.system_id')
    .select(['e.id', 'e.title', 'e.system_id', 'e.lab_run_id', 'e.valid_until', 's.org_unit_id']).where('e.id', 'in', [...ids]).execute();
}

export function evidenceOfRuns(db: Db, runIds: readonly string[]) {
  if (runIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('evidence as e').innerJoin('ai_system as s', 's.id', 'e.system_id')
    .select(['e.id', 'e.title', 'e.system_id', 'e.lab_run_id', 'e.valid_until', 's.org_unit_id']).where('e.lab_run_id', 'in', [...runIds]).execute();
}

export function methods(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_method').select(['id', 'name', 'org_unit_id']).where('id', 'in', [...ids]).execute();
}

export function environments(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('lab_environment').select(['id', 'name', 'org_unit_id']).where('id', 'in', [...ids]).execute();
}

/** Generated documents about the systems or model versions named (model cards), for `document` nodes. */
export function documentsOf(db: Db, systemIds: readonly string[], modelVersionIds: readonly string[]) {
  if (systemIds.length === 0 && modelVersionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('document').select(['id', 'type', 'title', 'system_id', 'model_version_id', 'org_unit_id'])
    .where((eb) => eb.or([...(systemIds.length ? [eb('system_id', 'in', [...systemIds])] : []), ...(modelVersionIds.length ? [eb('model_version_id', 'in', [...modelVersionIds])] : [])]))
    .orderBy('created_at').orderBy('id').execute();
}

/** Per document: the status of its newest version and the number of the release in force. */
export async function latestDocumentVersions(db: Db, documentIds: readonly string[]): Promise<Map<string, { status: string; released: number | null }>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db.selectFrom('document_version').select(['document_id', 'number', 'status']).where('document_id', 'in', [...documentIds]).orderBy('number').execute();
  const out = new Map<string, { status: string; released: number | null }>();
  for (const r of rows) {
    const before = out.get(r.document_id);
    out.set(r.document_id, { status: r.status, released: r.status === 'released' ? Number(r.number) : (before?.released ?? null) });
  }
  return out;
}

// ---- the system's operation (#10): incidents, monitoring plans, audit findings -------------------------------------

export function incidentsOf(db: Db, systemIds: readonly string[]) {
  if (systemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('incident').select(['id', 'number', 'title', 'status', 'system_id', 'org_unit_id']).where('system_id', 'in', [...systemIds]).orderBy('number').execute();
}

export function monitoringPlansOf(db: Db, systemIds: readonly string[]) {
  if (systemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('monitoring_plan as p').innerJoin('ai_system as s', 's.id', 'p.system_id')
    .select(['p.id', 'p.system_id', 'p.observed', 'p.status', 's.name as system_name', 's.org_unit_id'])
    .where('p.system_id', 'in', [...systemIds]).orderBy('p.created_at').orderBy('p.id').execute();
}

/** Findings about the systems, with their audit's unit (reading a finding is reading its audit) and what decides their status. */
export function findingsOf(db: Db, systemIds: readonly string[]) {
  if (systemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('audit_finding as f').innerJoin('audit as a', 'a.id', 'f.audit_id').leftJoin('nonconformity as n', 'n.id', 'f.nonconformity_id')
    .select(['f.id', 'f.audit_id', 'f.system_id', 'f.title', 'f.acceptance', 'n.status as nonconformity_status', 'a.org_unit_id'])
    .where('f.system_id', 'in', [...systemIds]).orderBy('f.created_at').orderBy('f.id').execute();
}

// ---- where an impact walk starts: the systems and plans that touch a record --------------------------------------

/** Systems and plans that touch a model or dataset version: links, test cases, runs (by their items) and gates. */
export async function touchingVersion(db: Db, type: VersionKind, versionId: string): Promise<{ systemIds: string[]; planIds: string[] }> {
  const [links, cases, runRows, gateRows] = await Promise.all([
    db.selectFrom('system_item_link').select('system_id').where('item_type', '=', type).where('version_id', '=', versionId).execute(),
    type === 'dataset' ? db.selectFrom('lab_test_case').select('plan_id').where('dataset_version_id', '=', versionId).execute() : Promise.resolve([]),
    // The items are JSON text: a portable LIKE narrows, the parse in the service decides.
    db.selectFrom('lab_run').select(['plan_id', 'system_id', 'items']).where('items', 'like', `%${versionId}%`).execute(),
    type === 'model' ? db.selectFrom('lab_gate').select(['plan_id', 'system_id']).where('model_version_id', '=', versionId).execute() : Promise.resolve([]),
  ]);
  const testedRuns = runRows.filter((r) => (JSON.parse(r.items) as { versionId: string }[]).some((i) => i.versionId === versionId));
  return {
    systemIds: [...links.map((l) => l.system_id), ...testedRuns.flatMap((r) => (r.system_id ? [r.system_id] : [])), ...gateRows.flatMap((g) => (g.system_id ? [g.system_id] : []))],
    planIds: [...cases.map((c) => c.plan_id), ...testedRuns.map((r) => r.plan_id), ...gateRows.map((g) => g.plan_id)],
  };
}

export async function touchingMethod(db: Db, methodId: string) {
  const [cases, runRows] = await Promise.all([
    db.selectFrom('lab_test_case').select('plan_id').where('method_id', '=', methodId).execute(),
    db.selectFrom('lab_run').select(['plan_id', 'system_id']).where('method_id', '=', methodId).execute(),
  ]);
  return { systemIds: runRows.flatMap((r) => (r.system_id ? [r.system_id] : [])), planIds: [...cases.map((c) => c.plan_id), ...runRows.map((r) => r.plan_id)] };
}

export async function touchingEnvironment(db: Db, environmentId: string) {
  const runRows = await db.selectFrom('lab_run').select(['plan_id', 'system_id']).where('environment_id', '=', environmentId).execute();
  return { systemIds: runRows.flatMap((r) => (r.system_id ? [r.system_id] : [])), planIds: runRows.map((r) => r.plan_id) };
}

/** Systems whose matrix row of a requirement was worked on or carries evidence, and plans whose cases cover it. */
export async function touchingRequirement(db: Db, key: string) {
  const [rows, links, cases] = await Promise.all([
    db.selectFrom('requirement_row').select('system_id').where('requirement_key', '=', key).execute(),
    db.selectFrom('evidence_link').select('system_id').where('requirement_key', '=', key).execute(),
    db.selectFrom('lab_test_case').select(['plan_id', 'requirement_keys']).where('requirement_keys', 'like', `%${key}%`).execute(),
  ]);
  const covering = cases.filter((c) => (JSON.parse(c.requirement_keys) as string[]).includes(key));
  return { systemIds: [...rows.map((r) => r.system_id), ...links.map((l) => l.system_id)], planIds: covering.map((c) => c.plan_id) };
}
