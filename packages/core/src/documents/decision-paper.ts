import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, keyValues, section, type DocumentBuilder, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { recordLabel } from './record-labels.js';

/**
 * The decision paper (Entscheidungsvorlage) on an AI system for the leadership: situation, options, assessment and
 * recommendation as authored text, and one section of figures taken from the records as they stood when the version
 * was frozen — risk class, requirement progress, open risks, open non-conformities, test-lab gate and runs, overdue
 * tasks and the next legal date. Short by design: a system may have several papers, one per decision.
 */

const Str = z.string();
export const DecisionPaperInputs = z.object({
  builtAt: Str,
  /** The office date the figures speak for. */
  asOf: Str,
  system: z.object({ id: Str, name: Str, shortName: Str, unitName: Str, responsible: Str, lifecycleStage: Str, riskClass: Str.nullable(), classificationStatus: Str }),
  classification: z.object({ number: z.number(), decidedAt: Str, decidedByLabel: Str }).nullable(),
  requirements: z.object({ open: z.number(), inProgress: z.number(), implemented: z.number(), verified: z.number(), notApplicable: z.number() }),
  /** Open (not closed) risks, the highest level first; `level` is the label of the residual level, else the inherent one. */
  risks: z.array(z.object({ number: z.number(), title: Str, level: Str.nullable(), status: Str })),
  nonconformities: z.array(z.object({ title: Str, severity: Str, status: Str })),
  gate: z.object({ number: z.number(), title: Str, status: Str, at: Str }).nullable(),
  runs: z.array(z.object({ planName: Str, number: z.number(), verdict: Str, endedAt: Str })),
  overdueTasks: z.array(z.object({ title: Str, dueDate: Str })),
  nextLegalDate: z.object({ date: Str, ref: Str, title: Str }).nullable(),
  texts: AuthoredTextsInput,
});
export type DecisionPaperInputs = z.infer<typeof DecisionPaperInputs>;

export const DECISION_PAPER_SECTION_KEYS = ['situation', 'figures', 'options', 'assessment', 'recommendation'] as const;
type Key = (typeof DECISION_PAPER_SECTION_KEYS)[number];
type Lang = DocumentLocale;

const SECTIONS: Record<Lang, Record<Key, { heading: string; guidance: string }>> = {
  de: {
    situation: { heading: 'Sachverhalt', guidance: 'Worum es geht und warum jetzt zu entscheiden ist – in wenigen Sätzen.' },
    figures: { heading: 'Zahlen aus den Unterlagen', guidance: 'Stand des KI-Systems aus den Aufzeichnungen: Einstufung, Umsetzung der Anforderungen, offene Risiken und Abweichungen, Prüflabor, überfällige Aufgaben und die nächste gesetzliche Frist.' },
    options: { heading: 'Optionen', guidance: 'Die Handlungsmöglichkeiten mit Aufwand, Nutzen und Folgen, auch die Möglichkeit, nichts zu ändern.' },
    assessment: { heading: 'Bewertung', guidance: 'Die Optionen im Vergleich, gestützt auf die Zahlen oben: rechtliche Lage, Risiken, Kosten und Zeit.' },
    recommendation: { heading: 'Empfehlung', guidance: 'Die empfohlene Entscheidung, wer was bis wann tut, und welche Entscheidung von der Leitung erbeten wird.' },
  },
  en: {
    situation: { heading: 'Situation', guidance: 'What the matter is and why a decision is due now – in a few sentences.' },
    figures: { heading: 'Figures from the records', guidance: 'Where the AI system stands according to the records: classification, requirement progress, open risks and non-conformities, test lab, overdue tasks and the next legal date.' },
    options: { heading: 'Options', guidance: 'The courses of action with effort, benefit and consequences, including leaving things as they are.' },
    assessment: { heading: 'Assessment', guidance: 'The options compared, based on the figures above: legal position, risks, cost and time.' },
    recommendation: { heading: 'Recommendation', guidance: 'The decision recommended, who does what by when, and what the leadership is asked to decide.' },
  },
};

const CLASS_STATUS: Record<Lang, Record<string, string>> = {
  de: { none: 'nicht eingestuft', draft: 'Entwurf, nicht genehmigt', approved: 'genehmigt', 'needs-review': 'zu überprüfen' },
  en: { none: 'not classified', draft: 'draft, not approved', approved: 'approved', 'needs-review': 'needs review' },
};

const L = {
  de: {
    title: 'Entscheidungsvorlage', subtitle: (name: string, date: string) => `${name} – Stand ${date}`,
    asOf: 'Stand der Zahlen', unit: 'Organisationseinheit', responsible: 'Verantwortlich', lifecycle: 'Lebenszyklusphase', riskClass: 'Risikoklasse', classStatus: 'Einstufung',
    classification: (n: number, by: string, at: string) => `Fassung ${n}, entschieden von ${by} am ${at}`, unclassified: 'nicht eingestuft',
    requirements: 'Anforderungen', progress: (done: number, relevant: number, pct: string) => `${done} von ${relevant} umgesetzt oder nachgewiesen (${pct})`,
    rows: (o: number, p: number, i: number, v: number, na: number) => `offen ${o} · in Arbeit ${p} · umgesetzt ${i} · nachgewiesen ${v} · nicht anwendbar ${na}`, noRows: 'keine Anforderung bearbeitet',
    risks: 'Offene Risiken', nonconformities: 'Offene Abweichungen', gate: 'Letzte Freigabe im Prüflabor', runs: 'Letzte Prüfläufe', overdue: 'Überfällige Aufgaben', legal: 'Nächste gesetzliche Frist',
    none: 'keine', noGate: 'keine', noLegal: 'keine bevorstehende Frist aus der Einstufung',
    gateLine: (n: number, title: string, status: string, at: string) => `Nr. ${n} ${title}: ${status} (${at})`, legalLine: (date: string, ref: string, title: string) => `ab ${date}: ${title} (${ref})`,
    columnsRisks: ['Nr.', 'Risiko', 'Stufe', 'Status'], columnsNc: ['Abweichung', 'Schwere', 'Status'], columnsRuns: ['Prüfplan', 'Prüflauf', 'Urteil', 'Ende'], columnsTasks: ['Aufgabe', 'Fällig seit'],
    more: (n: number) => `… und ${n} weitere`,
  },
  en: {
    title: 'Decision paper', subtitle: (name: string, date: string) => `${name} – as of ${date}`,
    asOf: 'Figures as of', unit: 'Organisational unit', responsible: 'Responsible', lifecycle: 'Lifecycle stage', riskClass: 'Risk class', classStatus: 'Classification',
    classification: (n: number, by: string, at: string) => `revision ${n}, decided by ${by} on ${at}`, unclassified: 'not classified',
    requirements: 'Requirements', progress: (done: number, relevant: number, pct: string) => `${done} of ${relevant} implemented or verified (${pct})`,
    rows: (o: number, p: number, i: number, v: number, na: number) => `open ${o} · in progress ${p} · implemented ${i} · verified ${v} · not applicable ${na}`, noRows: 'no requirement worked on',
    risks: 'Open risks', nonconformities: 'Open non-conformities', gate: 'Latest release gate of the test lab', runs: 'Latest test runs', overdue: 'Overdue tasks', legal: 'Next legal date',
    none: 'none', noGate: 'none', noLegal: 'no upcoming date from the classification',
    gateLine: (n: number, title: string, status: string, at: string) => `No. ${n} ${title}: ${status} (${at})`, legalLine: (date: string, ref: string, title: string) => `from ${date}: ${title} (${ref})`,
    columnsRisks: ['No.', 'Risk', 'Level', 'Status'], columnsNc: ['Non-conformity', 'Severity', 'Status'], columnsRuns: ['Test plan', 'Run', 'Verdict', 'Ended'], columnsTasks: ['Task', 'Due since'],
    more: (n: number) => `… and ${n} more`,
  },
} as const;

/** At most this many rows per table: leadership reads two pages, the registers hold the rest. */
const MAX_ROWS = 8;
const day = (iso: string) => iso.slice(0, 10);

function capped(rows: string[][], columns: readonly string[], t: (typeof L)[Lang]): DocBlock[] {
  const blocks: DocBlock[] = [{ type: 'table', columns: [...columns], rows: rows.slice(0, MAX_ROWS) }];
  if (rows.length > MAX_ROWS) blocks.push({ type: 'paragraph', text: t.more(rows.length - MAX_ROWS) });
  return blocks;
}

/** The figures of the records as blocks; `lacking` gets what a decision should not rest on unnoticed. */
function figures(inputs: DecisionPaperInputs, lang: Lang, lacking: Lacking[]): DocBlock[] {
  const t = L[lang];
  const s = inputs.system;
  const r = inputs.requirements;
  const relevant = r.open + r.inProgress + r.implemented + r.verified;
  const done = r.implemented + r.verified;
  const pct = relevant === 0 ? '' : `${Math.floor((done * 100) / relevant)} %`;
  const classStatus = [CLASS_STATUS[lang][s.classificationStatus] ?? s.classificationStatus,
    inputs.classification ? t.classification(inputs.classification.number, inputs.classification.decidedByLabel, day(inputs.classification.decidedAt)) : ''].filter(Boolean).join(', ');
  const blocks: DocBlock[] = [];
  const kv = keyValues([
    [t.asOf, inputs.asOf], [t.unit, s.unitName], [t.responsible, s.responsible], [t.lifecycle, recordLabel('stage', s.lifecycleStage, lang)],
    [t.riskClass, s.riskClass ? recordLabel('riskClass', s.riskClass, lang) : t.unclassified], [t.classStatus, classStatus],
    [t.requirements, relevant + r.notApplicable === 0 ? t.noRows : `${relevant === 0 ? '' : `${t.progress(done, relevant, pct)}; `}${t.rows(r.open, r.inProgress, r.implemented, r.verified, r.notApplicable)}`],
    [t.gate, inputs.gate ? t.gateLine(inputs.gate.number, inputs.gate.title, recordLabel('gate', inputs.gate.status, lang), day(inputs.gate.at)) : t.noGate],
    [t.legal, inputs.nextLegalDate ? t.legalLine(inputs.nextLegalDate.date, inputs.nextLegalDate.ref, inputs.nextLegalDate.title) : t.noLegal],
    [t.risks, String(inputs.risks.length)], [t.nonconformities, String(inputs.nonconformities.length)], [t.overdue, String(inputs.overdueTasks.length)],
  ]);
  if (kv.block) blocks.push(kv.block);
  if (s.classificationStatus !== 'approved') lacking.push({ code: 'classification-not-approved' });
  if (inputs.risks.length > 0) blocks.push({ type: 'heading', level: 3, text: t.risks }, ...capped(inputs.risks.map((x) => [String(x.number), x.title, x.level ?? '–', recordLabel('riskStatus', x.status, lang)]), t.columnsRisks, t));
  if (inputs.nonconformities.length > 0) blocks.push({ type: 'heading', level: 3, text: t.nonconformities }, ...capped(inputs.nonconformities.map((x) => [x.title, recordLabel('severity', x.severity, lang), recordLabel('ncStatus', x.status, lang)]), t.columnsNc, t));
  if (inputs.runs.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: t.runs }, ...capped(inputs.runs.map((x) => [x.planName, String(x.number), recordLabel('verdict', x.verdict, lang), day(x.endedAt)]), t.columnsRuns, t));
  }
  if (inputs.overdueTasks.length > 0) blocks.push({ type: 'heading', level: 3, text: t.overdue }, ...capped(inputs.overdueTasks.map((x) => [x.title, x.dueDate]), t.columnsTasks, t));
  return blocks;
}

/** The five sections of a decision paper. */
export function decisionPaperSections(inputs: DecisionPaperInputs, lang: Lang): GeneratedSection[] {
  return DECISION_PAPER_SECTION_KEYS.map((key, index) => {
    if (key !== 'figures') return section(key, index, SECTIONS[lang][key], { blocks: [], lacking: [], hasRecords: false, textExpected: true }, inputs.texts);
    const lacking: Lacking[] = [];
    const blocks = figures(inputs, lang, lacking);
    return section(key, index, SECTIONS[lang][key], { blocks, lacking, hasRecords: true, textExpected: false }, inputs.texts);
  });
}

export const decisionPaperBuilder: DocumentBuilder<DecisionPaperInputs> = {
  subject: 'system',
  onePerSubject: false,
  sectionKeys: DECISION_PAPER_SECTION_KEYS,
  parseInputs: (value) => DecisionPaperInputs.parse(value),
  sections: decisionPaperSections,
  head: (inputs, lang) => ({ id: `EV-${inputs.system.shortName || inputs.system.name}-${inputs.asOf}`, subtitle: L[lang].subtitle(inputs.system.name, inputs.asOf), organisation: inputs.system.unitName }),
  title: (name, lang) => `${L[lang].title} – ${name}`,
};
