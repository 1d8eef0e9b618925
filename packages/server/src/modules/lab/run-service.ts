import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  addCalendarDays,
  calendarDate,
  diffRecords,
  expandUnitScope,
  matchRun,
  methodStatus,
  runVerdict,
  type CaseCriterion,
  type MatchedResult,
  type LabComparator,
  type LabDecisionRule,
  type LabRunAmendmentValues,
  type LabRunAttachment,
  type LabRunChainLink,
  type LabRunDetail,
  type LabRunFormat,
  type LabRunImportQuery,
  type LabRunListQuery,
  type LabRunSummary,
  type LabRunVerdict,
  type ListPage,
  type Marking,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Transaction } from 'kysely';
import type { DB, LabPlanTable, LabRunResultTable, LabRunTable, LabTestCaseTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, HttpProblem, invalid, notFound } from '../../http/errors.js';
import type { ObjectStorage } from '../../storage/storage.js';
import { versionsWithItems } from '../models/repository.js';
import { canRecordRuns } from './method-service.js';
import { findMethod, validationsOf } from './method-repository.js';
import { storedEnvironmentStatus } from './environment-service.js';
import { presentValidation } from './method-presenter.js';
import { personOf, unitTree } from './lab-records.js';
import * as repo from './run-repository.js';
import { casesOf, casesOfPlans, findPlan } from './plan-repository.js';
import { presentRunDetail, presentRunSummary, runAuditView, type RegisteredVersion, type StoredRunItem } from './run-presenter.js';
import { recordRunEvidence, unlinkRunEvidence } from './run-evidence.js';
import { parseRunRequest, type ReceivedRun, type RunFrame } from './run-import.js';
import type { ImportedRun } from './formats/imported.js';
import { konformMetrics } from './formats/konform-json.js';

export const LAB_RUN_ENTITY = 'lab-run';

/** A clock may run a little ahead on the pipeline's machine; a run may not end later than this after now. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface LabRunServiceOptions {
  /** The content-addressed store the raw files go to (shared with evidence). */
  storage: ObjectStorage;
  /** Where users reach Konform (KONFORM_PUBLIC_URL or the listen address): evidence links to the run page start with it. */
  publicUrl?: string | undefined;
  /** The marking of the evidence passing runs become (KONFORM_DEFAULT_MARKING). */
  defaultMarking?: Marking | undefined;
}

/** A raw file as it will be kept with the run. */
interface RawFile {
  text: string;
  extension: 'json' | 'xml';
  contentType: string;
}

interface Recording {
  actor: Actor;
  format: LabRunFormat;
  frame: RunFrame;
  imported: ImportedRun;
  metricPath: (index: number, field: 'metric' | 'unit') => string;
  raw: RawFile | null;
  amends?: { run: LabRunTable; reason: string };
}

const json = (value: unknown) => JSON.stringify(value);

/** A test case of the plan in the shape matching needs, with its row. */
type PlanCase = CaseCriterion & { row: LabTestCaseTable };

/** The first instant of a calendar day in Europe/Berlin, as an ISO string. */
function berlinDayStart(day: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${day}T00:00:00${offset}`);
    if (calendarDate(at) === day && calendarDate(new Date(at.getTime() - 1)) !== day) return at.toISOString();
  }
  return new Date(`${day}T00:00:00Z`).toISOString();
}

/** Test runs: recorded from a pipeline or by hand, never changed; corrections are amendments. */
export class LabRunService {
  private readonly publicUrl: string;
  private readonly marking: Marking;

  constructor(
    private readonly database: Database,
    private readonly options: LabRunServiceOptions,
  ) {
    this.publicUrl = (options.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    this.marking = options.defaultMarking ?? 'offen';
  }

  private get db() {
    return this.database.db;
  }

  get storage(): ObjectStorage {
    return this.options.storage;
  }

  /** POST /api/lab/runs: Konform JSON, JUnit XML or lm-evaluation-harness results; the raw file is kept. */
  async record(actor: Actor, received: ReceivedRun, query: LabRunImportQuery): Promise<LabRunDetail> {
    const parsed = parseRunRequest(received, query);
    const raw: RawFile | null = parsed.format === 'manual' ? null : received.xml ? { text: received.text, extension: 'xml', contentType: 'application/xml' } : { text: received.text, extension: 'json', contentType: 'application/json' };
    const id = await this.store({ actor, format: parsed.format, frame: parsed.frame, imported: parsed.imported, metricPath: parsed.metricPath, raw });
    return this.get(actor, id);
  }

  /** POST /api/lab/runs/{id}/amendments: a corrected run in full, with the reason; the amended run is superseded. */
  async amend(actor: Actor, id: string, input: LabRunAmendmentValues, rawText: string): Promise<LabRunDetail> {
    const old = await repo.findRun(this.db, id);
    if (!old) throw notFound('Run');
    await assertInScope(this.db, actor, 'lab.run', old.org_unit_id, old.system_id);
    if (old.superseded_by_run_id !== null) throw conflict('superseded', 'This run was corrected already; amend its latest amendment instead');
    if (input.planId !== undefined && input.planId !== old.plan_id) throw invalid('planId', 'An amendment stays with the plan of the run it corrects');
    const frame: RunFrame = {
      planId: old.plan_id, methodId: input.methodId, environmentId: input.environmentId, items: input.items, seed: input.seed ?? null,
      startedAt: new Date(input.startedAt).toISOString(), endedAt: new Date(input.endedAt).toISOString(), deviations: input.deviations ?? '', notes: input.notes ?? '',
    };
    const newId = await this.store({
      actor, format: 'konform', frame, imported: konformMetrics(input), metricPath: (index, field) => `results.${index}.${field}`,
      raw: { text: rawText, extension: 'json', contentType: 'application/json' }, amends: { run: old, reason: input.reason },
    });
    return this.get(actor, newId);
  }

  /** Checks everything, then writes the run, its results, its evidence and the audit events in one transaction. */
  private async store(r: Recording): Promise<string> {
    const { actor, frame } = r;
    const plan = await findPlan(this.db, frame.planId);
    if (!plan) throw invalid('planId', 'No such test plan');
    await assertInScope(this.db, actor, 'lab.run', plan.org_unit_id, plan.system_id);
    // A correction belongs to the plan of the run it corrects, even once a revision has retired that plan.
    if (plan.status !== 'fixed' && !(r.amends && plan.status === 'retired')) {
      throw conflict('plan-not-fixed', 'Runs are recorded only against a fixed plan: its thresholds must be set before testing');
    }
    const cases = await casesOf(this.db, plan.id);
    if (!cases.some((c) => c.method_id === frame.methodId)) throw invalid('methodId', 'No test case of the plan uses this method');
    const method = await findMethod(this.db, frame.methodId);
    if (!method) throw invalid('methodId', 'No such method');
    const environment = await storedEnvironmentStatus(this.db, frame.environmentId);
    if (!environment) throw invalid('environmentId', 'No such environment');
    const operatorId = personOf(actor);
    if (!(await canRecordRuns(this.db, operatorId, method.id))) {
      throw new HttpProblem(403, 'not-authorised', `You are not authorised to record runs with the method "${method.name}" (ISO/IEC 17025 6.2.6); the lab lead can authorise you on the method's page`);
    }
    if (Date.parse(frame.endedAt) > Date.now() + CLOCK_SKEW_MS) throw invalid('endedAt', 'A run cannot end in the future');
    const items = await this.checkItems(plan, frame.items);

    const criteria: PlanCase[] = cases.map((c) => ({
      id: c.id, key: c.key, metric: c.metric, comparator: c.comparator as LabComparator, threshold: Number(c.threshold), unit: c.unit,
      decisionRule: c.decision_rule as LabDecisionRule, mandatory: Number(c.mandatory) === 1, methodId: c.method_id, row: c,
    }));
    const match = matchRun(criteria, method.id, r.imported.metrics);
    if (match.problems.length > 0) throw new HttpProblem(400, 'validation', 'The results do not fit the plan', match.problems.map((p) => ({ path: r.metricPath(p.reportIndex, p.field), message: p.message })));
    if (match.results.length === 0) {
      const expected = criteria.filter((c) => c.methodId === method.id).map((c) => c.metric);
      throw new HttpProblem(400, 'no-matching-metric', 'None of the reported metrics matches a test case of the plan that uses this method', [{ path: 'results', message: `Expected ${expected.join(', ')}; the file reports ${r.imported.metrics.filter((m) => !m.derived).map((m) => m.name).join(', ') || 'no metric'}` }]);
    }
    const verdict = runVerdict(match.results, match.missing);
    const validations = (await validationsOf(this.db, [method.id])).map(presentValidation);

    const now = new Date().toISOString();
    const id = randomUUID();
    const staged = r.raw ? await this.storage.put(Readable.from([Buffer.from(r.raw.text, 'utf8')])) : null;
    try {
      await this.db.transaction().execute(async (trx) => {
        await repo.lockRuns(trx, this.database.dialect);
        if (r.amends && !(await repo.markSuperseded(trx, r.amends.run.id, id))) throw conflict('superseded', 'This run was corrected already; amend its latest amendment instead');
        const number = await repo.nextRunNumber(trx);
        const results: LabRunResultTable[] = match.results.map((m) => ({
          id: randomUUID(), run_id: id, test_case_id: m.testCase.id, metric: m.report.name, value: m.report.value, ci_lower: m.report.ciLower ?? null,
          ci_upper: m.report.ciUpper ?? null, std_error: m.report.stdError ?? null, sample_size: m.report.sampleSize ?? null, unit: m.unit, verdict: m.verdict,
          decided_by: m.decidedBy, note: m.report.note ?? '',
        }));
        const attachments: LabRunAttachment[] = staged && r.raw
          ? [{ filename: `run-${number}-${r.format}.${r.raw.extension}`, sha256: staged.sha256, size: staged.size, contentType: r.raw.contentType, tool: r.imported.tool }]
          : [];
        const row: LabRunTable = {
          id, number, plan_id: plan.id, org_unit_id: plan.org_unit_id, system_id: plan.system_id, method_id: method.id, method_harness_version: method.harness_version,
          method_status: methodStatus({ harnessVersion: method.harness_version }, validations), environment_id: frame.environmentId, environment_status: environment.status,
          operator_id: operatorId, operator_label: actor.label, operator_authorised: 1, items: json(items), seed: frame.seed, started_at: frame.startedAt, ended_at: frame.endedAt,
          source_format: r.format, attachments: json(attachments), unmatched_metrics: json(match.unmatched), deviations: frame.deviations, notes: frame.notes, verdict,
          amends_run_id: r.amends?.run.id ?? null, amendment_reason: r.amends?.reason ?? null, superseded_by_run_id: null, evidence_id: null, recorded_at: now, recorded_by_label: actor.label,
        };
        row.evidence_id = await this.evidenceFor(trx, actor, plan, row, match.results, now);
        await repo.insertRun(trx, row, results);
        await appendAuditEvent(trx, this.database.dialect, actor, {
          action: r.amends ? 'lab-run.amend' : 'lab-run.create', entityType: LAB_RUN_ENTITY, entityId: id,
          changes: diffRecords(null, runAuditView(row, results, cases)), reason: r.amends?.reason,
        }, now);
        if (r.amends) {
          await appendAuditEvent(trx, this.database.dialect, actor, {
            action: 'lab-run.supersede', entityType: LAB_RUN_ENTITY, entityId: r.amends.run.id,
            changes: [{ field: 'supersededByRunId', before: null, after: id }], reason: r.amends.reason,
          }, now);
          if (r.amends.run.evidence_id) await unlinkRunEvidence(trx, this.database.dialect, actor, r.amends.run.evidence_id, `Prüflauf ${r.amends.run.number} wurde durch den Nachtrag Prüflauf ${number} ersetzt`, now);
        }
        // The raw file becomes visible last: if anything before fails, nothing refers to it.
        await staged?.commit();
      });
    } finally {
      await staged?.discard();
    }
    return id;
  }

  /** The items must be registered; a model plan's run names a version of that model. Digests are compared, not trusted. */
  private async checkItems(plan: LabPlanTable, items: RunFrame['items']): Promise<StoredRunItem[]> {
    const versions = await this.versions(items);
    const out = items.map((item, index) => {
      const v = versions.get(item.versionId);
      if (!v || v.type !== item.type) throw invalid(`items.${index}.versionId`, `No such ${item.type} version`);
      return { ...item, matches: v.manifest_digest === item.manifestDigest };
    });
    if (plan.model_id !== null && !items.some((i) => i.type === 'model' && versions.get(i.versionId)?.item_id === plan.model_id)) {
      throw invalid('items', "Name a version of the plan's model among the items");
    }
    return out;
  }

  private async versions(items: readonly { type: string; versionId: string }[]): Promise<Map<string, RegisteredVersion & { type: string }>> {
    const out = new Map<string, RegisteredVersion & { type: string }>();
    for (const type of ['model', 'dataset'] as const) {
      for (const v of await versionsWithItems(this.db, type, items.filter((i) => i.type === type).map((i) => i.versionId))) out.set(v.id, { ...v, type });
    }
    return out;
  }

  /** Passing cases that name requirements become evidence on the plan's system (not for a model's plan or an archived system). */
  private async evidenceFor(trx: Transaction<DB>, actor: Actor, plan: LabPlanTable, row: LabRunTable, results: readonly MatchedResult<PlanCase>[], now: string) {
    if (plan.system_id === null) return null;
    const system = await repo.findSystemName(trx, plan.system_id);
    if (!system || system.archived_at !== null) return null;
    const passing = results.filter((m) => m.verdict === 'pass').map((m) => ({
      key: m.testCase.key, name: m.testCase.row.name, metric: m.report.name, value: m.report.value, unit: m.unit, comparator: m.testCase.comparator,
      threshold: m.testCase.threshold, requirementKeys: JSON.parse(m.testCase.row.requirement_keys) as string[],
    }));
    return recordRunEvidence(trx, this.database.dialect, actor, {
      runId: row.id, runNumber: row.number, planName: plan.name, systemId: plan.system_id, verdict: row.verdict, resultCount: results.length, passing,
      url: `${this.publicUrl}/lab/runs/${row.id}`, owner: actor.label, classification: this.marking,
    }, now);
  }

  async list(actor: Actor, query: LabRunListQuery): Promise<ListPage<LabRunSummary>> {
    const scope = await unitScope(this.db, actor, 'lab.read');
    const orgUnitIds = query.orgUnitId ? [...expandUnitScope([query.orgUnitId], await unitTree(this.db))] : null;
    const { rows, total } = await repo.listRuns(this.db, scope, {
      planId: query.planId, systemId: query.systemId, verdict: query.verdict, orgUnitIds, current: query.current,
      from: query.from ? berlinDayStart(query.from) : null, before: query.to ? berlinDayStart(addCalendarDays(query.to, 1)) : null,
    }, tokenSystemIds(actor), query);
    const [results, cases] = await Promise.all([repo.resultsOf(this.db, rows.map((r) => r.id)), casesOfPlans(this.db, [...new Set(rows.map((r) => r.plan_id))])]);
    return { items: rows.map((r) => presentRunSummary(r, results, cases)), total, limit: query.limit, offset: query.offset };
  }

  private async readable(actor: Actor, id: string) {
    const row = await repo.findRunWithNames(this.db, id);
    if (!row) throw notFound('Run');
    await assertInScope(this.db, actor, 'lab.read', row.org_unit_id, row.system_id);
    return row;
  }

  async get(actor: Actor, id: string): Promise<LabRunDetail> {
    const row = await this.readable(actor, id);
    const [results, cases, versions, chain] = await Promise.all([
      repo.resultsOf(this.db, [id]),
      casesOf(this.db, row.plan_id),
      this.versions(JSON.parse(row.items) as StoredRunItem[]),
      this.chainOf(row),
    ]);
    return presentRunDetail(row, results, cases, versions, chain);
  }

  /** The amendment chain: back to the original through amends_run_id, then forward through superseded_by_run_id. */
  private async chainOf(run: LabRunTable): Promise<LabRunChainLink[]> {
    type Link = Awaited<ReturnType<typeof repo.runsByIds>>[number];
    const seen = new Set<string>();
    let first: Link = run;
    while (first.amends_run_id !== null && !seen.has(first.amends_run_id)) {
      seen.add(first.id);
      const [previous] = await repo.runsByIds(this.db, [first.amends_run_id]);
      if (!previous) break;
      first = previous;
    }
    const chain: Link[] = [first];
    while (chain.at(-1)!.superseded_by_run_id !== null && chain.length < 1000) {
      const [next] = await repo.runsByIds(this.db, [chain.at(-1)!.superseded_by_run_id!]);
      if (!next) break;
      chain.push(next);
    }
    return chain.map((l) => ({ id: l.id, number: Number(l.number), verdict: l.verdict as LabRunVerdict, recordedAt: l.recorded_at, recordedByLabel: l.recorded_by_label, amendmentReason: l.amendment_reason }));
  }

  /** A raw file of the run, for those who may read the run. */
  async attachment(actor: Actor, id: string, sha256: string): Promise<{ attachment: LabRunAttachment; classification: Marking; stream: Readable }> {
    const row = await this.readable(actor, id);
    const attachment = (JSON.parse(row.attachments) as LabRunAttachment[]).find((a) => a.sha256 === sha256);
    if (!attachment) throw notFound('Attachment');
    const stream = await this.storage.get(sha256);
    if (!stream) throw notFound('Stored content of the attachment');
    return { attachment, classification: this.marking, stream };
  }
}

