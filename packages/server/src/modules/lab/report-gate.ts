import { gateFindingText, type DocBlock, type DocumentModel, type LabGateCheck, type LabGateCheckKey, type LabGateDetail } from '@konform/core';
import { formatDate } from '../../documents/common.js';
import { TEXTS, closingBlocks, decisionRuleBlocks, formatNumber, formatTimestamp, itemsTable, partiesRows, receiptDates, resultsTable, type Lang, type ReportIssue, type ReportItem, type ReportResult } from './report-common.js';

/** A run a gate used, as its report lists it. */
export interface GateReportRun {
  number: number;
  verdict: string;
  startedAt: string;
  endedAt: string;
  methodName: string;
  environmentName: string;
  operatorLabel: string;
  operatorAuthorised: boolean;
  methodStatus: string;
  environmentStatus: string;
  amendsNumber: number | null;
}

/** Everything a gate's test report shows; the service reads it, the builder only arranges it. */
export interface GateReportData {
  gate: LabGateDetail;
  clientUnit: string;
  items: ReportItem[];
  /** Per case of the plan the result that counts, with its uncertainty and the run it comes from. */
  results: ReportResult[];
  runs: GateReportRun[];
  /** The meaning of each signature, by signature id. */
  meanings: ReadonlyMap<string, string>;
}

const G = {
  de: {
    subject: 'Gegenstand der Freigabe',
    modelVersion: 'Modellversion',
    status: 'Status der Freigabeprüfung',
    statuses: { open: 'offen', released: 'freigegeben', superseded: 'abgelöst', invalidated: 'ungültig', withdrawn: 'zurückgezogen' } as Record<string, string>,
    created: 'Angelegt',
    released: 'Freigegeben am',
    invalidated: 'Ungültig seit',
    withdrawnAt: 'Zurückgezogen am',
    tolerance: 'Regressionstoleranz (Standard)',
    baseline: 'Verglichen mit',
    baselineRef: (n: number, at: string) => `Freigabeprüfung ${n}${at ? ` (freigegeben ${at})` : ''}`,
    firstRelease: 'keine frühere Freigabe',
    checks: 'Prüfungen',
    checksLive: 'Die Prüfungen wurden am Tag der Ausstellung berechnet; die Freigabeprüfung ist noch nicht abgeschlossen.',
    checksFrozen: 'Die Prüfungen sind im Stand der Freigabe eingefroren.',
    checkColumns: ['Prüfung', 'Ergebnis', 'Feststellungen'],
    checkNames: {
      digests: 'Digests der Prüfgegenstände',
      'mandatory-cases': 'Verpflichtende Prüffälle',
      regression: 'Keine Regression gegenüber der geltenden Freigabe',
      evidence: 'Nachweise zu den verknüpften Anforderungen',
      registration: 'Eintragung in die EU-Datenbank (Art. 26 Abs. 8 KI-VO)',
    } as Record<LabGateCheckKey, string>,
    outcome: { true: 'erfüllt', false: 'NICHT erfüllt' },
    blocking: 'blockierend',
    runs: 'Verwendete Prüfläufe',
    runColumns: ['Prüflauf', 'Urteil', 'Beginn', 'Ende', 'Prüfverfahren (Status)', 'Prüfumgebung (Status)', 'Operator'],
    amendsRun: (n: number) => `berichtigt Prüflauf ${n}`,
    notAuthorised: 'nicht autorisiert',
    noRuns: 'Es wurde kein Prüflauf verwendet.',
    signatures: 'Zeichnungen',
    signatureColumns: ['Name', 'Rolle', 'Bedeutung', 'Zeitpunkt', 'Kommentar', 'Gilt für den geprüften Stand'],
    roles: { lab: 'Prüflabor', governance: 'KI-Koordinierung' } as Record<string, string>,
    meanings: { decided: 'entschieden', approved: 'genehmigt', reviewed: 'geprüft', released: 'freigegeben', accepted: 'akzeptiert' } as Record<string, string>,
    yes: 'ja',
    no: 'nein (früherer Stand)',
    noSignatures: 'Es liegen noch keine Zeichnungen vor.',
    missingRoles: (roles: string) => `Es fehlt die Zeichnung für: ${roles}.`,
    stateHash: 'Gezeichneter Stand (SHA-256)',
    supersededBy: (n: number) => `Diese Freigabe wurde durch Freigabeprüfung ${n} abgelöst.`,
    invalidation: (reason: string) => `Diese Freigabe ist ungültig: ${reason}`,
    withdrawal: (reason: string) => `Die Freigabeprüfung wurde zurückgezogen: ${reason}`,
  },
  en: {
    subject: 'Subject of the release',
    modelVersion: 'Model version',
    status: 'Status of the release gate',
    statuses: { open: 'open', released: 'released', superseded: 'superseded', invalidated: 'invalid', withdrawn: 'withdrawn' } as Record<string, string>,
    created: 'Created',
    released: 'Released on',
    invalidated: 'Invalid since',
    withdrawnAt: 'Withdrawn on',
    tolerance: 'Regression tolerance (default)',
    baseline: 'Compared with',
    baselineRef: (n: number, at: string) => `Release gate ${n}${at ? ` (released ${at})` : ''}`,
    firstRelease: 'no earlier release',
    checks: 'Checks',
    checksLive: 'The checks were computed on the date of issue; the release gate is not closed yet.',
    checksFrozen: 'The checks are frozen as they were at release.',
    checkColumns: ['Check', 'Outcome', 'Findings'],
    checkNames: {
      digests: 'Test item digests',
      'mandatory-cases': 'Mandatory test cases',
      regression: 'No regression against the current release',
      evidence: 'Evidence for the linked requirements',
      registration: 'EU database registration (AI Act Art. 26(8))',
    } as Record<LabGateCheckKey, string>,
    outcome: { true: 'met', false: 'NOT met' },
    blocking: 'blocking',
    runs: 'Test runs used',
    runColumns: ['Test run', 'Verdict', 'Start', 'End', 'Method (status)', 'Environment (status)', 'Operator'],
    amendsRun: (n: number) => `amends test run ${n}`,
    notAuthorised: 'not authorised',
    noRuns: 'No test run was used.',
    signatures: 'Signatures',
    signatureColumns: ['Name', 'Role', 'Meaning', 'Time', 'Comment', 'Covers the state checked'],
    roles: { lab: 'Test lab', governance: 'AI coordination' } as Record<string, string>,
    meanings: { decided: 'decided', approved: 'approved', reviewed: 'reviewed', released: 'released', accepted: 'accepted' } as Record<string, string>,
    yes: 'yes',
    no: 'no (earlier state)',
    noSignatures: 'There are no signatures yet.',
    missingRoles: (roles: string) => `Still to sign: ${roles}.`,
    stateHash: 'State signed (SHA-256)',
    supersededBy: (n: number) => `This release was superseded by release gate ${n}.`,
    invalidation: (reason: string) => `This release is invalid: ${reason}`,
    withdrawal: (reason: string) => `The release gate was withdrawn: ${reason}`,
  },
} as const;

function checksTable(checks: readonly LabGateCheck[], lang: Lang): DocBlock {
  const g = G[lang];
  return {
    type: 'table',
    columns: [...g.checkColumns],
    widths: [3, 2, 8],
    rows: checks.map((c) => [
      g.checkNames[c.key] ?? c.key,
      g.outcome[c.passed ? 'true' : 'false'],
      c.findings.map((f) => `${f.blocking ? `[${g.blocking}] ` : ''}${gateFindingText(f, lang)}`).join('\n'),
    ]),
  };
}

function testingDates(runs: readonly GateReportRun[], lang: Lang): string {
  if (runs.length === 0) return TEXTS[lang].dash;
  const start = runs.map((r) => r.startedAt).sort()[0]!;
  const end = runs.map((r) => r.endedAt).sort().at(-1)!;
  const t = TEXTS[lang];
  return `${t.from}: ${formatTimestamp(start, lang)}; ${t.to}: ${formatTimestamp(end, lang)}`;
}

export const gateReportId = (n: number) => `LAB-GATE-${n}`;

/** The test report of a release gate: subject and items, checks, results of the runs used, runs, signatures. */
export function gateReport(data: GateReportData, issue: ReportIssue): DocumentModel {
  const { lang } = issue;
  const { gate } = data;
  const t = TEXTS[lang];
  const g = G[lang];
  const ts = (iso: string) => formatTimestamp(iso, lang);
  const s = gate.subject;
  const subject = s.type === 'system' ? (s.systemName ?? '') : `${s.modelName ?? ''} ${s.modelVersionLabel ?? ''}`.trim();
  const notices = [
    ...(gate.supersededBy ? [g.supersededBy(gate.supersededBy.number)] : []),
    ...(gate.invalidationReason ? [g.invalidation(gate.invalidationReason)] : []),
    ...(gate.withdrawalReason ? [g.withdrawal(gate.withdrawalReason)] : []),
  ];
  return {
    id: gateReportId(gate.number),
    title: t.title,
    subtitle: `${t.gateSubtitle(gate.number)} – ${gate.title}`,
    version: String(gate.version),
    date: issue.issuedOn,
    language: lang,
    marking: issue.marking,
    ...(issue.organisation ? { organisation: issue.organisation } : {}),
    blocks: [
      { type: 'heading', level: 1, text: t.identification },
      {
        type: 'keyValue',
        items: [
          { key: t.reportId, value: `${gateReportId(gate.number)} (${t.gateSubtitle(gate.number)}), ${t.version} ${gate.version}` },
          ...partiesRows(issue, data.clientUnit),
          { key: g.subject, value: `${s.type === 'system' ? t.system : g.modelVersion}: ${subject}` },
          { key: t.plan, value: gate.planName },
          { key: g.status, value: g.statuses[gate.status] ?? gate.status },
          { key: g.created, value: `${ts(gate.createdAt)}, ${gate.createdByLabel}` },
          ...(gate.releasedAt ? [{ key: g.released, value: ts(gate.releasedAt) }] : []),
          ...(gate.invalidatedAt ? [{ key: g.invalidated, value: ts(gate.invalidatedAt) }] : []),
          ...(gate.withdrawnAt ? [{ key: g.withdrawnAt, value: ts(gate.withdrawnAt) }] : []),
          { key: g.baseline, value: gate.baseline ? g.baselineRef(gate.baseline.number, gate.baseline.releasedAt ? formatDate(gate.baseline.releasedAt.slice(0, 10), lang) : '') : g.firstRelease },
          { key: g.tolerance, value: formatNumber(gate.regressionTolerance, lang) },
          { key: t.receivedOn, value: receiptDates(data.items, lang) },
          { key: t.testedOn, value: testingDates(data.runs, lang) },
          { key: t.issuedOn, value: formatDate(issue.issuedOn, lang) },
        ],
      },
      ...(notices.length ? [{ type: 'heading' as const, level: 2 as const, text: t.amendments }, ...notices.map((text) => ({ type: 'paragraph' as const, text }))] : []),
      { type: 'heading', level: 1, text: t.items },
      itemsTable(data.items, lang),
      { type: 'heading', level: 1, text: g.checks },
      { type: 'paragraph', text: gate.checksFrozen ? g.checksFrozen : g.checksLive },
      checksTable(gate.checks, lang),
      { type: 'heading', level: 1, text: t.results },
      resultsTable(data.results, lang, true),
      ...decisionRuleBlocks(data.results, lang),
      { type: 'heading', level: 1, text: g.runs },
      data.runs.length === 0
        ? { type: 'paragraph', text: g.noRuns }
        : {
            type: 'table',
            columns: [...g.runColumns],
            widths: [2, 2, 3, 3, 4, 4, 3],
            rows: data.runs.map((r) => [
              `${r.number}${r.amendsNumber !== null ? ` (${g.amendsRun(r.amendsNumber)})` : ''}`,
              t.verdicts[r.verdict] ?? r.verdict,
              ts(r.startedAt),
              ts(r.endedAt),
              `${r.methodName} (${t.methodStatus[r.methodStatus] ?? r.methodStatus})`,
              `${r.environmentName} (${t.envStatus[r.environmentStatus] ?? r.environmentStatus})`,
              `${r.operatorLabel}${r.operatorAuthorised ? '' : ` (${g.notAuthorised})`}`,
            ]),
          },
      { type: 'heading', level: 1, text: g.signatures },
      gate.signoffs.length === 0
        ? { type: 'paragraph', text: g.noSignatures }
        : {
            type: 'table',
            columns: [...g.signatureColumns],
            widths: [4, 2, 2, 3, 4, 2],
            rows: gate.signoffs.map((x) => {
              const meaning = data.meanings.get(x.signatureId) ?? '';
              return [x.signer.label, g.roles[x.role] ?? x.role, g.meanings[meaning] ?? meaning, ts(x.signedAt), x.comment ?? t.dash, x.current ? g.yes : g.no];
            }),
          },
      ...(gate.missingRoles.length ? [{ type: 'paragraph' as const, text: g.missingRoles(gate.missingRoles.map((r) => g.roles[r] ?? r).join(', ')) }] : []),
      { type: 'keyValue', items: [{ key: g.stateHash, value: gate.stateHash }] },
      ...closingBlocks(lang),
    ],
  };
}
