import type { DocumentModel, HeatMap, Risk } from '@konform/core';
import type { AiSystemTable } from '../../db/schema.js';
import type { SheetSpec } from '../../catalogs/formats/spreadsheet.js';
import { RISK_LABELS } from './labels.js';

type Lang = 'de' | 'en';

const T = {
  de: {
    title: 'Risikobericht', system: 'KI-System', unit: 'Organisationseinheit', purpose: 'Zweckbestimmung', count: 'Risiken', open: 'davon offen',
    overdue: 'Überprüfung überfällig', unrated: 'nicht bewertet', summary: 'Überblick', heat: 'Brutto-Risiken je Zelle (Eintrittswahrscheinlichkeit × Auswirkung)',
    heatResidual: 'Netto-Risiken (Restrisiken) je Zelle', register: 'Risikoregister', details: 'Einzelne Risiken',
    columns: ['Nr.', 'Risiko', 'Risikoquelle', 'Brutto-Risiko', 'Risikobehandlung', 'Netto-Risiko', 'Status', 'Risikoakzeptanz', 'Nächste Überprüfung'],
    likelihood: 'Eintrittswahrscheinlichkeit', impact: 'Auswirkung', description: 'Beschreibung', affected: 'Betroffen', rights: 'Grundrechte',
    groups: 'Betroffene Gruppen', measures: 'Maßnahmen', owner: 'Verantwortlich', acceptance: 'Risikoakzeptanz', none: '–',
    treatment: { reduce: 'Mindern', avoid: 'Vermeiden', transfer: 'Übertragen', accept: 'Akzeptieren' },
    status: { identified: 'Identifiziert', assessed: 'Bewertet', treated: 'Behandelt', accepted: 'Akzeptiert', closed: 'Geschlossen' },
    accept: { none: 'nicht beantragt', pending: 'Unterschriften ausstehend', accepted: 'akzeptiert', stale: 'veraltet (Risiko seither geändert)' },
    signedBy: 'gezeichnet von',
  },
  en: {
    title: 'Risk report', system: 'AI system', unit: 'Organisational unit', purpose: 'Intended purpose', count: 'Risks', open: 'of which open',
    overdue: 'Review overdue', unrated: 'not rated', summary: 'Summary', heat: 'Inherent risks per cell (likelihood × impact)',
    heatResidual: 'Residual risks per cell', register: 'Risk register', details: 'Individual risks',
    columns: ['No.', 'Risk', 'Risk source', 'Inherent risk', 'Treatment', 'Residual risk', 'Status', 'Acceptance', 'Next review'],
    likelihood: 'Likelihood', impact: 'Impact', description: 'Description', affected: 'Affected', rights: 'Fundamental rights',
    groups: 'Affected groups', measures: 'Measures', owner: 'Owner', acceptance: 'Risk acceptance', none: '–',
    treatment: { reduce: 'Reduce', avoid: 'Avoid', transfer: 'Transfer', accept: 'Accept' },
    status: { identified: 'Identified', assessed: 'Assessed', treated: 'Treated', accepted: 'Accepted', closed: 'Closed' },
    accept: { none: 'not requested', pending: 'signatures pending', accepted: 'accepted', stale: 'stale (risk changed since)' },
    signedBy: 'signed by',
  },
} as const;

function heatTable(map: HeatMap, counts: number[][], lang: Lang) {
  const t = T[lang];
  return {
    type: 'table' as const,
    columns: [`${t.likelihood} \\ ${t.impact}`, ...map.impact.map((s) => s.label[lang])],
    rows: [...map.likelihood].reverse().map((l) => [l.label[lang], ...map.impact.map((i) => `${counts[l.value - 1]?.[i.value - 1] ?? 0} · ${map.cells[l.value - 1]?.[i.value - 1]?.label[lang] ?? ''}`)]),
  };
}

function registerRows(risks: readonly Risk[], lang: Lang): string[][] {
  const t = T[lang];
  return risks.map((r) => [
    `R-${r.number}`, r.title, r.sourceId ?? t.none, r.inherentLevel?.label[lang] ?? t.none, r.treatment ? t.treatment[r.treatment] : t.none,
    r.residualLevel?.label[lang] ?? t.none, t.status[r.status], t.accept[r.acceptance.state], r.nextReview ?? t.none,
  ]);
}

/** A system's risk report: summary, heat maps, the register and each risk with its acceptance. */
export function riskReport(input: {
  system: AiSystemTable;
  unitName: string;
  risks: readonly Risk[];
  heatMap: HeatMap;
  lang: Lang;
  marking: string | null;
  date: string;
  /** The title of a measure of the measures catalogue in the document's language. */
  measureTitle: (id: string) => string;
}): DocumentModel {
  const { system, risks, heatMap, lang } = input;
  const t = T[lang];
  const labels = RISK_LABELS[lang];
  return {
    id: `RISK-${system.id.slice(0, 8).toUpperCase()}-${input.date}`,
    title: `${t.title}: ${system.name}`,
    version: input.date,
    date: input.date,
    language: lang,
    marking: input.marking,
    blocks: [
      { type: 'heading', level: 1, text: t.summary },
      {
        type: 'keyValue',
        items: [
          { key: t.system, value: system.name },
          { key: t.unit, value: input.unitName },
          { key: t.purpose, value: system.purpose },
          { key: t.count, value: `${risks.length} (${t.open}: ${risks.filter((r) => r.status !== 'closed').length})` },
          { key: t.unrated, value: String(heatMap.unrated) },
          { key: t.overdue, value: String(heatMap.overdue) },
        ],
      },
      { type: 'heading', level: 2, text: t.heat },
      heatTable(heatMap, heatMap.inherent, lang),
      { type: 'heading', level: 2, text: t.heatResidual },
      heatTable(heatMap, heatMap.residual, lang),
      { type: 'heading', level: 1, text: t.register },
      { type: 'table', columns: [...t.columns], rows: registerRows(risks, lang), widths: [1, 5, 2, 2, 2, 2, 2, 3, 2] },
      { type: 'heading', level: 1, text: t.details },
      ...risks.flatMap((r) => [
        { type: 'heading' as const, level: 2 as const, text: `R-${r.number} ${r.title}` },
        {
          type: 'keyValue' as const,
          items: [
            { key: t.description, value: r.description || t.none },
            { key: t.affected, value: r.affected.map((a) => labels.affected[a]).join(', ') || t.none },
            { key: t.rights, value: r.rights.map((x) => labels.rights[x]).join('; ') || t.none },
            { key: t.groups, value: r.affectedGroups || t.none },
            { key: t.likelihood, value: r.likelihood === null ? t.none : `${r.likelihood} / ${r.impact ?? t.none} → ${r.inherentLevel?.label[lang] ?? t.none}` },
            { key: t.measures, value: r.measures.map(input.measureTitle).join('; ') || t.none },
            { key: t.columns[5], value: r.residualLikelihood === null ? t.none : `${r.residualLikelihood} / ${r.residualImpact ?? t.none} → ${r.residualLevel?.label[lang] ?? t.none}` },
            { key: t.owner, value: r.owner || t.none },
            { key: t.acceptance, value: `${t.accept[r.acceptance.state]}${r.acceptance.signatures.length ? ` – ${t.signedBy} ${r.acceptance.signatures.map((s) => `${s.signerLabel} (${s.signedAt.slice(0, 10)})`).join(', ')}` : ''}` },
          ],
        },
      ]),
    ],
  };
}

/** The register as a spreadsheet. */
export function riskSheet(risks: readonly Risk[], lang: Lang): SheetSpec {
  const t = T[lang];
  const keys = ['number', 'title', 'source', 'inherent', 'treatment', 'residual', 'status', 'acceptance', 'review'];
  return {
    name: t.register,
    columns: keys.map((key, i) => ({ key, header: t.columns[i]!, width: key === 'title' ? 50 : 16 })),
    rows: registerRows(risks, lang).map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i] ?? '']))),
  };
}
