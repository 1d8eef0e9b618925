import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, keyValues, section, type DocumentBuilder, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { recordLabel } from './record-labels.js';

/**
 * The model card of one model version: what the model is (from the lab's records: provider, licence, source, manifest
 * digest, chain of custody), which AI systems use it, the data it was evaluated on and the results of the test runs
 * that named this exact version, the risks of the systems using it, and what only people can say (intended and
 * out-of-scope use, limitations, ethical considerations) as authored text.
 */

const Str = z.string();
export const ModelCardInputs = z.object({
  builtAt: Str,
  model: z.object({ id: Str, name: Str, provider: Str, kind: Str, description: Str, licence: Str, gpai: z.boolean(), unitName: Str }),
  version: z.object({ id: Str, label: Str, source: Str, licence: Str, receivedOn: Str, digest: Str, files: z.number(), notes: Str, custodyState: Str }),
  systems: z.array(z.object({ name: Str, riskClass: Str.nullable(), role: Str, note: Str })),
  /** Systems using the version whose records are classified above "open": counted, never named (need-to-know). */
  classifiedSystems: z.number().int().default(0),
  datasets: z.array(z.object({ name: Str, version: Str, digest: Str, use: Str, origin: Str, personalData: z.boolean().nullable(), gapsAndBiases: Str })),
  results: z.array(z.object({
    planName: Str, runNumber: z.number(), endedAt: Str, metric: Str, value: z.number(), unit: Str, comparator: Str, threshold: z.number().nullable(), verdict: Str,
  })),
  gates: z.array(z.object({ number: z.number(), title: Str, status: Str, releasedAt: Str.nullable() })),
  risks: z.array(z.object({ systemName: Str, number: z.number(), title: Str, level: Str.nullable(), status: Str })),
  custody: z.array(z.object({ seq: z.number(), event: Str, occurredAt: Str, actor: Str, location: Str, note: Str })),
  texts: AuthoredTextsInput,
});
export type ModelCardInputs = z.infer<typeof ModelCardInputs>;

export const MODEL_CARD_SECTION_KEYS = ['details', 'intended-use', 'out-of-scope', 'systems', 'data', 'evaluation', 'limitations', 'custody', 'ethics'] as const;
type Key = (typeof MODEL_CARD_SECTION_KEYS)[number];
type Lang = DocumentLocale;

const SECTIONS: Record<Lang, Record<Key, { heading: string; guidance: string }>> = {
  de: {
    details: { heading: 'Angaben zum Modell', guidance: 'Name, Anbieter, Fassung, Lizenz, Bezugsquelle, Eingangsdatum und Prüfsumme des Manifests, wie im Prüflabor erfasst; dazu, ob es ein KI-Modell mit allgemeinem Verwendungszweck ist.' },
    'intended-use': { heading: 'Vorgesehene Verwendung', guidance: 'Wofür das Modell in der Behörde eingesetzt werden soll, von wem und unter welchen Bedingungen (Sprache, Datenart, Einsatzumgebung).' },
    'out-of-scope': { heading: 'Nicht vorgesehene Verwendung', guidance: 'Verwendungen, für die das Modell nicht geeignet oder nicht freigegeben ist, und warum.' },
    systems: { heading: 'KI-Systeme, die diese Fassung nutzen', guidance: 'Die Verknüpfungen der KI-Systeme mit dieser Modellfassung und ihre Rolle.' },
    data: { heading: 'Trainings- und Evaluierungsdaten', guidance: 'Die Datensätze, mit denen diese Fassung im Prüflabor geprüft wurde, mit Datenblatt. Was über die Trainingsdaten bekannt ist (beim Anbieter erfragt oder dokumentiert), ist im Text anzugeben.' },
    evaluation: { heading: 'Evaluierungsergebnisse', guidance: 'Die Ergebnisse der Prüfläufe, die genau diese Fassung geprüft haben: Kennzahl, Wert, Schwelle, Urteil und Datum; dazu die Freigaben im Prüflabor.' },
    limitations: { heading: 'Risiken und Grenzen', guidance: 'Offene Risiken der KI-Systeme, die diese Fassung nutzen; bekannte Grenzen des Modells (etwa Sprachen, Personengruppen, Datenqualität) sind im Text zu beschreiben.' },
    custody: { heading: 'Verwahrkette', guidance: 'Eingang, Einlagerung, Ausgabe für Prüfläufe, Rückgabe und Vernichtung dieser Fassung.' },
    ethics: { heading: 'Ethische Erwägungen', guidance: 'Auswirkungen auf Grundrechte, Fairness gegenüber Personengruppen, Umgang mit personenbezogenen Daten und weitere ethische Fragen.' },
  },
  en: {
    details: { heading: 'Model details', guidance: 'Name, provider, version, licence, source, date received and manifest digest as recorded in the test lab; and whether it is a general-purpose AI model.' },
    'intended-use': { heading: 'Intended use', guidance: 'What the authority is to use the model for, by whom and under which conditions (language, kind of data, operating environment).' },
    'out-of-scope': { heading: 'Out-of-scope use', guidance: 'Uses the model is not suited for or not approved for, and why.' },
    systems: { heading: 'AI systems using this version', guidance: 'The AI systems linked to this model version and the role it has in each.' },
    data: { heading: 'Training and evaluation data', guidance: 'The datasets this version was tested on in the test lab, with their datasheets. What is known of the training data (asked of the provider or documented) belongs in the text.' },
    evaluation: { heading: 'Evaluation results', guidance: 'Results of the test runs that tested exactly this version: metric, value, threshold, verdict and date; and the release gates of the test lab.' },
    limitations: { heading: 'Risks and limitations', guidance: 'Open risks of the AI systems using this version; known limits of the model (e.g. languages, groups of persons, data quality) are described in the text.' },
    custody: { heading: 'Chain of custody', guidance: 'Receipt, storage, release to test runs, return and disposal of this version.' },
    ethics: { heading: 'Ethical considerations', guidance: 'Effects on fundamental rights, fairness towards groups of persons, handling of personal data and other ethical questions.' },
  },
};

/** Sections only people can fill (the records hold none of it). */
const TEXT_REQUIRED: ReadonlySet<Key> = new Set(['intended-use', 'out-of-scope', 'data', 'limitations', 'ethics']);

const EVENTS: Record<Lang, Record<string, string>> = {
  de: { received: 'Eingegangen', stored: 'Eingelagert', 'released-to-run': 'Für einen Prüflauf ausgegeben', returned: 'Zurückgegeben', disposed: 'Vernichtet' },
  en: { received: 'Received', stored: 'Stored', 'released-to-run': 'Released to a test run', returned: 'Returned', disposed: 'Disposed of' },
};
const ROLES: Record<Lang, Record<string, string>> = {
  de: { training: 'Training', validation: 'Validierung', test: 'Prüfung', 'fine-tuning': 'Feinabstimmung', 'in-operation': 'Im Betrieb' },
  en: { training: 'Training', validation: 'Validation', test: 'Testing', 'fine-tuning': 'Fine-tuning', 'in-operation': 'In operation' },
};

const L = {
  de: {
    title: 'Modellkarte', subtitle: (name: string) => `Modellkarte – ${name}`,
    name: 'Modell', provider: 'Anbieter', kind: 'Art', version: 'Fassung', licence: 'Lizenz', source: 'Bezugsquelle', received: 'Eingegangen am', digest: 'Prüfsumme des Manifests (SHA-256)',
    files: 'Dateien im Manifest', gpai: 'KI-Modell mit allgemeinem Verwendungszweck', description: 'Beschreibung', notes: 'Anmerkungen zur Fassung', unit: 'Organisationseinheit', yes: 'ja', no: 'nein',
    noSystems: 'Kein KI-System nutzt diese Fassung.', classified: (n: number) => `Außerdem nutzen ${n} eingestufte KI-Systeme (VS-NfD) diese Fassung; sie werden hier nicht genannt.`, columnsSystems: ['KI-System', 'Risikoklasse', 'Rolle', 'Anmerkung'],
    columnsData: ['Datensatz', 'Fassung', 'Verwendung', 'Herkunft', 'Personenbezug', 'Lücken und Verzerrungen'], noDatasheet: 'kein Datenblatt',
    columnsResults: ['Prüfplan', 'Prüflauf', 'Kennzahl', 'Wert', 'Schwelle', 'Urteil', 'Datum'], gates: 'Freigaben im Prüflabor', columnsGates: ['Freigabe', 'Titel', 'Status', 'Freigegeben am'],
    risks: (n: number) => (n === 1 ? '1 offenes Risiko der KI-Systeme, die diese Fassung nutzen.' : `${n} offene Risiken der KI-Systeme, die diese Fassung nutzen.`), noRisks: 'Die KI-Systeme, die diese Fassung nutzen, haben keine offenen Risiken.',
    columnsRisks: ['KI-System', 'Nr.', 'Risiko', 'Stufe', 'Status'], columnsCustody: ['Nr.', 'Ereignis', 'Zeitpunkt', 'Durch', 'Ort', 'Anmerkung'], noCustody: 'Für diese Fassung ist kein Verwahrereignis erfasst.',
    none: '–', unclassified: 'nicht eingestuft',
  },
  en: {
    title: 'Model card', subtitle: (name: string) => `Model card – ${name}`,
    name: 'Model', provider: 'Provider', kind: 'Kind', version: 'Version', licence: 'Licence', source: 'Source', received: 'Received on', digest: 'Manifest digest (SHA-256)',
    files: 'Files in the manifest', gpai: 'General-purpose AI model', description: 'Description', notes: 'Notes on the version', unit: 'Organisational unit', yes: 'yes', no: 'no',
    noSystems: 'No AI system uses this version.', classified: (n: number) => `${n} further classified AI systems (VS-NfD) use this version; they are not named here.`, columnsSystems: ['AI system', 'Risk class', 'Role', 'Note'],
    columnsData: ['Dataset', 'Version', 'Use', 'Origin', 'Personal data', 'Gaps and biases'], noDatasheet: 'no datasheet',
    columnsResults: ['Test plan', 'Run', 'Metric', 'Value', 'Threshold', 'Verdict', 'Date'], gates: 'Release gates of the test lab', columnsGates: ['Gate', 'Title', 'Status', 'Released on'],
    risks: (n: number) => (n === 1 ? '1 open risk of the AI systems using this version.' : `${n} open risks of the AI systems using this version.`), noRisks: 'The AI systems using this version have no open risks.',
    columnsRisks: ['AI system', 'No.', 'Risk', 'Level', 'Status'], columnsCustody: ['No.', 'Event', 'When', 'By', 'Location', 'Note'], noCustody: 'No custody event is recorded for this version.',
    none: '–', unclassified: 'not classified',
  },
} as const;

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The nine sections of a model card with their record data, authored text and completeness. */
export function modelCardSections(inputs: ModelCardInputs, lang: Lang): GeneratedSection[] {
  const t = L[lang];
  const figure = (n: number) => n.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 4 });
  const { model: m, version: v } = inputs;
  return MODEL_CARD_SECTION_KEYS.map((key, index) => {
    const blocks: DocBlock[] = [];
    const lacking: Lacking[] = [];
    let hasRecords = false;
    switch (key) {
      case 'details': {
        const licence = v.licence.trim() || m.licence.trim();
        const kv = keyValues([
          [t.name, m.name], [t.provider, m.provider], [t.kind, recordLabel('modelKind', m.kind, lang)], [t.version, v.label], [t.licence, licence], [t.source, v.source], [t.received, v.receivedOn],
          [t.digest, v.digest], [t.files, String(v.files)], [t.gpai, m.gpai ? t.yes : t.no], [t.unit, m.unitName], [t.description, m.description], [t.notes, v.notes],
        ]);
        if (kv.block) blocks.push(kv.block);
        hasRecords = kv.filled;
        if (licence === '') lacking.push({ code: 'no-licence' });
        break;
      }
      case 'systems':
        // That no system uses the version is a fact of the records too (e.g. a model still under evaluation).
        hasRecords = true;
        if (inputs.systems.length === 0 && inputs.classifiedSystems === 0) blocks.push({ type: 'paragraph', text: t.noSystems });
        if (inputs.systems.length > 0) blocks.push({ type: 'table', columns: [...t.columnsSystems], rows: inputs.systems.map((s) => [s.name, s.riskClass ? recordLabel('riskClass', s.riskClass, lang) : t.unclassified, ROLES[lang][s.role] ?? s.role, s.note || t.none]) });
        if (inputs.classifiedSystems > 0) blocks.push({ type: 'paragraph', text: t.classified(inputs.classifiedSystems) });
        break;
      case 'data':
        if (inputs.datasets.length > 0) {
          hasRecords = true;
          blocks.push({
            type: 'table', columns: [...t.columnsData],
            rows: inputs.datasets.map((d) => [d.name, d.version, ROLES[lang][d.use] ?? d.use, d.origin || t.noDatasheet, d.personalData === null ? t.none : d.personalData ? t.yes : t.no, d.gapsAndBiases || t.none]),
          });
        } else lacking.push({ code: 'no-dataset' });
        break;
      case 'evaluation':
        if (inputs.results.length > 0) {
          hasRecords = true;
          blocks.push({
            type: 'table', columns: [...t.columnsResults], widths: [3, 1, 2, 1.4, 1.4, 1.6, 1.6],
            rows: inputs.results.map((r) => [
              r.planName, String(r.runNumber), r.metric, `${figure(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
              r.threshold === null ? t.none : `${r.comparator} ${figure(r.threshold)}${r.unit ? ` ${r.unit}` : ''}`, recordLabel('verdict', r.verdict, lang), day(r.endedAt),
            ]),
          });
        } else lacking.push({ code: 'no-metrics' });
        if (inputs.gates.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.gates }, { type: 'table', columns: [...t.columnsGates], rows: inputs.gates.map((g) => [String(g.number), g.title, recordLabel('gate', g.status, lang), g.releasedAt ? day(g.releasedAt) : t.none]) });
        }
        break;
      case 'limitations':
        hasRecords = inputs.systems.length > 0;
        if (inputs.risks.length > 0) {
          blocks.push({ type: 'paragraph', text: t.risks(inputs.risks.length) }, {
            type: 'table', columns: [...t.columnsRisks], rows: inputs.risks.map((r) => [r.systemName, String(r.number), r.title, r.level ?? t.none, recordLabel('riskStatus', r.status, lang)]),
          });
        } else if (hasRecords) blocks.push({ type: 'paragraph', text: t.noRisks });
        break;
      case 'custody':
        if (inputs.custody.length > 0) {
          hasRecords = true;
          blocks.push({
            type: 'table', columns: [...t.columnsCustody], widths: [0.6, 2, 1.8, 2, 2, 2.6],
            rows: inputs.custody.map((e) => [String(e.seq), EVENTS[lang][e.event] ?? e.event, minute(e.occurredAt), e.actor || t.none, e.location || t.none, e.note || t.none]),
          });
        } else lacking.push({ code: 'no-custody' });
        break;
      default:
        break;
    }
    const required = TEXT_REQUIRED.has(key);
    return section(key, index, SECTIONS[lang][key], { blocks, lacking, hasRecords, textExpected: required }, inputs.texts);
  });
}

export const modelCardBuilder: DocumentBuilder<ModelCardInputs> = {
  subject: 'model-version',
  onePerSubject: true,
  sectionKeys: MODEL_CARD_SECTION_KEYS,
  parseInputs: (value) => ModelCardInputs.parse(value),
  sections: modelCardSections,
  head: (inputs, lang) => ({ id: `MC-${inputs.model.name}-${inputs.version.label}`, subtitle: L[lang].subtitle(`${inputs.model.name} ${inputs.version.label}`), organisation: inputs.model.unitName }),
  title: (name, lang) => `${L[lang].title} – ${name}`,
};
