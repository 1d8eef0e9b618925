import type { DocumentModel } from '@konform/core';
import { formatDate } from '../../documents/common.js';
import {
  TEXTS,
  closingBlocks,
  decisionRuleBlocks,
  environmentBlock,
  formatTimestamp,
  itemsTable,
  methodBlock,
  partiesRows,
  receiptDates,
  resultsTable,
  type ReportEnvironment,
  type ReportIssue,
  type ReportItem,
  type ReportMethod,
  type ReportResult,
} from './report-common.js';

/** Everything a run's test report shows; the service reads it, the builder only arranges it. */
export interface RunReportData {
  number: number;
  verdict: 'pass' | 'fail' | 'incomplete';
  startedAt: string;
  endedAt: string;
  recordedAt: string;
  recordedByLabel: string;
  operatorLabel: string;
  operatorAuthorised: boolean;
  seed: string | null;
  sourceFormat: string;
  deviations: string;
  notes: string;
  unmatchedMetrics: string[];
  attachments: { filename: string; sha256: string }[];
  /** The run this one corrects (ISO/IEC 17025 7.8.8), and the run that corrected this one. */
  amends: { number: number; reason: string } | null;
  supersededBy: number | null;
  clientUnit: string;
  systemName: string | null;
  modelName: string | null;
  plan: { name: string; fixedAt: string | null; fixedByLabel: string | null };
  method: ReportMethod;
  environment: ReportEnvironment;
  items: ReportItem[];
  results: ReportResult[];
  /** Cases of the plan for this run's method without a result. */
  notMeasured: { key: string; name: string; mandatory: boolean }[];
}

export const runReportId = (n: number) => `LAB-RUN-${n}`;

/** The test report of one run (ISO/IEC 17025 7.8.2.1). A run is never changed, so its report has version 1. */
export function runReport(run: RunReportData, issue: ReportIssue): DocumentModel {
  const { lang } = issue;
  const t = TEXTS[lang];
  const ts = (iso: string) => formatTimestamp(iso, lang);
  const subject = run.systemName ?? run.modelName ?? run.plan.name;
  return {
    id: runReportId(run.number),
    title: t.title,
    subtitle: `${t.runSubtitle(run.number)} – ${subject}`,
    version: '1',
    date: issue.issuedOn,
    language: lang,
    marking: issue.marking,
    ...(issue.organisation ? { organisation: issue.organisation } : {}),
    blocks: [
      { type: 'heading', level: 1, text: t.identification },
      {
        type: 'keyValue',
        items: [
          { key: t.reportId, value: `${runReportId(run.number)} (${t.runSubtitle(run.number)}), ${t.version} 1` },
          ...partiesRows(issue, run.clientUnit),
          ...(run.systemName ? [{ key: t.system, value: run.systemName }] : []),
          ...(run.modelName ? [{ key: t.model, value: run.modelName }] : []),
          { key: t.plan, value: run.plan.fixedAt ? `${run.plan.name} – ${t.planFixed(ts(run.plan.fixedAt), run.plan.fixedByLabel ?? t.dash)}` : run.plan.name },
          { key: t.receivedOn, value: receiptDates(run.items, lang) },
          { key: t.testedOn, value: `${t.from}: ${ts(run.startedAt)}; ${t.to}: ${ts(run.endedAt)}` },
          { key: t.recordedAt, value: ts(run.recordedAt) },
          { key: t.issuedOn, value: formatDate(issue.issuedOn, lang) },
          { key: t.verdict, value: t.verdicts[run.verdict] ?? run.verdict },
        ],
      },
      ...(run.amends || run.supersededBy !== null
        ? [
            { type: 'heading' as const, level: 2 as const, text: t.amendments },
            ...(run.amends ? [{ type: 'paragraph' as const, text: t.amends(run.amends.number, run.amends.reason) }] : []),
            ...(run.supersededBy !== null ? [{ type: 'paragraph' as const, text: t.supersededBy(run.supersededBy) }] : []),
          ]
        : []),
      { type: 'heading', level: 1, text: t.items },
      itemsTable(run.items, lang),
      { type: 'heading', level: 1, text: t.method },
      methodBlock(run.method, lang),
      { type: 'heading', level: 1, text: t.environment },
      environmentBlock(run.environment, lang),
      { type: 'heading', level: 1, text: t.results },
      resultsTable(run.results, lang),
      ...(run.notMeasured.length
        ? [
            { type: 'heading' as const, level: 2 as const, text: t.notMeasured },
            { type: 'list' as const, ordered: false, items: run.notMeasured.map((c) => `${c.key} ${c.name} (${c.mandatory ? t.mandatory : t.optional})`) },
          ]
        : []),
      ...decisionRuleBlocks(run.results, lang),
      { type: 'heading', level: 1, text: t.deviations },
      {
        type: 'keyValue',
        items: [
          { key: t.deviationsText, value: run.deviations || t.none },
          { key: t.notes, value: run.notes || t.none },
          { key: t.unmatched, value: run.unmatchedMetrics.join(', ') || t.none },
          { key: t.seed, value: run.seed ?? t.dash },
          { key: t.source, value: run.sourceFormat },
          { key: t.attachments, value: run.attachments.map((a) => `${a.filename} (SHA-256 ${a.sha256})`).join('; ') || t.none },
        ],
      },
      { type: 'heading', level: 1, text: t.authorisation },
      {
        type: 'keyValue',
        items: [
          { key: t.operator, value: `${run.operatorLabel} – ${run.operatorAuthorised ? t.operatorAuthorised.yes : t.operatorAuthorised.no}` },
          { key: t.recordedBy, value: `${run.recordedByLabel}, ${ts(run.recordedAt)}` },
        ],
      },
      ...(run.amends || run.supersededBy !== null ? [] : [{ type: 'paragraph' as const, text: t.noAmendment }]),
      ...closingBlocks(lang),
    ],
  };
}
