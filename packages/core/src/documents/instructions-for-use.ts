import { z } from 'zod';
import type { DocumentLocale } from '../schemas/documents.js';
import { AuthoredTextsInput, keyValues, section, type DocumentBuilder, type DocumentHead, type GeneratedSection, type Lacking } from './engine.js';
import type { DocBlock } from './model.js';
import { ProviderInput, providerFieldLabel, providerItems } from './provider.js';

// The provider and released-document shapes are shared by the three system documents; exported once, from here.
export * from './provider.js';

/**
 * The instructions for use of a high-risk AI system (Art. 13(3) AI Act): one section per content point of 13(3),
 * filled from the system record, the linked models and datasets, the latest test runs with their measured values,
 * the risk register and the applied measures; authored text completes what the records cannot say (robustness,
 * cybersecurity, pre-determined changes, resources, logging).
 */

export const INSTRUCTIONS_SECTION_KEYS = [
  'provider', 'purpose', 'accuracy', 'foreseeable-risks', 'groups', 'input-data', 'output', 'changes', 'oversight', 'resources', 'logging',
] as const;
export type InstructionsSectionKey = (typeof INSTRUCTIONS_SECTION_KEYS)[number];

const Str = z.string();
export const InstructionsInputs = z.object({
  builtAt: Str,
  system: z.object({
    id: Str, name: Str, shortName: Str, purpose: Str, description: Str, unitName: Str, lifecycleStage: Str, roles: z.array(Str),
    sourcing: Str, deploymentContext: Str, affectedPersons: Str, autonomy: Str,
  }),
  provider: ProviderInput,
  models: z.array(z.object({ name: Str, provider: Str, version: Str, digest: Str, role: Str })),
  datasets: z.array(z.object({ name: Str, version: Str, role: Str, personalData: z.boolean().nullable(), intendedUse: Str, gapsAndBiases: Str })),
  runs: z.array(z.object({
    planName: Str, number: z.number(), verdict: Str, endedAt: Str,
    results: z.array(z.object({ metric: Str, value: z.number(), unit: Str, verdict: Str })),
  })),
  /** Risks still present (every status but closed): the known risks the deployer must be told of. */
  risks: z.array(z.object({ number: z.number(), title: Str, status: Str, residualLevel: Str.nullable(), affectedGroups: Str })),
  measures: z.array(z.object({ id: Str, title: Str, status: Str })),
  texts: AuthoredTextsInput,
});
export type InstructionsInputs = z.infer<typeof InstructionsInputs>;

type Lang = DocumentLocale;
type SectionText = { heading: string; guidance: string };

const SECTIONS: Record<Lang, Record<InstructionsSectionKey, SectionText>> = {
  de: {
    provider: { heading: 'Anbieter und Kontakt', guidance: 'Name und Kontaktdaten des Anbieters und gegebenenfalls seines Bevollmächtigten (Art. 13 Abs. 3 Buchst. a).' },
    purpose: { heading: 'Zweckbestimmung', guidance: 'Wofür das System bestimmt ist, in welchem Umfeld es eingesetzt wird und wen es betrifft (Art. 13 Abs. 3 Buchst. b Ziff. i).' },
    accuracy: { heading: 'Genauigkeit, Robustheit und Cybersicherheit', guidance: 'Geprüftes und zu erwartendes Maß an Genauigkeit mit Kennzahlen, an Robustheit und Cybersicherheit, und Umstände, die diese beeinträchtigen können (Art. 13 Abs. 3 Buchst. b Ziff. ii, Art. 15 Abs. 3).' },
    'foreseeable-risks': { heading: 'Bekannte und vorhersehbare Risiken', guidance: 'Umstände der bestimmungsgemäßen Verwendung oder einer vernünftigerweise vorhersehbaren Fehlanwendung, die zu Risiken für Gesundheit, Sicherheit oder Grundrechte führen können (Art. 13 Abs. 3 Buchst. b Ziff. iii).' },
    groups: { heading: 'Leistung für bestimmte Personen oder Gruppen', guidance: 'Wie das System bei den Personen oder Gruppen abschneidet, bei denen es eingesetzt werden soll, soweit angemessen (Art. 13 Abs. 3 Buchst. b Ziff. v).' },
    'input-data': { heading: 'Eingabedaten und verwendete Datensätze', guidance: 'Spezifikationen der Eingabedaten und Angaben zu den Trainings-, Validierungs- und Testdatensätzen, soweit angemessen (Art. 13 Abs. 3 Buchst. b Ziff. vi).' },
    output: { heading: 'Erklärung und Auslegung der Ausgaben', guidance: 'Technische Möglichkeiten, die Ausgaben zu erklären, und Informationen, mit denen Betreiber die Ausgaben richtig auslegen und verwenden (Art. 13 Abs. 3 Buchst. b Ziff. iv und vii).' },
    changes: { heading: 'Vorab festgelegte Änderungen', guidance: 'Änderungen am System und seiner Leistung, die der Anbieter bei der ersten Konformitätsbewertung vorab festgelegt hat (Art. 13 Abs. 3 Buchst. c).' },
    oversight: { heading: 'Maßnahmen der menschlichen Aufsicht', guidance: 'Maßnahmen der menschlichen Aufsicht nach Art. 14, auch technische Hilfen zur Auslegung der Ausgaben (Art. 13 Abs. 3 Buchst. d).' },
    resources: { heading: 'Ressourcen, Lebensdauer und Wartung', guidance: 'Benötigte Rechen- und Hardwareressourcen, erwartete Lebensdauer und Wartungs- und Pflegemaßnahmen mit ihrer Häufigkeit, auch Softwareaktualisierungen (Art. 13 Abs. 3 Buchst. e).' },
    logging: { heading: 'Protokollierung', guidance: 'Wie Betreiber die Protokolle nach Art. 12 erfassen, speichern und auslegen können (Art. 13 Abs. 3 Buchst. f).' },
  },
  en: {
    provider: { heading: 'Provider and contact', guidance: 'Name and contact details of the provider and, where there is one, its authorised representative (Art. 13(3)(a)).' },
    purpose: { heading: 'Intended purpose', guidance: 'What the system is meant for, where it is used and whom it affects (Art. 13(3)(b)(i)).' },
    accuracy: { heading: 'Accuracy, robustness and cybersecurity', guidance: 'The level of accuracy with its metrics, of robustness and of cybersecurity that was tested and can be expected, and the circumstances that may affect them (Art. 13(3)(b)(ii), Art. 15(3)).' },
    'foreseeable-risks': { heading: 'Known and foreseeable risks', guidance: 'Circumstances of intended use or of reasonably foreseeable misuse that may lead to risks to health, safety or fundamental rights (Art. 13(3)(b)(iii)).' },
    groups: { heading: 'Performance for specific persons or groups', guidance: 'How the system performs for the persons or groups it is meant to be used on, where appropriate (Art. 13(3)(b)(v)).' },
    'input-data': { heading: 'Input data and datasets used', guidance: 'Specifications of the input data and information on the training, validation and test datasets, where appropriate (Art. 13(3)(b)(vi)).' },
    output: { heading: 'Explaining and interpreting the output', guidance: 'Technical means of explaining the output, and the information deployers need to interpret and use it appropriately (Art. 13(3)(b)(iv) and (vii)).' },
    changes: { heading: 'Pre-determined changes', guidance: 'Changes to the system and its performance that the provider determined in advance at the initial conformity assessment (Art. 13(3)(c)).' },
    oversight: { heading: 'Human-oversight measures', guidance: 'The human-oversight measures of Art. 14, including technical aids for interpreting the output (Art. 13(3)(d)).' },
    resources: { heading: 'Resources, lifetime and maintenance', guidance: 'Computational and hardware resources needed, expected lifetime, and maintenance and care measures with their frequency, including software updates (Art. 13(3)(e)).' },
    logging: { heading: 'Logging', guidance: 'How deployers can collect, store and interpret the logs of Art. 12 (Art. 13(3)(f)).' },
  },
};

/** Sections the records cannot fill on their own: authored text is required. */
const TEXT_REQUIRED: ReadonlySet<InstructionsSectionKey> = new Set(['accuracy', 'groups', 'input-data', 'output', 'changes', 'oversight', 'resources', 'logging']);

const L = {
  de: {
    title: 'Betriebsanleitung', subtitle: (name: string) => `nach Art. 13 KI-VO – ${name}`,
    purpose: 'Zweckbestimmung', description: 'Beschreibung', context: 'Einsatzkontext', affected: 'Betroffene Personen', lifecycle: 'Lebenszyklusphase', autonomy: 'Autonomie und menschliche Aufsicht',
    models: 'Eingesetzte Modelle', columnsModels: ['Modell', 'Anbieter', 'Version', 'Rolle'],
    runs: 'Gemessene Kennzahlen (letzter Prüflauf je Prüfplan)', columnsResults: ['Prüfplan', 'Prüflauf', 'Datum', 'Kennzahl', 'Wert', 'Ergebnis'],
    risks: 'Bekannte Risiken aus dem Risikoregister', columnsRisks: ['Nr.', 'Risiko', 'Betroffene Gruppen', 'Restrisiko', 'Status'], measures: 'Angewandte Maßnahmen',
    datasets: 'Datensätze', columnsData: ['Datensatz', 'Version', 'Verwendung', 'Personenbezug', 'Bestimmungsgemäße Verwendung', 'Lücken und Verzerrungen'],
    groupsAffected: 'Personen und Gruppen, bei denen das System eingesetzt wird', riskGroups: 'In Risiken genannte Gruppen', yes: 'ja', no: 'nein', none: '–',
    pass: 'bestanden', fail: 'nicht bestanden',
  },
  en: {
    title: 'Instructions for use', subtitle: (name: string) => `under Art. 13 AI Act – ${name}`,
    purpose: 'Intended purpose', description: 'Description', context: 'Deployment context', affected: 'Affected persons', lifecycle: 'Lifecycle stage', autonomy: 'Autonomy and human oversight',
    models: 'Models used', columnsModels: ['Model', 'Provider', 'Version', 'Role'],
    runs: 'Measured metrics (latest run per test plan)', columnsResults: ['Test plan', 'Run', 'Date', 'Metric', 'Value', 'Result'],
    risks: 'Known risks from the risk register', columnsRisks: ['No.', 'Risk', 'Groups affected', 'Residual risk', 'Status'], measures: 'Measures applied',
    datasets: 'Datasets', columnsData: ['Dataset', 'Version', 'Use', 'Personal data', 'Intended use', 'Gaps and biases'],
    groupsAffected: 'Persons and groups the system is used on', riskGroups: 'Groups named in risks', yes: 'yes', no: 'no', none: '–',
    pass: 'pass', fail: 'fail',
  },
} as const;

const day = (iso: string) => iso.slice(0, 10);
const formatValue = (value: number, unit: string) => `${Number.isInteger(value) ? value : Number(value.toPrecision(6))}${unit ? ` ${unit}` : ''}`;

/** The eleven sections with their record data, authored text and completeness. */
export function instructionsSections(inputs: InstructionsInputs, lang: Lang): GeneratedSection[] {
  const t = L[lang];
  const s = inputs.system;
  const hasText = (key: string) => (inputs.texts[key]?.markdown ?? '').trim() !== '';
  return INSTRUCTIONS_SECTION_KEYS.map((key, index) => {
    const blocks: DocBlock[] = [];
    const lacking: Lacking[] = [];
    let hasRecords = false;
    const kv = (items: [string, string][]) => {
      const { block, filled } = keyValues(items);
      if (block) blocks.push(block);
      hasRecords ||= filled;
    };
    switch (key) {
      case 'provider': {
        kv(providerItems(inputs.provider, lang));
        // Authored text may give what the records lack (e.g. the organisation's postal address).
        if (!hasText(key)) for (const field of ['name', 'address', 'contact'] as const) if (inputs.provider[field].trim() === '') lacking.push({ code: 'field-missing', subject: providerFieldLabel(field, lang) });
        break;
      }
      case 'purpose':
        kv([[t.purpose, s.purpose], [t.description, s.description], [t.context, s.deploymentContext], [t.affected, s.affectedPersons], [t.lifecycle, s.lifecycleStage]]);
        if (s.purpose.trim() === '') lacking.push({ code: 'purpose-missing' });
        break;
      case 'accuracy': {
        const rows = inputs.runs.flatMap((r) => r.results.map((x) => [r.planName, String(r.number), day(r.endedAt), x.metric, formatValue(x.value, x.unit), x.verdict === 'pass' ? t.pass : t.fail]));
        if (rows.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.runs }, { type: 'table', columns: [...t.columnsResults], rows });
        } else lacking.push({ code: inputs.runs.length === 0 ? 'no-test-run' : 'no-metrics' });
        break;
      }
      case 'foreseeable-risks':
        if (inputs.risks.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.risks }, {
            type: 'table', columns: [...t.columnsRisks], rows: inputs.risks.map((r) => [String(r.number), r.title, r.affectedGroups || t.none, r.residualLevel ?? t.none, r.status]),
          });
        } else lacking.push({ code: 'no-risks' });
        if (inputs.measures.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.measures }, { type: 'list', ordered: false, items: inputs.measures.map((m) => `${m.id} ${m.title} (${m.status})`) });
        }
        break;
      case 'groups': {
        const named = [...new Set(inputs.risks.map((r) => r.affectedGroups.trim()).filter((g) => g !== ''))];
        kv([[t.groupsAffected, s.affectedPersons], [t.riskGroups, named.join('; ')]]);
        break;
      }
      case 'input-data':
        if (inputs.models.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.models }, { type: 'table', columns: [...t.columnsModels], rows: inputs.models.map((m) => [m.name, m.provider, m.version, m.role]) });
        }
        if (inputs.datasets.length > 0) {
          hasRecords = true;
          blocks.push({ type: 'heading', level: 3, text: t.datasets }, {
            type: 'table', columns: [...t.columnsData],
            rows: inputs.datasets.map((d) => [d.name, d.version, d.role, d.personalData === null ? t.none : d.personalData ? t.yes : t.no, d.intendedUse || t.none, d.gapsAndBiases || t.none]),
          });
        } else lacking.push({ code: 'no-dataset' });
        break;
      case 'oversight':
        kv([[t.autonomy, s.autonomy]]);
        if (s.autonomy.trim() === '') lacking.push({ code: 'oversight-missing' });
        break;
      case 'output':
      case 'changes':
      case 'resources':
      case 'logging':
        break;
    }
    return section(key, index, SECTIONS[lang][key], { blocks, lacking, hasRecords, textExpected: TEXT_REQUIRED.has(key) || key === 'foreseeable-risks', textRequired: TEXT_REQUIRED.has(key) }, inputs.texts);
  });
}

export const instructionsForUseBuilder: DocumentBuilder<InstructionsInputs> = {
  subject: 'system',
  onePerSubject: true,
  sectionKeys: INSTRUCTIONS_SECTION_KEYS,
  parseInputs: (value) => InstructionsInputs.parse(value),
  sections: instructionsSections,
  head: (inputs, lang): DocumentHead => ({ id: `IFU-${inputs.system.shortName || inputs.system.name}`, subtitle: L[lang].subtitle(inputs.system.name), organisation: inputs.system.unitName }),
  title: (name, lang) => `${L[lang].title} – ${name}`,
};
