import { z } from 'zod';
import { ANNEX_IV_SECTION_KEYS, type AnnexIvSectionKey, type DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, section, type DocumentHead, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { recordLabel } from './record-labels.js';
import { MONITORING_COMPARATORS, MONITORING_FREQUENCIES, comparatorSymbol, type MonitoringFrequency } from '../monitoring/rules.js';

/**
 * The technical documentation of Annex IV AI Act as a pure function of the record data it is built from: the nine
 * sections, each filled from the records where they hold something and completed with authored Markdown where they
 * do not, with a completeness check per section. The server gathers the inputs; a version freezes them as JSON, so a
 * released version renders the same document for as long as it is kept.
 */

const Str = z.string();
export const AnnexIvInputs = z.object({
  builtAt: Str,
  system: z.object({
    id: Str, name: Str, shortName: Str, purpose: Str, description: Str, unitName: Str, responsible: Str, lifecycleStage: Str,
    roles: z.array(Str), sourcing: Str, vendor: Str, deploymentContext: Str, affectedPersons: Str, autonomy: Str, riskClass: Str.nullable(),
  }),
  classification: z.object({ number: z.number(), riskClass: Str, status: Str, decidedAt: Str, decidedByLabel: Str }).nullable(),
  models: z.array(z.object({ name: Str, provider: Str, version: Str, digest: Str, role: Str, licence: Str })),
  datasets: z.array(z.object({
    name: Str, provider: Str, version: Str, digest: Str, role: Str,
    datasheet: z.object({ origin: Str, personalData: z.boolean(), legalBasis: Str, gapsAndBiases: Str, intendedUse: Str }).nullable(),
  })),
  gates: z.array(z.object({ number: z.number(), title: Str, status: Str, releasedAt: Str.nullable() })),
  runs: z.array(z.object({ planName: Str, number: z.number(), verdict: Str, endedAt: Str, metrics: z.array(Str) })),
  risks: z.array(z.object({ number: z.number(), title: Str, status: Str, inherentLevel: Str.nullable(), residualLevel: Str.nullable() })),
  measures: z.array(z.object({ id: Str, title: Str, status: Str })),
  catalogues: z.array(z.object({ id: Str, title: Str })),
  earlierReleases: z.array(z.object({ number: z.number(), releasedAt: Str })),
  // Added later: versions frozen before read as empty lists, so they render as they did.
  /** The requirement rows of Art. 14 (human oversight) with the measures the system applies for them. */
  oversight: z.array(z.object({ key: Str, ref: Str, title: Str, status: Str, measures: z.array(z.object({ id: Str, title: Str, status: Str })) })).default([]),
  /** Released model cards of the linked model versions. */
  modelCards: z.array(z.object({ model: Str, version: Str, number: z.number(), releasedAt: Str })).default([]),
  /** The active post-market monitoring plan (Art. 72) with the latest value per indicator; null when there is none. */
  monitoring: z.object({
    observed: Str,
    activatedAt: Str.nullable(),
    indicators: z.array(z.object({
      name: Str, unit: Str, comparator: z.enum(MONITORING_COMPARATORS), threshold: z.number(), frequency: z.enum(MONITORING_FREQUENCIES), dataSource: Str, responsible: Str,
      latest: z.object({ value: z.number(), measuredAt: Str, breached: z.boolean() }).nullable(),
    })),
  }).nullable().default(null),
  texts: AuthoredTextsInput,
});
export type AnnexIvInputs = z.infer<typeof AnnexIvInputs>;

type Lang = DocumentLocale;

interface SectionText {
  heading: string;
  guidance: string;
}

const SECTIONS: Record<Lang, Record<AnnexIvSectionKey, SectionText>> = {
  de: {
    general: { heading: 'Allgemeine Beschreibung des KI-Systems', guidance: 'Zweckbestimmung, Anbieter, Version und frühere Versionen aus dem Verzeichnis. Nicht in den Unterlagen geführt und daher im Text anzugeben: Zusammenspiel mit Hard- und Software außerhalb des Systems, Formen des Inverkehrbringens oder der Inbetriebnahme, Zielhardware, Benutzeroberfläche für Betreiber; dazu der Verweis auf die Betriebsanleitung.' },
    development: { heading: 'Elemente des KI-Systems und Entwicklungsprozess', guidance: 'Entwicklungsmethoden und vortrainierte Komponenten, Entwurf und Architektur, Daten und Datenblätter, Bewertung der menschlichen Aufsicht, vorab festgelegte Änderungen, Validierung und Prüfung mit datierten Prüfberichten, Cybersicherheit.' },
    monitoring: { heading: 'Überwachung, Funktionsweise und Kontrolle', guidance: 'Leistungsfähigkeit und Grenzen (auch für bestimmte Personengruppen), vorhersehbare unbeabsichtigte Ergebnisse und Risikoquellen, Maßnahmen der menschlichen Aufsicht (mit dem Stand der Anforderungen aus Art. 14), Protokollierung, Spezifikation der Eingabedaten.' },
    metrics: { heading: 'Eignung der Leistungskennzahlen', guidance: 'Warum die gewählten Kennzahlen für dieses System angemessen sind.' },
    'risk-management': { heading: 'Risikomanagementsystem', guidance: 'Das Risikomanagement nach Art. 9: Risikoregister, Bewertung, Behandlung und Restrisiken.' },
    changes: { heading: 'Änderungen im Lebenszyklus', guidance: 'Wesentliche Änderungen am System während seines Lebenszyklus.' },
    standards: { heading: 'Angewandte Normen und Spezifikationen', guidance: 'Harmonisierte Normen und gemeinsame Spezifikationen, ganz oder teilweise angewandt, sind im Text zu nennen (die Kataloge tragen kein Merkmal „harmonisiert“); wo keine angewandt wurden, die gewählten Lösungen. Darunter die weiteren Normen, Kataloge und Spezifikationen aus der Anforderungsmatrix.' },
    declaration: { heading: 'EU-Konformitätserklärung', guidance: 'Eine Kopie der EU-Konformitätserklärung nach Art. 47.' },
    'post-market': { heading: 'Beobachtung nach dem Inverkehrbringen', guidance: 'Das System zur Bewertung der Leistung nach dem Inverkehrbringen (Art. 72) einschließlich des Plans zur Beobachtung nach dem Inverkehrbringen.' },
  },
  en: {
    general: { heading: 'General description of the AI system', guidance: 'Intended purpose, provider, version and earlier versions from the inventory. Not held in the records and therefore to be given in the text: interaction with hardware and software outside the system, forms of placing on the market or putting into service, target hardware, user interface for deployers; and a reference to the instructions for use.' },
    development: { heading: 'Elements of the AI system and its development', guidance: 'Development methods and pre-trained components, design and architecture, data and datasheets, assessment of human oversight, pre-determined changes, validation and testing with dated test reports, cybersecurity.' },
    monitoring: { heading: 'Monitoring, functioning and control', guidance: 'Capabilities and limits (also for specific groups of persons), foreseeable unintended outcomes and sources of risk, human-oversight measures (with the state of the Art. 14 requirements), logging, input-data specifications.' },
    metrics: { heading: 'Appropriateness of the performance metrics', guidance: 'Why the metrics chosen suit this system.' },
    'risk-management': { heading: 'Risk management system', guidance: 'Risk management under Art. 9: the risk register, assessment, treatment and residual risks.' },
    changes: { heading: 'Changes through the lifecycle', guidance: 'Relevant changes made to the system through its lifecycle.' },
    standards: { heading: 'Standards and specifications applied', guidance: 'Harmonised standards and common specifications applied in full or in part are named in the text (catalogues carry no “harmonised” mark); where none were applied, the solutions adopted. Below them the other standards, catalogues and specifications of the requirement matrix.' },
    declaration: { heading: 'EU declaration of conformity', guidance: 'A copy of the EU declaration of conformity under Art. 47.' },
    'post-market': { heading: 'Post-market monitoring', guidance: 'The system evaluating performance after placing on the market (Art. 72), including the post-market monitoring plan.' },
  },
};

/** Sections whose substance the records cannot hold: authored text is expected. */
const TEXT_EXPECTED: ReadonlySet<AnnexIvSectionKey> = new Set(['general', 'development', 'monitoring', 'metrics', 'changes', 'post-market']);

const L = {
  de: {
    title: 'Technische Dokumentation', subtitle: (name: string) => `nach Art. 11 und Anhang IV KI-VO – ${name}`, draft: 'ENTWURF', draftVersion: (n: number) => `Entwurf ${n}`,
    purpose: 'Zweckbestimmung', description: 'Beschreibung', unit: 'Organisationseinheit', responsible: 'Verantwortlich', lifecycle: 'Lebenszyklusphase', roles: 'Rollen (Anbieter/Betreiber)',
    sourcing: 'Beschaffung', vendor: 'Lieferant', context: 'Einsatzkontext', affected: 'Betroffene Personen', autonomy: 'Autonomie und menschliche Aufsicht', riskClass: 'Risikoklasse',
    classification: (n: number, by: string, at: string) => `Einstufung Fassung ${n}, entschieden von ${by} am ${at}`,
    models: 'Modelle', datasets: 'Datensätze', columnsModels: ['Modell', 'Anbieter', 'Version', 'Digest (SHA-256)', 'Rolle'], columnsData: ['Datensatz', 'Version', 'Digest (SHA-256)', 'Herkunft', 'Personenbezug', 'Lücken und Verzerrungen'],
    yes: 'ja', no: 'nein', noDatasheet: 'kein Datenblatt', gates: 'Freigaben (Prüflabor)', runs: 'Letzte Prüfläufe je Prüfplan', columnsRuns: ['Prüfplan', 'Prüflauf', 'Urteil', 'Ende', 'Kennzahlen'],
    columnsGates: ['Freigabe', 'Titel', 'Status', 'Freigegeben am'], risks: (n: number, open: number) => `${n} Risiken im Risikoregister, davon ${open} offen.`,
    columnsRisks: ['Nr.', 'Risiko', 'Brutto', 'Netto', 'Status'], measures: 'Angewandte Maßnahmen', catalogues: 'Angewandte Kataloge', earlier: 'Frühere freigegebene Fassungen',
    earlierLine: (n: number, at: string) => `Fassung ${n}, freigegeben am ${at}`, authored: 'Ergänzende Angaben', none: '–',
    oversight: 'Anforderungen an die menschliche Aufsicht (Art. 14)', columnsOversight: ['Anforderung', 'Status', 'Angewandte Maßnahmen'],
    modelCards: 'Freigegebene Modellkarten', modelCardLine: (m: string, v: string, n: number, at: string) => `${m} ${v}: Modellkarte Fassung ${n}, freigegeben am ${at}`,
    harmonised: 'Harmonisierte Normen und gemeinsame Spezifikationen',
    harmonisedNote: 'Die Kataloge der Anforderungsmatrix sind nicht als harmonisierte Normen gekennzeichnet; keiner wird hier als solche gezählt. Angewandte harmonisierte Normen und gemeinsame Spezifikationen nennt der Text dieses Abschnitts.',
    otherStandards: 'Weitere Normen, Kataloge und Spezifikationen',
    notInRecordsShort: 'Zielhardware, Formen des Inverkehrbringens, Benutzeroberfläche (Text)',
    plan: (at: string | null) => (at ? `Aktiver Beobachtungsplan, in Kraft seit ${at}` : 'Aktiver Beobachtungsplan'), observed: 'Beobachtet wird',
    indicators: 'Indikatoren und Schwellenwerte', columnsIndicators: ['Indikator', 'Soll', 'Häufigkeit', 'Datenquelle', 'Verantwortlich'],
    results: 'Letzte Messung je Indikator', columnsResults: ['Indikator', 'Wert', 'Gemessen am', 'Bewertung'],
    breached: 'Schwellenwert verletzt', met: 'eingehalten', notMeasured: 'noch keine Messung',
    frequency: { daily: 'täglich', weekly: 'wöchentlich', monthly: 'monatlich', quarterly: 'vierteljährlich', yearly: 'jährlich' } satisfies Record<MonitoringFrequency, string>,
  },
  en: {
    title: 'Technical documentation', subtitle: (name: string) => `under Art. 11 and Annex IV AI Act – ${name}`, draft: 'DRAFT', draftVersion: (n: number) => `Draft ${n}`,
    purpose: 'Intended purpose', description: 'Description', unit: 'Organisational unit', responsible: 'Responsible', lifecycle: 'Lifecycle stage', roles: 'Roles (provider/deployer)',
    sourcing: 'Sourcing', vendor: 'Vendor', context: 'Deployment context', affected: 'Affected persons', autonomy: 'Autonomy and human oversight', riskClass: 'Risk class',
    classification: (n: number, by: string, at: string) => `Classification revision ${n}, decided by ${by} on ${at}`,
    models: 'Models', datasets: 'Datasets', columnsModels: ['Model', 'Provider', 'Version', 'Digest (SHA-256)', 'Role'], columnsData: ['Dataset', 'Version', 'Digest (SHA-256)', 'Origin', 'Personal data', 'Gaps and biases'],
    yes: 'yes', no: 'no', noDatasheet: 'no datasheet', gates: 'Release gates (test lab)', runs: 'Latest test runs per plan', columnsRuns: ['Test plan', 'Run', 'Verdict', 'Ended', 'Metrics'],
    columnsGates: ['Gate', 'Title', 'Status', 'Released on'], risks: (n: number, open: number) => `${n} risks in the risk register, ${open} of them open.`,
    columnsRisks: ['No.', 'Risk', 'Inherent', 'Residual', 'Status'], measures: 'Measures applied', catalogues: 'Catalogues applied', earlier: 'Earlier released versions',
    earlierLine: (n: number, at: string) => `Version ${n}, released on ${at}`, authored: 'Further information', none: '–',
    oversight: 'Human-oversight requirements (Art. 14)', columnsOversight: ['Requirement', 'Status', 'Measures applied'],
    modelCards: 'Released model cards', modelCardLine: (m: string, v: string, n: number, at: string) => `${m} ${v}: model card version ${n}, released on ${at}`,
    harmonised: 'Harmonised standards and common specifications',
    harmonisedNote: 'The catalogues of the requirement matrix are not marked as harmonised standards; none is counted as one here. Harmonised standards and common specifications applied are named in the text of this section.',
    otherStandards: 'Other standards, catalogues and specifications',
    notInRecordsShort: 'target hardware, forms of placing on the market, user interface (text)',
    plan: (at: string | null) => (at ? `Active monitoring plan, in force since ${at}` : 'Active monitoring plan'), observed: 'What is observed',
    indicators: 'Indicators and thresholds', columnsIndicators: ['Indicator', 'Target', 'Frequency', 'Data source', 'Responsible'],
    results: 'Latest measurement per indicator', columnsResults: ['Indicator', 'Value', 'Measured on', 'Assessment'],
    breached: 'threshold breached', met: 'met', notMeasured: 'not measured yet',
    frequency: { daily: 'daily', weekly: 'weekly', monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' } satisfies Record<MonitoringFrequency, string>,
  },
} as const;

const CLOSED_RISK = new Set(['closed', 'accepted']);
const date = (iso: string) => iso.slice(0, 10);

/** The nine sections with their record data, authored text and completeness. */
export function annexIvSections(inputs: AnnexIvInputs, lang: Lang): GeneratedSection[] {
  const t = L[lang];
  const s = inputs.system;
  const hasText = (key: AnnexIvSectionKey) => (inputs.texts[key]?.markdown ?? '').trim() !== '';
  return ANNEX_IV_SECTION_KEYS.map((key, index) => {
    const blocks: DocBlock[] = [];
    const lacking: Lacking[] = [];
    let hasRecords = false;
    const kv = (items: [string, string][]) => {
      const filled = items.filter(([, v]) => v.trim() !== '');
      if (filled.length > 0) {
        blocks.push({ type: 'keyValue', items: filled.map(([k, v]) => ({ key: k, value: v })) });
        hasRecords = true;
      }
    };
    switch (key) {
      case 'general':
        kv([[t.purpose, s.purpose], [t.description, s.description], [t.unit, s.unitName], [t.responsible, s.responsible], [t.roles, s.roles.map((r) => recordLabel('role', r, lang)).join(', ')],
          [t.lifecycle, recordLabel('stage', s.lifecycleStage, lang)], [t.sourcing, recordLabel('sourcing', s.sourcing, lang)], [t.vendor, s.vendor], [t.context, s.deploymentContext],
          [t.riskClass, s.riskClass ? recordLabel('riskClass', s.riskClass, lang) : '']]);
        if (inputs.classification) blocks.push({ type: 'paragraph', text: t.classification(inputs.classification.number, inputs.classification.decidedByLabel, date(inputs.classification.decidedAt)) });
        if (s.purpose.trim() === '') lacking.push({ code: 'purpose-missing' });
        if (s.description.trim() === '') lacking.push({ code: 'description-missing' });
        if (!hasText(key)) lacking.push({ code: 'field-missing', subject: t.notInRecordsShort });
        break;
      case 'development':
        if (inputs.models.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.models }, { type: 'table', columns: [...t.columnsModels], rows: inputs.models.map((m) => [m.name, m.provider, m.version, m.digest, m.role]) });
        } else lacking.push({ code: 'no-model' });
        if (inputs.modelCards.length > 0) {
          blocks.push({ type: 'heading', level: 3, text: t.modelCards }, { type: 'list', ordered: false, items: inputs.modelCards.map((c) => t.modelCardLine(c.model, c.version, c.number, date(c.releasedAt))) });
        }
        if (inputs.datasets.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.datasets }, {
            type: 'table', columns: [...t.columnsData],
            rows: inputs.datasets.map((d) => [d.name, d.version, d.digest, d.datasheet?.origin ?? t.noDatasheet, d.datasheet ? (d.datasheet.personalData ? t.yes : t.no) : t.none, d.datasheet?.gapsAndBiases ?? t.none]),
          });
        }
        for (const d of inputs.datasets) if (!d.datasheet) lacking.push({ code: 'no-datasheet', subject: `${d.name} ${d.version}` });
        if (inputs.gates.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.gates }, { type: 'table', columns: [...t.columnsGates], rows: inputs.gates.map((g) => [String(g.number), g.title, recordLabel('gate', g.status, lang), g.releasedAt ? date(g.releasedAt) : t.none]) });
        }
        if (!inputs.gates.some((g) => g.status === 'released')) lacking.push({ code: 'no-released-gate' });
        break;
      case 'monitoring':
        kv([[t.autonomy, s.autonomy ? recordLabel('autonomy', s.autonomy, lang) : ''], [t.affected, s.affectedPersons], [t.context, s.deploymentContext]]);
        if (inputs.oversight.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.oversight }, {
            type: 'table', columns: [...t.columnsOversight], widths: [4, 1.5, 4],
            rows: inputs.oversight.map((o) => [`${o.ref} ${o.title}`, recordLabel('requirement', o.status, lang), o.measures.map((m) => `${m.title} (${recordLabel('measure', m.status, lang)})`).join('; ') || t.none]),
          });
        }
        // Oversight counts as described by the autonomy field or by Art. 14 rows someone has worked on.
        if (s.autonomy.trim() === '' && inputs.oversight.length === 0) lacking.push({ code: 'oversight-missing' });
        break;
      case 'metrics':
        if (inputs.runs.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.runs }, { type: 'table', columns: [...t.columnsRuns], rows: inputs.runs.map((r) => [r.planName, String(r.number), recordLabel('verdict', r.verdict, lang), date(r.endedAt), r.metrics.join(', ')]) });
        } else lacking.push({ code: 'no-test-run' });
        break;
      case 'risk-management': {
        if (inputs.risks.length > 0) {
          hasRecords = true;
          const open = inputs.risks.filter((r) => !CLOSED_RISK.has(r.status)).length;
          blocks.push({ type: 'paragraph', text: t.risks(inputs.risks.length, open) }, {
            type: 'table', columns: [...t.columnsRisks],
            rows: inputs.risks.map((r) => [String(r.number), r.title, r.inherentLevel ?? t.none, r.residualLevel ?? t.none, recordLabel('riskStatus', r.status, lang)]),
          });
          const unrated = inputs.risks.filter((r) => r.inherentLevel === null);
          if (unrated.length > 0) lacking.push({ code: 'unrated-risks', subject: unrated.map((r) => `#${r.number}`).join(', ') });
        } else lacking.push({ code: 'no-risks' });
        break;
      }
      case 'changes':
        if (inputs.earlierReleases.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.earlier }, { type: 'list', ordered: false, items: inputs.earlierReleases.map((r) => t.earlierLine(r.number, date(r.releasedAt))) });
        }
        break;
      case 'standards':
        // No catalogue carries a "harmonised" mark: harmonised standards come from the authored text only.
        blocks.push({ type: 'heading', level: 3, text: t.harmonised }, { type: 'paragraph', text: t.harmonisedNote });
        if (!hasText(key)) lacking.push({ code: 'no-standards' });
        if (inputs.catalogues.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.otherStandards }, { type: 'list', ordered: false, items: inputs.catalogues.map((c) => `${c.title} (${c.id})`) });
        } else lacking.push({ code: 'no-catalogue' });
        if (inputs.measures.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.measures }, { type: 'list', ordered: false, items: inputs.measures.map((m) => `${m.id} ${m.title} (${recordLabel('measure', m.status, lang)})`) });
        } else lacking.push({ code: 'no-measures' });
        break;
      case 'declaration':
        break;
      case 'post-market': {
        const plan = inputs.monitoring ?? null;
        if (!plan) break;
        hasRecords = true;
        const unit = (u: string) => (u ? ` ${u}` : '');
        blocks.push({ type: 'paragraph', text: t.plan(plan.activatedAt ? date(plan.activatedAt) : null) });
        if (plan.observed.trim() !== '') blocks.push({ type: 'keyValue', items: [{ key: t.observed, value: plan.observed }] });
        if (plan.indicators.length > 0) {
          blocks.push({ type: 'heading', level: 3, text: t.indicators }, {
            type: 'table', columns: [...t.columnsIndicators],
            rows: plan.indicators.map((i) => [i.name, `${comparatorSymbol(i.comparator)} ${i.threshold}${unit(i.unit)}`, t.frequency[i.frequency], i.dataSource || t.none, i.responsible || t.none]),
          }, {
            type: 'heading', level: 3, text: t.results,
          }, {
            type: 'table', columns: [...t.columnsResults],
            rows: plan.indicators.map((i) => i.latest
              ? [i.name, `${i.latest.value}${unit(i.unit)}`, date(i.latest.measuredAt), i.latest.breached ? t.breached : t.met]
              : [i.name, t.none, t.none, t.notMeasured]),
          });
        }
        break;
      }
    }
    const expected = TEXT_EXPECTED.has(key) || key === 'declaration' || key === 'standards';
    if (key === 'declaration' && !hasText(key)) lacking.push({ code: 'no-declaration' });
    // The general section names what its text lacks (field-missing) instead of a bare text-missing.
    // Post-market monitoring counts as filled from the records once an active plan exists; text may still add to it.
    const required = TEXT_EXPECTED.has(key) && key !== 'general' && !(key === 'post-market' && (inputs.monitoring ?? null) !== null);
    return section(key, index, SECTIONS[lang][key], { blocks, lacking, hasRecords, textExpected: expected, textRequired: required }, inputs.texts);
  });
}

/** The printed id, subtitle and organisation of the technical documentation. */
export function annexIvHead(inputs: AnnexIvInputs, lang: Lang): DocumentHead {
  return { id: `TD-${inputs.system.shortName || inputs.system.name}`, subtitle: L[lang].subtitle(inputs.system.name), organisation: inputs.system.unitName };
}

/** The default title of a new Annex IV document. */
export function annexIvTitle(systemName: string, lang: Lang): string {
  return `${L[lang].title} – ${systemName}`;
}
