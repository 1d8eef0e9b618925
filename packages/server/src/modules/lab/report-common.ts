import { OFFICE_TIME_ZONE, calendarDate, intervalOf, type DocBlock, type LabComparator, type LabDecisionRule, type LabHardware, type LabRuntime } from '@konform/core';
import { formatDate } from '../../documents/common.js';

/**
 * What the run report and the gate report share (ISO/IEC 17025 7.8.2.1): the texts in German and English, the lab
 * and the test items, results with units and uncertainty against the criteria fixed in the plan, and the statements
 * every report carries. Builders are pure: data in, document blocks out.
 */
export type Lang = 'de' | 'en';

/** Who issues the report and how it is marked. */
export interface ReportIssue {
  lang: Lang;
  marking: string | null;
  /** ISO date of issue (today in Europe/Berlin). */
  issuedOn: string;
  /** The organisational unit that operates the lab (the environment's unit) and the organisation at the top of its tree. */
  labUnit: string;
  organisation: string | null;
}

/** A test item as identified in the report: name, version, the registered manifest digest and what the run claimed. */
export interface ReportItem {
  type: 'model' | 'dataset';
  name: string;
  label: string;
  registeredDigest: string | null;
  claimedDigest: string | null;
  matches: boolean;
  receivedOn: string | null;
  custodyState: string | null;
}

/** One measured result against its test case. */
export interface ReportResult {
  key: string;
  name: string;
  metric: string;
  value: number;
  ciLower: number | null;
  ciUpper: number | null;
  stdError: number | null;
  sampleSize: number | null;
  unit: string;
  comparator: LabComparator;
  threshold: number;
  decisionRule: LabDecisionRule;
  decidedBy: number;
  verdict: 'pass' | 'fail';
  mandatory: boolean;
  note: string;
  /** The run the result comes from (gate reports). */
  runNumber?: number;
}

export interface ReportMethod {
  name: string;
  harness: string;
  harnessVersion: string;
  /** As stored at recording (a LabMethodStatus). */
  status: string;
  task: string;
  decoding: Record<string, string | number | boolean>;
  metrics: string[];
  prompts: number;
}

export interface ReportEnvironment {
  name: string;
  hardware: LabHardware;
  driverVersion: string;
  runtime: LabRuntime;
  containerDigest: string | null;
  location: string;
  /** As stored at recording (a LabEnvironmentStatus). */
  status: string;
}

export const TEXTS = {
  de: {
    title: 'Prüfbericht',
    runSubtitle: (n: number) => `Prüflauf ${n}`,
    gateSubtitle: (n: number) => `Freigabeprüfung ${n}`,
    identification: 'Angaben zum Bericht',
    reportId: 'Kennung des Berichts',
    version: 'Version',
    lab: 'Prüflaboratorium',
    organisation: 'Organisation',
    client: 'Auftraggeber (Organisationseinheit)',
    system: 'KI-System',
    model: 'Modell',
    plan: 'Prüfplan',
    planFixed: (at: string, by: string) => `Schwellenwerte festgelegt am ${at} von ${by} (vor der Prüfung)`,
    issuedOn: 'Datum der Ausstellung',
    receivedOn: 'Datum des Eingangs der Prüfgegenstände',
    testedOn: 'Datum der Prüfung',
    from: 'Beginn',
    to: 'Ende',
    recordedAt: 'Erfasst am',
    verdict: 'Gesamturteil',
    verdicts: { pass: 'bestanden', fail: 'nicht bestanden', incomplete: 'unvollständig' } as Record<string, string>,
    method: 'Prüfverfahren',
    methodName: 'Bezeichnung',
    harness: 'Werkzeug und Version',
    task: 'Aufgabe (Task)',
    decoding: 'Decoding-Parameter',
    metrics: 'Metriken',
    prompts: 'Prompts',
    validation: 'Validierungsstatus bei der Erfassung',
    methodStatus: { validated: 'validiert', 'revalidation-needed': 'erneute Validierung nötig', 'not-validated': 'nicht validiert' } as Record<string, string>,
    items: 'Prüfgegenstände',
    itemColumns: ['Prüfgegenstand', 'Manifest-Digest (registriert)', 'Übereinstimmung', 'Eingang', 'Verwahrzustand'],
    itemVersion: (type: string, name: string, label: string) => `${type}: ${name}, Version ${label}`,
    itemTypes: { model: 'Modell', dataset: 'Datensatz' } as Record<string, string>,
    matches: { yes: 'ja', no: 'NEIN – abweichender Digest' },
    claimed: 'gemeldet',
    noItems: 'Es sind keine Prüfgegenstände angegeben.',
    custody: { none: 'noch nicht eingegangen', received: 'eingegangen', stored: 'eingelagert', 'released-to-run': 'für einen Prüflauf ausgegeben', returned: 'zurückgegeben', disposed: 'entsorgt' } as Record<string, string>,
    environment: 'Prüfumgebung',
    envName: 'Bezeichnung',
    hardware: 'Hardware',
    driver: 'Treiber',
    runtime: 'Laufzeitumgebung',
    container: 'Container-Digest',
    location: 'Standort',
    verification: 'Verifizierungsstatus bei der Erfassung',
    envStatus: { verified: 'verifiziert', expired: 'Verifizierung abgelaufen', 'verification-needed': 'Verifizierung erforderlich' } as Record<string, string>,
    results: 'Ergebnisse',
    resultColumns: ['Prüffall', 'Metrik', 'Messwert und Unsicherheit', 'Kriterium und Entscheidungsregel', 'Verglichener Wert', 'Urteil'],
    runColumn: 'Prüflauf',
    mandatory: 'verpflichtend',
    optional: 'optional',
    noResults: 'Es liegen keine Ergebnisse vor.',
    notReported: 'Unsicherheit nicht angegeben',
    ci: (l: string, u: string) => `KI [${l}; ${u}]`,
    se: (half: string, se: string) => `± ${half} (1,96 · SE, SE = ${se})`,
    rules: { 'point-estimate': 'Punktschätzung', 'conservative-bound': 'konservative Grenze' } as Record<string, string>,
    decisionRule: 'Angewandte Entscheidungsregel',
    decisionRuleText: {
      'point-estimate':
        'Punktschätzung: Der gemessene Wert wird mit dem Schwellenwert verglichen; eine angegebene Messunsicherheit geht nicht in das Urteil ein (einfache Akzeptanz, DIN EN ISO/IEC 17025, 7.8.6).',
      'conservative-bound':
        'Konservative Grenze: Verglichen wird die für das Bestehen ungünstigere Grenze des Konfidenzintervalls – die untere Grenze bei „mindestens“-Kriterien, die obere bei „höchstens“-Kriterien; ist nur ein Standardfehler angegeben, gilt das Intervall Messwert ± 1,96 · SE; ohne angegebene Unsicherheit der Messwert selbst (geschützte Akzeptanz, DIN EN ISO/IEC 17025, 7.8.6).',
    } as Record<string, string>,
    notMeasured: 'Prüffälle des Plans ohne Ergebnis in diesem Prüflauf',
    deviations: 'Abweichungen und Anmerkungen',
    deviationsText: 'Abweichungen vom Prüfverfahren',
    notes: 'Anmerkungen',
    unmatched: 'Gemeldete Metriken ohne Prüffall (nicht bewertet)',
    none: 'keine',
    dash: '–',
    amendments: 'Berichtigungen',
    amends: (n: number, reason: string) => `Dieser Prüflauf berichtigt Prüflauf ${n}; dieser Bericht ersetzt den Bericht zu Prüflauf ${n} (DIN EN ISO/IEC 17025, 7.8.8). Grund: ${reason}`,
    supersededBy: (n: number) => `Dieser Prüflauf wurde durch Prüflauf ${n} berichtigt. Maßgeblich ist der Bericht zu Prüflauf ${n}.`,
    noAmendment: 'Dieser Bericht ist keine Berichtigung, und der Prüflauf wurde nicht berichtigt.',
    authorisation: 'Verantwortlichkeit',
    operator: 'Prüfer/in (Operator)',
    operatorAuthorised: { yes: 'für das Prüfverfahren autorisiert', no: 'zum Zeitpunkt nicht für das Prüfverfahren autorisiert' },
    recordedBy: 'Erfasst von',
    seed: 'Seed',
    source: 'Eingangsformat',
    attachments: 'Rohdaten (im Objektspeicher)',
    statement: 'Die Ergebnisse beziehen sich ausschließlich auf die oben genannten Prüfgegenstände, wie sie durch ihre Manifest-Digests identifiziert sind.',
    timesNote: 'Zeitangaben in Ortszeit Europe/Berlin.',
    end: 'Ende des Prüfberichts.',
  },
  en: {
    title: 'Test report',
    runSubtitle: (n: number) => `Test run ${n}`,
    gateSubtitle: (n: number) => `Release gate ${n}`,
    identification: 'Report identification',
    reportId: 'Report identifier',
    version: 'version',
    lab: 'Testing laboratory',
    organisation: 'Organisation',
    client: 'Client (organisational unit)',
    system: 'AI system',
    model: 'Model',
    plan: 'Test plan',
    planFixed: (at: string, by: string) => `Thresholds fixed on ${at} by ${by} (before testing)`,
    issuedOn: 'Date of issue',
    receivedOn: 'Date of receipt of the test items',
    testedOn: 'Date of testing',
    from: 'Start',
    to: 'End',
    recordedAt: 'Recorded at',
    verdict: 'Overall verdict',
    verdicts: { pass: 'pass', fail: 'fail', incomplete: 'incomplete' } as Record<string, string>,
    method: 'Test method',
    methodName: 'Name',
    harness: 'Harness and version',
    task: 'Task',
    decoding: 'Decoding parameters',
    metrics: 'Metrics',
    prompts: 'Prompts',
    validation: 'Validation status at recording',
    methodStatus: { validated: 'validated', 'revalidation-needed': 're-validation needed', 'not-validated': 'not validated' } as Record<string, string>,
    items: 'Test items',
    itemColumns: ['Test item', 'Manifest digest (registered)', 'Match', 'Received', 'Custody state'],
    itemVersion: (type: string, name: string, label: string) => `${type}: ${name}, version ${label}`,
    itemTypes: { model: 'Model', dataset: 'Dataset' } as Record<string, string>,
    matches: { yes: 'yes', no: 'NO – different digest' },
    claimed: 'reported',
    noItems: 'No test items are named.',
    custody: { none: 'not received yet', received: 'received', stored: 'stored', 'released-to-run': 'released to a test run', returned: 'returned', disposed: 'disposed of' } as Record<string, string>,
    environment: 'Test environment',
    envName: 'Name',
    hardware: 'Hardware',
    driver: 'Driver',
    runtime: 'Runtime',
    container: 'Container digest',
    location: 'Location',
    verification: 'Verification status at recording',
    envStatus: { verified: 'verified', expired: 'verification expired', 'verification-needed': 'verification needed' } as Record<string, string>,
    results: 'Results',
    resultColumns: ['Test case', 'Metric', 'Measured value and uncertainty', 'Criterion and decision rule', 'Value compared', 'Verdict'],
    runColumn: 'Test run',
    mandatory: 'mandatory',
    optional: 'optional',
    noResults: 'There are no results.',
    notReported: 'uncertainty not reported',
    ci: (l: string, u: string) => `CI [${l}, ${u}]`,
    se: (half: string, se: string) => `± ${half} (1.96 · SE, SE = ${se})`,
    rules: { 'point-estimate': 'point estimate', 'conservative-bound': 'conservative bound' } as Record<string, string>,
    decisionRule: 'Decision rule applied',
    decisionRuleText: {
      'point-estimate':
        'Point estimate: the measured value is compared with the threshold; a reported measurement uncertainty does not enter the verdict (simple acceptance, ISO/IEC 17025 7.8.6).',
      'conservative-bound':
        'Conservative bound: the bound of the confidence interval that is less favourable to passing is compared – the lower bound for "at least" criteria, the upper bound for "at most" criteria; with only a standard error reported, the interval is value ± 1.96 · SE; without a reported uncertainty, the value itself (guarded acceptance, ISO/IEC 17025 7.8.6).',
    } as Record<string, string>,
    notMeasured: "Test cases of the plan without a result in this run",
    deviations: 'Deviations and notes',
    deviationsText: 'Deviations from the method',
    notes: 'Notes',
    unmatched: 'Reported metrics without a test case (not assessed)',
    none: 'none',
    dash: '–',
    amendments: 'Amendments',
    amends: (n: number, reason: string) => `This run amends test run ${n}; this report replaces the report on test run ${n} (ISO/IEC 17025 7.8.8). Reason: ${reason}`,
    supersededBy: (n: number) => `This run was amended by test run ${n}. The report on test run ${n} applies.`,
    noAmendment: 'This report is not an amendment, and the run has not been amended.',
    authorisation: 'Responsibility',
    operator: 'Operator',
    operatorAuthorised: { yes: 'authorised for the method', no: 'not authorised for the method at the time' },
    recordedBy: 'Recorded by',
    seed: 'Seed',
    source: 'Input format',
    attachments: 'Raw data (in the object store)',
    statement: 'The results relate only to the test items named above, as identified by their manifest digests.',
    timesNote: 'Times are local times in Europe/Berlin.',
    end: 'End of the test report.',
  },
} as const;

export type ReportTexts = (typeof TEXTS)[Lang];

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An ISO timestamp as the Berlin day and time: `27.11.2026, 14:03 Uhr` / `27 November 2026, 14:03`. */
export function formatTimestamp(iso: string, lang: Lang): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = TIME.format(at);
  return `${formatDate(calendarDate(at), lang)}, ${time}${lang === 'de' ? ' Uhr' : ''}`;
}

/** A number as written in the language (decimal comma in German), up to six decimals, no grouping. */
export function formatNumber(value: number, lang: Lang): string {
  return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 6, useGrouping: false });
}

const withUnit = (value: string, unit: string) => (unit ? `${value} ${unit}` : value);

const SYMBOL: Record<LabComparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

/** The reported uncertainty: the interval, or ± 1.96 · SE, or "not reported". */
export function uncertaintyText(r: ReportResult, lang: Lang): string {
  const t = TEXTS[lang];
  const n = (x: number) => formatNumber(x, lang);
  if (r.ciLower !== null && r.ciUpper !== null) return withUnit(t.ci(n(Math.min(r.ciLower, r.ciUpper)), n(Math.max(r.ciLower, r.ciUpper))), r.unit);
  const interval = intervalOf(r);
  if (interval && r.stdError !== null) return withUnit(t.se(n((interval.upper - interval.lower) / 2), n(r.stdError)), r.unit);
  return t.notReported;
}

export function criterionText(r: Pick<ReportResult, 'comparator' | 'threshold' | 'unit'>, lang: Lang): string {
  return withUnit(`${SYMBOL[r.comparator]} ${formatNumber(r.threshold, lang)}`, r.unit);
}

/** Results per test case; with `withRun` a column names the run each result comes from. */
export function resultsTable(results: readonly ReportResult[], lang: Lang, withRun = false): DocBlock {
  const t = TEXTS[lang];
  const n = (x: number) => formatNumber(x, lang);
  if (results.length === 0) return { type: 'paragraph', text: t.noResults };
  const [first, ...rest] = t.resultColumns;
  return {
    type: 'table',
    columns: withRun ? [first, t.runColumn, ...rest] : [...t.resultColumns],
    widths: withRun ? [3.5, 1.2, 1.5, 3.3, 3.3, 2, 2.5] : [3.5, 1.5, 3.5, 3.5, 2, 2.5],
    rows: results.map((r) => {
      const measured = [withUnit(n(r.value), r.unit), uncertaintyText(r, lang), ...(r.sampleSize === null ? [] : [`n = ${r.sampleSize}`])];
      const row = [
        `${r.key} ${r.name} (${r.mandatory ? t.mandatory : t.optional})${r.note ? `\n${r.note}` : ''}`,
        r.metric,
        measured.join('\n'),
        `${criterionText(r, lang)}\n${t.rules[r.decisionRule] ?? r.decisionRule}`,
        withUnit(n(r.decidedBy), r.unit),
        t.verdicts[r.verdict] ?? r.verdict,
      ];
      if (withRun) row.splice(1, 0, r.runNumber === undefined ? t.dash : String(r.runNumber));
      return row;
    }),
  };
}

/** The statement of each decision rule the results used (ISO/IEC 17025 7.8.6.2). */
export function decisionRuleBlocks(results: readonly ReportResult[], lang: Lang): DocBlock[] {
  const t = TEXTS[lang];
  const used = [...new Set(results.map((r) => r.decisionRule))].sort();
  if (used.length === 0) return [];
  return [{ type: 'heading', level: 2, text: t.decisionRule }, ...used.map((rule): DocBlock => ({ type: 'paragraph', text: t.decisionRuleText[rule] ?? rule }))];
}

export function itemsTable(items: readonly ReportItem[], lang: Lang): DocBlock {
  const t = TEXTS[lang];
  if (items.length === 0) return { type: 'paragraph', text: t.noItems };
  return {
    type: 'table',
    columns: [...t.itemColumns],
    widths: [4, 6, 2, 2, 2],
    rows: items.map((i) => [
      t.itemVersion(t.itemTypes[i.type] ?? i.type, i.name, i.label),
      i.registeredDigest ?? t.dash,
      i.matches ? t.matches.yes : `${t.matches.no}${i.claimedDigest ? ` (${t.claimed}: ${i.claimedDigest})` : ''}`,
      i.receivedOn ? formatDate(i.receivedOn, lang) : t.dash,
      i.custodyState ? (t.custody[i.custodyState] ?? i.custodyState) : t.dash,
    ]),
  };
}

/** Receipt dates of the items: the one date, or the earliest to the latest. */
export function receiptDates(items: readonly ReportItem[], lang: Lang): string {
  const days = items.map((i) => i.receivedOn).filter((d): d is string => d !== null).sort();
  if (days.length === 0) return TEXTS[lang].dash;
  const first = formatDate(days[0]!, lang);
  const last = formatDate(days[days.length - 1]!, lang);
  return first === last ? first : `${first} – ${last}`;
}

export function methodBlock(m: ReportMethod, lang: Lang): DocBlock {
  const t = TEXTS[lang];
  const decoding = Object.entries(m.decoding).map(([k, v]) => `${k} = ${String(v)}`);
  return {
    type: 'keyValue',
    items: [
      { key: t.methodName, value: m.name },
      { key: t.harness, value: `${m.harness} ${m.harnessVersion}` },
      { key: t.task, value: m.task || t.dash },
      { key: t.decoding, value: decoding.length ? decoding.join('; ') : t.none },
      { key: t.metrics, value: m.metrics.join(', ') || t.dash },
      { key: t.prompts, value: String(m.prompts) },
      { key: t.validation, value: t.methodStatus[m.status] ?? m.status },
    ],
  };
}

export function environmentBlock(e: ReportEnvironment, lang: Lang): DocBlock {
  const t = TEXTS[lang];
  const hw = e.hardware;
  const hardware = [hw.cpu, hw.gpuCount > 0 ? `${hw.gpuCount} × ${hw.gpuModel || 'GPU'}` : hw.gpuModel, hw.memoryGb > 0 ? `${formatNumber(hw.memoryGb, lang)} GB RAM` : ''].filter(Boolean).join(', ');
  const runtime = [e.runtime.python && `Python ${e.runtime.python}`, e.runtime.cuda && `CUDA ${e.runtime.cuda}`, e.runtime.other].filter(Boolean).join(', ');
  return {
    type: 'keyValue',
    items: [
      { key: t.envName, value: e.name },
      { key: t.hardware, value: hardware || t.dash },
      { key: t.driver, value: e.driverVersion || t.dash },
      { key: t.runtime, value: runtime || t.dash },
      { key: t.container, value: e.containerDigest ?? t.dash },
      { key: t.location, value: e.location || t.dash },
      { key: t.verification, value: t.envStatus[e.status] ?? e.status },
    ],
  };
}

/** The lab, the organisation and the client as the report's first rows. */
export function partiesRows(issue: ReportIssue, clientUnit: string): { key: string; value: string }[] {
  const t = TEXTS[issue.lang];
  const rows: { key: string; value: string }[] = [{ key: t.lab, value: issue.labUnit }];
  if (issue.organisation && issue.organisation !== issue.labUnit) rows.push({ key: t.organisation, value: issue.organisation });
  rows.push({ key: t.client, value: clientUnit });
  return rows;
}

/** The closing statements of every report. */
export function closingBlocks(lang: Lang): DocBlock[] {
  const t = TEXTS[lang];
  return [
    { type: 'paragraph', text: t.statement },
    { type: 'paragraph', text: t.timesNote },
    { type: 'paragraph', text: t.end },
  ];
}
