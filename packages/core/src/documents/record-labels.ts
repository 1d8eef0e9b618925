import type { DocumentLocale } from '../schemas/documents.js';

/**
 * Words for the stored codes that generated documents print (states of risks, gates, runs …), so a document reads
 * in its language instead of showing database values. Unknown codes are printed as they are.
 */
const LABELS = {
  de: {
    riskClass: { prohibited: 'verboten', high: 'hohes Risiko', limited: 'begrenztes Risiko', minimal: 'minimales Risiko', 'out-of-scope': 'außerhalb des Anwendungsbereichs' },
    stage: { planned: 'geplant', development: 'Entwicklung', validation: 'Validierung', operation: 'Betrieb', retired: 'außer Betrieb' },
    riskStatus: { identified: 'erkannt', assessed: 'bewertet', treated: 'behandelt', accepted: 'akzeptiert', closed: 'geschlossen' },
    ncStatus: { open: 'offen', analysed: 'analysiert', 'actions-planned': 'Maßnahmen geplant', implemented: 'umgesetzt', verified: 'Wirksamkeit geprüft', closed: 'geschlossen' },
    severity: { minor: 'gering', major: 'erheblich', critical: 'kritisch' },
    gate: { open: 'offen', released: 'erteilt', superseded: 'abgelöst', invalidated: 'ungültig', withdrawn: 'zurückgezogen' },
    verdict: { pass: 'bestanden', fail: 'nicht bestanden', incomplete: 'unvollständig' },
    requirement: { open: 'offen', 'in-progress': 'in Arbeit', implemented: 'umgesetzt', verified: 'nachgewiesen', 'not-applicable': 'nicht anwendbar' },
    measure: { planned: 'geplant', implemented: 'umgesetzt' },
    role: { provider: 'Anbieter', deployer: 'Betreiber', importer: 'Einführer', distributor: 'Händler' },
    sourcing: { 'in-house': 'Eigenentwicklung', procured: 'beschafft' },
    autonomy: { assistive: 'unterstützend', 'human-in-the-loop': 'Mensch entscheidet im Einzelfall (human in the loop)', 'human-on-the-loop': 'Mensch überwacht und kann eingreifen (human on the loop)', autonomous: 'autonom' },
    modelKind: {
      classifier: 'Klassifikator', llm: 'Sprachmodell', 'speech-recognition': 'Spracherkennung', translation: 'Übersetzung', 'object-detection': 'Objekterkennung', embedding: 'Einbettung',
      regression: 'Regression', 'generative-image': 'Bildgenerierung', other: 'sonstiges',
    },
  },
  en: {
    riskClass: { prohibited: 'prohibited', high: 'high risk', limited: 'limited risk', minimal: 'minimal risk', 'out-of-scope': 'out of scope' },
    stage: { planned: 'planned', development: 'development', validation: 'validation', operation: 'operation', retired: 'retired' },
    riskStatus: { identified: 'identified', assessed: 'assessed', treated: 'treated', accepted: 'accepted', closed: 'closed' },
    ncStatus: { open: 'open', analysed: 'analysed', 'actions-planned': 'actions planned', implemented: 'implemented', verified: 'effectiveness verified', closed: 'closed' },
    severity: { minor: 'minor', major: 'major', critical: 'critical' },
    gate: { open: 'open', released: 'released', superseded: 'superseded', invalidated: 'invalidated', withdrawn: 'withdrawn' },
    verdict: { pass: 'pass', fail: 'fail', incomplete: 'incomplete' },
    requirement: { open: 'open', 'in-progress': 'in progress', implemented: 'implemented', verified: 'verified', 'not-applicable': 'not applicable' },
    measure: { planned: 'planned', implemented: 'implemented' },
    role: { provider: 'provider', deployer: 'deployer', importer: 'importer', distributor: 'distributor' },
    sourcing: { 'in-house': 'in-house development', procured: 'procured' },
    autonomy: { assistive: 'assistive', 'human-in-the-loop': 'human in the loop (a person decides each case)', 'human-on-the-loop': 'human on the loop (a person monitors and can intervene)', autonomous: 'autonomous' },
    modelKind: {
      classifier: 'classifier', llm: 'language model', 'speech-recognition': 'speech recognition', translation: 'translation', 'object-detection': 'object detection', embedding: 'embedding',
      regression: 'regression', 'generative-image': 'image generation', other: 'other',
    },
  },
} as const;

export type RecordLabelKind = keyof (typeof LABELS)['de'];

/** The word for a stored code in the document's language; the code itself when unknown. */
export function recordLabel(kind: RecordLabelKind, code: string, lang: DocumentLocale): string {
  return (LABELS[lang][kind] as Record<string, string>)[code] ?? code;
}
