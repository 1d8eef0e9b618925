import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/** A recorded run as the gate checks read it; what is left out is the ordinary case (validated, verified, authorised). */
export interface LabRunRow {
  planId: string;
  orgUnitId: string;
  systemId: string | null;
  methodId: string;
  environmentId: string;
  operatorId: string;
  /** The versions tested; the digest is the registered one unless `matches` is false (then other files were presented). */
  items: { type: 'model' | 'dataset'; versionId: string; matches?: boolean }[];
  results: { caseId: string; metric: string; value: number; verdict: 'pass' | 'fail' }[];
  methodStatus?: string;
  environmentStatus?: string;
  operatorAuthorised?: boolean;
}

/**
 * Writes a run and its results straight into the tables, as run recording stores them (the status of method and
 * environment and the operator's authorisation at recording), so gate tests can set up each failing condition.
 */
export async function insertLabRun(db: Kysely<DB>, run: LabRunRow): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const number = Number((await db.selectFrom('lab_run').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0) + 1;
  const items = [];
  for (const item of run.items) {
    const table = item.type === 'model' ? 'model_version' : 'dataset_version';
    const registered = (await db.selectFrom(table).select('manifest_digest').where('id', '=', item.versionId).executeTakeFirstOrThrow()).manifest_digest;
    const matches = item.matches !== false;
    items.push({ type: item.type, versionId: item.versionId, manifestDigest: matches ? registered : 'f'.repeat(64), matches });
  }
  const now = new Date().toISOString();
  await db.insertInto('lab_run').values({
    id, number, plan_id: run.planId, org_unit_id: run.orgUnitId, system_id: run.systemId, method_id: run.methodId, method_harness_version: '1.0',
    method_status: run.methodStatus ?? 'validated', environment_id: run.environmentId, environment_status: run.environmentStatus ?? 'verified',
    operator_id: run.operatorId, operator_label: 'Prüfer', operator_authorised: run.operatorAuthorised === false ? 0 : 1, items: JSON.stringify(items), seed: '42',
    started_at: now, ended_at: now, source_format: 'konform', attachments: '[]', unmatched_metrics: '[]', deviations: '', notes: '',
    verdict: run.results.every((r) => r.verdict === 'pass') ? 'pass' : 'fail', amends_run_id: null, amendment_reason: null, superseded_by_run_id: null, evidence_id: null,
    recorded_at: now, recorded_by_label: 'Prüfer',
  }).execute();
  for (const r of run.results) {
    await db.insertInto('lab_run_result').values({
      id: randomUUID(), run_id: id, test_case_id: r.caseId, metric: r.metric, value: r.value, ci_lower: null, ci_upper: null, std_error: null, sample_size: null, unit: '',
      verdict: r.verdict, decided_by: r.value, note: '',
    }).execute();
  }
  return { id, number };
}
