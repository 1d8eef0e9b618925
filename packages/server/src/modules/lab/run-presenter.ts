import type {
  LabComparator,
  LabDecisionRule,
  LabEnvironmentStatus,
  LabMethodStatus,
  LabRunAttachment,
  LabRunChainLink,
  LabRunDetail,
  LabRunFormat,
  LabRunItem,
  LabRunItemType,
  LabRunSummary,
  LabRunVerdict,
} from '@konform/core';
import type { LabRunResultTable, LabRunTable, LabTestCaseTable } from '../../db/schema.js';
import type { RunListRow } from './run-repository.js';

/** An item as stored on the run: what the client claimed and whether it matched the registered digest then. */
export interface StoredRunItem {
  type: LabRunItemType;
  versionId: string;
  manifestDigest: string;
  matches: boolean;
}

/** The registered version of an item, when it still exists. */
export interface RegisteredVersion {
  id: string;
  item_id: string;
  item_name: string;
  label: string;
  manifest_digest: string;
}

const parse = <T>(json: string) => JSON.parse(json) as T;

/** Cases of the run's method without a result. */
function missingCases(run: LabRunTable, results: readonly LabRunResultTable[], cases: readonly LabTestCaseTable[]) {
  const done = new Set(results.map((r) => r.test_case_id));
  return cases.filter((c) => c.plan_id === run.plan_id && c.method_id === run.method_id && !done.has(c.id));
}

export function presentRunSummary(row: RunListRow, results: readonly LabRunResultTable[], cases: readonly LabTestCaseTable[]): LabRunSummary {
  const own = results.filter((r) => r.run_id === row.id);
  return {
    id: row.id,
    number: Number(row.number),
    planId: row.plan_id,
    planName: row.plan_name,
    orgUnitId: row.org_unit_id,
    systemId: row.system_id,
    systemName: row.system_name,
    methodId: row.method_id,
    methodName: row.method_name,
    methodHarnessVersion: row.method_harness_version,
    methodStatus: row.method_status as LabMethodStatus,
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    environmentStatus: row.environment_status as LabEnvironmentStatus,
    operatorId: row.operator_id,
    operatorLabel: row.operator_label,
    operatorAuthorised: Number(row.operator_authorised) === 1,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    recordedAt: row.recorded_at,
    sourceFormat: row.source_format as LabRunFormat,
    verdict: row.verdict as LabRunVerdict,
    passed: own.filter((r) => r.verdict === 'pass').length,
    failed: own.filter((r) => r.verdict === 'fail').length,
    missing: missingCases(row, own, cases).length,
    unmatchedCount: parse<string[]>(row.unmatched_metrics).length,
    amendsRunId: row.amends_run_id,
    supersededByRunId: row.superseded_by_run_id,
    supersededByNumber: row.superseded_by_number === null ? null : Number(row.superseded_by_number),
  };
}

export function presentRunDetail(
  row: RunListRow,
  results: readonly LabRunResultTable[],
  cases: readonly LabTestCaseTable[],
  versions: ReadonlyMap<string, RegisteredVersion>,
  chain: LabRunChainLink[],
): LabRunDetail {
  const byCase = new Map(cases.map((c) => [c.id, c]));
  const items: LabRunItem[] = parse<StoredRunItem[]>(row.items).map((i) => {
    const v = versions.get(i.versionId);
    return { ...i, itemId: v?.item_id ?? null, itemName: v?.item_name ?? null, label: v?.label ?? null, registeredDigest: v?.manifest_digest ?? null };
  });
  const ordered = [...results].filter((r) => r.run_id === row.id).sort((a, b) => (byCase.get(a.test_case_id)?.position ?? 0) - (byCase.get(b.test_case_id)?.position ?? 0));
  return {
    ...presentRunSummary(row, results, cases),
    items,
    seed: row.seed,
    results: ordered.map((r) => {
      const c = byCase.get(r.test_case_id)!;
      return {
        testCaseId: r.test_case_id, key: c.key, name: c.name, metric: r.metric, caseMetric: c.metric, value: Number(r.value),
        ciLower: r.ci_lower === null ? null : Number(r.ci_lower), ciUpper: r.ci_upper === null ? null : Number(r.ci_upper),
        stdError: r.std_error === null ? null : Number(r.std_error), sampleSize: r.sample_size === null ? null : Number(r.sample_size), unit: r.unit,
        comparator: c.comparator as LabComparator, threshold: Number(c.threshold), decisionRule: c.decision_rule as LabDecisionRule,
        decidedBy: Number(r.decided_by), verdict: r.verdict as 'pass' | 'fail', mandatory: Number(c.mandatory) === 1,
        requirementKeys: parse<string[]>(c.requirement_keys), note: r.note,
      };
    }),
    missingCases: missingCases(row, results, cases).map((c) => ({ testCaseId: c.id, key: c.key, name: c.name, metric: c.metric, mandatory: Number(c.mandatory) === 1 })),
    unmatchedMetrics: parse<string[]>(row.unmatched_metrics),
    attachments: parse<LabRunAttachment[]>(row.attachments),
    deviations: row.deviations,
    notes: row.notes,
    amendmentReason: row.amendment_reason,
    evidenceId: row.evidence_id,
    recordedByLabel: row.recorded_by_label,
    chain,
  };
}

/** What the audit trail keeps of a new run. */
export function runAuditView(row: LabRunTable, results: readonly LabRunResultTable[], cases: readonly LabTestCaseTable[]) {
  const key = new Map(cases.map((c) => [c.id, c.key]));
  return {
    number: row.number,
    planId: row.plan_id,
    methodId: row.method_id,
    methodStatus: row.method_status,
    environmentId: row.environment_id,
    environmentStatus: row.environment_status,
    items: parse<StoredRunItem[]>(row.items),
    seed: row.seed,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    sourceFormat: row.source_format,
    results: results.map((r) => ({ case: key.get(r.test_case_id), metric: r.metric, value: r.value, decidedBy: r.decided_by, verdict: r.verdict })),
    unmatchedMetrics: parse<string[]>(row.unmatched_metrics),
    attachments: parse<LabRunAttachment[]>(row.attachments).map((a) => a.sha256),
    verdict: row.verdict,
    amendsRunId: row.amends_run_id,
    amendmentReason: row.amendment_reason,
  };
}
