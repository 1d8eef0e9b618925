import { officeToday, type DocumentModel, type LabGateDetail, type LabHardware, type LabMethodConfiguration, type LabReportQuery, type LabRunDetail, type LabRunResult, type LabRuntime } from '@konform/core';
import type { Database } from '../../db/database.js';
import type { LabEnvironmentTable, LabMethodTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import type { ReportEnvironment, ReportIssue, ReportItem, ReportMethod, ReportResult } from './report-common.js';
import { runReport, type RunReportData } from './report-run.js';
import { gateReport, type GateReportData } from './report-gate.js';
import { findPlanWithNames } from './plan-repository.js';
import { findMethod } from './method-repository.js';
import { findEnvironment } from './environment-repository.js';
import { signaturesOf } from './gate-repository.js';
import * as repo from './report-repository.js';

type Db = Database['db'];

/** What the reports need of the run service: a run as its page shows it (scope checked there). */
export interface RunReader {
  get(actor: Actor, id: string): Promise<LabRunDetail>;
}

/** What the reports and the dashboard need of the gate service: a gate with its checks (live while open, frozen after release). */
export interface GateReader {
  get(actor: Actor, id: string): Promise<LabGateDetail>;
}

const parse = <T>(text: string | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

interface NamedItem {
  type: 'model' | 'dataset';
  versionId: string;
  itemName: string | null;
  label: string | null;
  registeredDigest: string | null;
  claimedDigest: string | null;
  matches: boolean;
}

/** The items with their receipt date and custody state (ISO/IEC 17025 7.4: condition and handling of the item). */
async function reportItems(db: Db, items: readonly NamedItem[]): Promise<ReportItem[]> {
  const [models, datasets] = await Promise.all(
    (['model', 'dataset'] as const).map((type) => repo.versionFacts(db, type, items.filter((i) => i.type === type).map((i) => i.versionId))),
  );
  return items.map((i) => {
    const facts = (i.type === 'model' ? models : datasets)!.get(i.versionId);
    return {
      type: i.type, name: i.itemName ?? i.versionId, label: i.label ?? '', registeredDigest: i.registeredDigest, claimedDigest: i.claimedDigest, matches: i.matches,
      receivedOn: facts?.received_on ?? null, custodyState: facts?.custody_state ?? null,
    };
  });
}

const reportResult = (r: LabRunResult, runNumber?: number): ReportResult => ({ ...r, ...(runNumber === undefined ? {} : { runNumber }) });

function reportMethod(m: LabMethodTable | undefined, harnessVersion: string, status: string): ReportMethod {
  const config = parse<Partial<LabMethodConfiguration>>(m?.configuration, {});
  return {
    name: m?.name ?? '', harness: m?.harness ?? '', harnessVersion, status, task: config.task ?? '', decoding: config.decoding ?? {},
    metrics: (config.metrics ?? []).map((x) => (x.unit ? `${x.name} (${x.unit})` : x.name)), prompts: (config.prompts ?? []).length,
  };
}

function reportEnvironment(e: LabEnvironmentTable | undefined, status: string): ReportEnvironment {
  return {
    name: e?.name ?? '', hardware: parse<LabHardware>(e?.hardware, { cpu: '', gpuModel: '', gpuCount: 0, memoryGb: 0 }), driverVersion: e?.driver_version ?? '',
    runtime: parse<LabRuntime>(e?.runtime, { python: '', cuda: '', other: '' }), containerDigest: e?.container_digest ?? null, location: e?.location ?? '', status,
  };
}

const numberIn = (run: LabRunDetail, id: string | null) => (id === null ? null : (run.chain.find((l) => l.id === id)?.number ?? null));

/**
 * Test reports of runs and gates (ISO/IEC 17025 7.8) as PDF, DOCX or Markdown in German or English, with the
 * configured marking on every page. Whoever may read the run or gate (lab.read in its unit, its system for a token)
 * may download its report: the run and gate services check that.
 */
export class LabReportService {
  constructor(
    private readonly database: Database,
    /** The classification marking printed on every page, e.g. `VS – NUR FÜR DEN DIENSTGEBRAUCH`; null: none. */
    private readonly marking: string | null,
    private readonly runs: RunReader,
    private readonly gates: GateReader,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** The unit that operates the lab (the environment's) and the organisation at the top of its tree; the client's unit. */
  private async issue(lang: 'de' | 'en', labUnitId: string | null, clientUnitId: string) {
    const all = await repo.units(this.db);
    const byId = new Map(all.map((u) => [u.id, u]));
    const labUnit = byId.get(labUnitId ?? clientUnitId) ?? byId.get(clientUnitId);
    let root = labUnit;
    for (let guard = 0; root?.parent_id && guard < all.length; guard += 1) root = byId.get(root.parent_id) ?? root;
    const issue: ReportIssue = { lang, marking: this.marking, issuedOn: officeToday(), labUnit: labUnit?.name ?? '', organisation: root?.name ?? null };
    return { issue, clientUnit: byId.get(clientUnitId)?.name ?? '' };
  }

  private async render(model: DocumentModel, query: LabReportQuery, base: string): Promise<ExportFile> {
    const rendered = await renderDocument(model, query.format);
    return { body: rendered.body, contentType: rendered.contentType, fileName: `konform-${base}.${rendered.extension}` };
  }

  /** The data of a run's report. */
  async runData(actor: Actor, runId: string, lang: 'de' | 'en'): Promise<{ data: RunReportData; issue: ReportIssue }> {
    const run = await this.runs.get(actor, runId);
    const [plan, method, environment, items] = await Promise.all([
      findPlanWithNames(this.db, run.planId),
      findMethod(this.db, run.methodId),
      findEnvironment(this.db, run.environmentId),
      reportItems(this.db, run.items.map((i) => ({ ...i, claimedDigest: i.manifestDigest }))),
    ]);
    const parties = await this.issue(lang, environment?.org_unit_id ?? null, run.orgUnitId);
    const amends = numberIn(run, run.amendsRunId);
    const data: RunReportData = {
      number: run.number, verdict: run.verdict, startedAt: run.startedAt, endedAt: run.endedAt, recordedAt: run.recordedAt, recordedByLabel: run.recordedByLabel,
      operatorLabel: run.operatorLabel, operatorAuthorised: run.operatorAuthorised, seed: run.seed, sourceFormat: run.sourceFormat, deviations: run.deviations, notes: run.notes,
      unmatchedMetrics: run.unmatchedMetrics, attachments: run.attachments,
      amends: amends === null ? null : { number: amends, reason: run.amendmentReason ?? '' },
      supersededBy: numberIn(run, run.supersededByRunId),
      clientUnit: parties.clientUnit, systemName: run.systemName, modelName: plan?.system_id ? null : (plan?.model_name ?? null),
      plan: { name: run.planName, fixedAt: plan?.fixed_at ?? null, fixedByLabel: plan?.fixed_by_label ?? null },
      method: reportMethod(method, run.methodHarnessVersion, run.methodStatus),
      environment: reportEnvironment(environment, run.environmentStatus),
      items,
      results: run.results.map((r) => reportResult(r)),
      notMeasured: run.missingCases,
    };
    return { data, issue: parties.issue };
  }

  async runReport(actor: Actor, runId: string, query: LabReportQuery): Promise<ExportFile> {
    const { data, issue } = await this.runData(actor, runId, query.locale);
    return this.render(runReport(data, issue), query, query.locale === 'de' ? `pruefbericht-lauf-${data.number}` : `test-report-run-${data.number}`);
  }

  /** The data of a gate's report: the gate service computes the checks, the run service gives the runs used. */
  async gateData(actor: Actor, gateId: string, lang: 'de' | 'en'): Promise<{ data: GateReportData; issue: ReportIssue }> {
    const gate = await this.gates.get(actor, gateId);
    const cases = gate.checks.find((c) => c.key === 'mandatory-cases')?.cases ?? [];
    const findingRuns = gate.checks.flatMap((c) => c.findings.map((f) => f.runId));
    const runIds = [...new Set([...cases.map((c) => c.runId), ...findingRuns].filter((x): x is string => typeof x === 'string'))];
    const [runs, signatures, items] = await Promise.all([
      Promise.all(runIds.map((id) => this.runs.get(actor, id))).then((list) => list.sort((a, b) => a.number - b.number)),
      signaturesOf(this.db, gate.id),
      // The gate names the digest it checks (once released: the one released); the report shows that digest.
      reportItems(this.db, gate.items.map((i) => ({ ...i, label: i.versionLabel, registeredDigest: i.manifestDigest, claimedDigest: null, matches: true }))),
    ]);
    const labUnit = runs[0] ? ((await findEnvironment(this.db, runs[0].environmentId))?.org_unit_id ?? null) : null;
    const parties = await this.issue(lang, labUnit, gate.orgUnitId);
    const data: GateReportData = {
      gate,
      clientUnit: parties.clientUnit,
      items,
      results: cases.flatMap((c) => {
        const run = runs.find((r) => r.id === c.runId);
        const result = run?.results.find((r) => r.testCaseId === c.caseId);
        return run && result ? [reportResult(result, run.number)] : [];
      }),
      runs: runs.map((r) => ({
        number: r.number, verdict: r.verdict, startedAt: r.startedAt, endedAt: r.endedAt, methodName: r.methodName, environmentName: r.environmentName,
        operatorLabel: r.operatorLabel, operatorAuthorised: r.operatorAuthorised, methodStatus: r.methodStatus, environmentStatus: r.environmentStatus,
        amendsNumber: numberIn(r, r.amendsRunId),
      })),
      meanings: new Map(signatures.map((s) => [s.id, s.meaning])),
    };
    return { data, issue: parties.issue };
  }

  async gateReport(actor: Actor, gateId: string, query: LabReportQuery): Promise<ExportFile> {
    const { data, issue } = await this.gateData(actor, gateId, query.locale);
    return this.render(gateReport(data, issue), query, query.locale === 'de' ? `pruefbericht-freigabe-${data.gate.number}` : `test-report-gate-${data.gate.number}`);
  }
}
