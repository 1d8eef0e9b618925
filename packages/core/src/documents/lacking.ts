import type { DocumentLocale, LackingCode, SectionCompleteness } from '../schemas/documents.js';

/** What a section of a generated document lacks, as words in the document's language (all document types). */
const LACKING: Record<DocumentLocale, Record<LackingCode, string>> = {
  de: {
    'text-missing': 'Abschnittstext fehlt', 'purpose-missing': 'Zweckbestimmung fehlt', 'description-missing': 'Systembeschreibung fehlt', 'no-model': 'kein Modell verknüpft',
    'no-datasheet': 'kein Datenblatt für', 'no-released-gate': 'keine erteilte Freigabe im Prüflabor', 'no-test-run': 'kein Prüflauf', 'oversight-missing': 'menschliche Aufsicht nicht beschrieben',
    'no-risks': 'keine Risiken erfasst', 'unrated-risks': 'nicht bewertete Risiken:', 'no-catalogue': 'kein Katalog in der Anforderungsmatrix', 'no-measures': 'keine Maßnahme angewandt',
    'no-declaration': 'EU-Konformitätserklärung liegt noch nicht vor', 'field-missing': 'Angabe fehlt:', 'no-technical-documentation': 'keine freigegebene technische Dokumentation (Anhang IV)',
    'classification-not-approved': 'Einstufung nicht genehmigt', 'no-metrics': 'keine Leistungskennzahlen aus Prüfläufen', 'no-dataset': 'kein Datensatz verknüpft',
    'no-standards': 'keine harmonisierte Norm oder gemeinsame Spezifikation angegeben', 'no-licence': 'Lizenz nicht angegeben',
    'no-registration-duty': 'nach Rollen und Einstufung keine Registrierungspflicht nach Art. 49', 'no-custody': 'kein Verwahrereignis erfasst',
  },
  en: {
    'text-missing': 'section text missing', 'purpose-missing': 'intended purpose missing', 'description-missing': 'system description missing', 'no-model': 'no model linked',
    'no-datasheet': 'no dataset datasheet for', 'no-released-gate': 'no released gate in the test lab', 'no-test-run': 'no test run', 'oversight-missing': 'human oversight not described',
    'no-risks': 'no risks recorded', 'unrated-risks': 'risks not rated:', 'no-catalogue': 'no catalogue in the requirement matrix', 'no-measures': 'no measure applied',
    'no-declaration': 'no EU declaration of conformity yet', 'field-missing': 'missing:', 'no-technical-documentation': 'no released technical documentation (Annex IV)',
    'classification-not-approved': 'classification not approved', 'no-metrics': 'no performance metrics from test runs', 'no-dataset': 'no dataset linked',
    'no-standards': 'no harmonised standard or common specification named', 'no-licence': 'licence not stated',
    'no-registration-duty': 'no registration duty under Art. 49 from the roles and the classification', 'no-custody': 'no custody event recorded',
  },
};

/** A lacking item as a sentence in the language asked for. */
export function describeLacking(item: SectionCompleteness['lacking'][number], lang: DocumentLocale): string {
  return item.subject ? `${LACKING[lang][item.code]} ${item.subject}` : LACKING[lang][item.code];
}
