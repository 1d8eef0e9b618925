import { randomUUID } from 'node:crypto';
import { manifestDigest } from '@konform/core';
import type { LabGateTable, LabPlanTable, LabRunResultTable, LabRunTable, LabTestCaseTable } from '../../src/db/schema.js';
import type { TestApp } from './test-app.js';
import type { TestClient } from './client.js';

/**
 * Test lab records for the report and dashboard tests. Models, datasets, methods and environments go through the
 * API; plans, runs and gates are written straight into their tables, so these tests fix exact dates, verdicts and
 * numbers without depending on how runs are imported.
 */

const sha = (s: string) => s.repeat(64).slice(0, 64);
export const MANIFEST = [
  { path: 'config.json', sha256: sha('a'), size: 1200 },
  { path: 'weights/model.safetensors', sha256: sha('b'), size: 4_000_000 },
];
export const DATA_MANIFEST = [{ path: 'test.jsonl', sha256: sha('c'), size: 52_000 }];

async function ok<T = any>(reply: Promise<{ status: number; body: any }>, status = 201): Promise<T> {
  const r = await reply;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export interface LabBasics {
  modelId: string;
  modelVersionId: string;
  modelDigest: string;
  datasetVersionId: string;
  datasetDigest: string;
  methodId: string;
  environmentId: string;
}

/** A model version, a dataset version, a validated method and a verified environment in the unit. */
export async function labBasics(client: TestClient, unit: string, name = 'Whisper large-v3'): Promise<LabBasics> {
  const model = await ok(client.post('/api/models', { name: `${name} ${randomUUID().slice(0, 4)}`, provider: 'OpenAI', kind: 'speech-recognition', licence: 'MIT', orgUnitId: unit }));
  const mv = await ok(client.post(`/api/models/${model.id}/versions`, { label: '1.0', receivedOn: '2026-11-02', manifest: MANIFEST }));
  await ok(client.post(`/api/models/${model.id}/versions/${mv.id}/custody`, { event: 'received', at: '2026-11-02T08:00:00.000Z' }));
  await ok(client.post(`/api/models/${model.id}/versions/${mv.id}/custody`, { event: 'stored', at: '2026-11-02T09:00:00.000Z', location: 'Tresor Bonn' }));
  const dataset = await ok(client.post('/api/datasets', { name: `Prüfkorpus ${randomUUID().slice(0, 4)}`, provider: 'Eigenes Labor', kind: 'audio', licence: 'intern', orgUnitId: unit }));
  const dv = await ok(client.post(`/api/datasets/${dataset.id}/versions`, { label: '2026-10', receivedOn: '2026-11-03', manifest: DATA_MANIFEST, personalData: false }));
  const method = await ok(
    client.post('/api/lab/methods', {
      orgUnitId: unit, name: `WER-Messung ${randomUUID().slice(0, 4)}`, harness: 'own-script', harnessVersion: '2.1.0',
      configuration: { task: 'asr_de', decoding: { beam_size: 5 }, metrics: [{ name: 'wer', unit: '%', higherIsBetter: false }, { name: 'acc', unit: '', higherIsBetter: true }] },
    }),
  );
  await ok(client.post(`/api/lab/methods/${method.id}/validations`, { result: 'passed', report: 'Vergleich mit Referenzskript' }));
  const env = await ok(
    client.post('/api/lab/environments', {
      orgUnitId: unit, name: `GPU-Prüfstand ${randomUUID().slice(0, 4)}`, hardware: { cpu: 'AMD EPYC 9354', gpuModel: 'NVIDIA H100 80GB', gpuCount: 4, memoryGb: 512 },
      driverVersion: '550.54.15', runtime: { python: '3.11.9', cuda: '12.4' }, containerDigest: `sha256:${'d4'.repeat(32)}`, location: 'Rechenzentrum Bonn',
    }),
  );
  await ok(client.post(`/api/lab/environments/${env.id}/verifications`, { referenceRun: 'golden-run', metric: 'acc', expectedValue: 0.7, measuredValue: 0.7, tolerance: 0.01 }));
  return { modelId: model.id, modelVersionId: mv.id, modelDigest: manifestDigest(MANIFEST), datasetVersionId: dv.id, datasetDigest: manifestDigest(DATA_MANIFEST), methodId: method.id, environmentId: env.id };
}

export interface SeedCase {
  key: string;
  name: string;
  metric: string;
  comparator: '>=' | '>' | '<=' | '<';
  threshold: number;
  unit?: string;
  decisionRule?: 'point-estimate' | 'conservative-bound';
  mandatory?: boolean;
}

/** A fixed plan with its cases; returns the plan id and the case ids by key. */
export async function insertPlan(t: TestApp, input: { unit: string; systemId: string | null; modelId?: string | null; methodId: string; cases: SeedCase[]; name?: string }) {
  const db = t.db.database.db;
  const now = new Date().toISOString();
  const plan: LabPlanTable = {
    id: randomUUID(), org_unit_id: input.unit, system_id: input.systemId, model_id: input.modelId ?? null, name: input.name ?? 'Abnahmeprüfung ASR', description: '', status: 'fixed',
    revises_plan_id: null, fixed_at: '2026-11-01T09:00:00.000Z', fixed_by_label: 'Lea Labor <lea@test.example>', retired_at: null, retired_by_label: null, retirement_reason: null,
    version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  };
  await db.insertInto('lab_plan').values(plan).execute();
  const cases = new Map<string, string>();
  for (const [position, c] of input.cases.entries()) {
    const row: LabTestCaseTable = {
      id: randomUUID(), plan_id: plan.id, position, key: c.key, name: c.name, description: '', metric: c.metric, comparator: c.comparator, threshold: c.threshold, unit: c.unit ?? '',
      decision_rule: c.decisionRule ?? 'point-estimate', regression_tolerance: null, dataset_version_id: null, method_id: input.methodId, mandatory: c.mandatory === false ? 0 : 1, requirement_keys: '[]',
    };
    await db.insertInto('lab_test_case').values(row).execute();
    cases.set(c.key, row.id);
  }
  return { planId: plan.id, cases };
}

export interface SeedResult {
  caseId: string;
  metric: string;
  value: number;
  ciLower?: number | null;
  ciUpper?: number | null;
  stdError?: number | null;
  sampleSize?: number | null;
  unit?: string;
  verdict: 'pass' | 'fail';
  decidedBy?: number;
}

/** A recorded run (number = max + 1) with its results. */
export async function insertRun(
  t: TestApp,
  input: {
    unit: string; systemId: string | null; planId: string; basics: LabBasics; startedAt: string; endedAt?: string; verdict: 'pass' | 'fail' | 'incomplete';
    results?: SeedResult[]; amends?: { runId: string; reason: string }; operatorLabel?: string; deviations?: string; unmatched?: string[]; itemsMatch?: boolean;
  },
) {
  const db = t.db.database.db;
  const max = await db.selectFrom('lab_run').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  const b = input.basics;
  const run: LabRunTable = {
    id: randomUUID(), number: Number(max?.n ?? 0) + 1, plan_id: input.planId, org_unit_id: input.unit, system_id: input.systemId, method_id: b.methodId, method_harness_version: '2.1.0',
    method_status: 'validated', environment_id: b.environmentId, environment_status: 'verified', operator_id: null, operator_label: input.operatorLabel ?? 'Otto Operator <otto@test.example>',
    operator_authorised: 1,
    items: JSON.stringify([
      { type: 'model', versionId: b.modelVersionId, manifestDigest: input.itemsMatch === false ? 'f'.repeat(64) : b.modelDigest, matches: input.itemsMatch !== false },
      { type: 'dataset', versionId: b.datasetVersionId, manifestDigest: b.datasetDigest, matches: true },
    ]),
    seed: '1234', started_at: input.startedAt, ended_at: input.endedAt ?? input.startedAt, source_format: 'konform',
    attachments: JSON.stringify([{ filename: 'results.json', sha256: 'e'.repeat(64), size: 2048, contentType: 'application/json' }]),
    unmatched_metrics: JSON.stringify(input.unmatched ?? []), deviations: input.deviations ?? '', notes: '', verdict: input.verdict,
    amends_run_id: input.amends?.runId ?? null, amendment_reason: input.amends?.reason ?? null, superseded_by_run_id: null, evidence_id: null,
    recorded_at: new Date(Date.parse(input.endedAt ?? input.startedAt) + 60_000).toISOString(), recorded_by_label: 'Rita Recorder <rita@test.example>',
  };
  await db.insertInto('lab_run').values(run).execute();
  if (input.amends) await db.updateTable('lab_run').set({ superseded_by_run_id: run.id }).where('id', '=', input.amends.runId).execute();
  for (const r of input.results ?? []) {
    const row: LabRunResultTable = {
      id: randomUUID(), run_id: run.id, test_case_id: r.caseId, metric: r.metric, value: r.value, ci_lower: r.ciLower ?? null, ci_upper: r.ciUpper ?? null, std_error: r.stdError ?? null,
      sample_size: r.sampleSize ?? null, unit: r.unit ?? '', verdict: r.verdict, decided_by: r.decidedBy ?? r.value, note: '',
    };
    await db.insertInto('lab_run_result').values(row).execute();
  }
  return { id: run.id, number: run.number };
}

/** A gate row (number = max + 1). */
export async function insertGate(t: TestApp, input: { unit: string; systemId: string | null; modelVersionId?: string | null; planId: string; title?: string; status?: string; createdAt?: string }) {
  const db = t.db.database.db;
  const max = await db.selectFrom('lab_gate').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  const now = input.createdAt ?? new Date().toISOString();
  const gate: LabGateTable = {
    id: randomUUID(), number: Number(max?.n ?? 0) + 1, org_unit_id: input.unit, system_id: input.systemId, model_version_id: input.modelVersionId ?? null, plan_id: input.planId,
    title: input.title ?? 'Freigabe ASR 1.0', regression_tolerance: 0.01, baseline_gate_id: null, status: input.status ?? 'open', checks: null, released_items: null, state_hash: null,
    released_at: null, invalidated_at: null, invalidation_reason: null, signoffs: '[]', withdrawn_at: null, withdrawal_reason: null, version: 1, created_at: now, updated_at: now, created_by_label: 'test',
  };
  await db.insertInto('lab_gate').values(gate).execute();
  return { id: gate.id, number: gate.number };
}
