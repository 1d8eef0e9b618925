/**
 * The items of Annex VIII AI Act, Sections A, B and C, with stable field names for the registration record and
 * whether an item belongs to the reduced set kept in the secure non-public section (Art. 49(4): Section A items 1–10
 * without 6, 8 and 9; Section B items 1–5, 8 and 9; Section C items 1–3). Labels in Konform's own words.
 */
export type RegistrationSectionId = 'A' | 'B' | 'C';

export type RegistrationField =
  | 'providerDetails' | 'submitterDetails' | 'authorisedRepresentative' | 'tradeName' | 'intendedPurpose' | 'dataAndLogic' | 'status'
  | 'certificate' | 'certificateCopy' | 'memberStates' | 'declarationCopy' | 'instructionsForUse' | 'url'
  | 'derogationConditions' | 'derogationGrounds' | 'deployerDetails' | 'friaSummary' | 'providerEntryUrl' | 'dpiaSummary';

export interface RegistrationFieldSpec {
  item: number;
  field: RegistrationField;
  label: { de: string; en: string };
  reduced: boolean;
  optional?: boolean;
}

const f = (item: number, field: RegistrationField, de: string, en: string, reduced: boolean, optional = false): RegistrationFieldSpec => ({ item, field, label: { de, en }, reduced, optional });

const PROVIDER = f(1, 'providerDetails', 'Name, Anschrift und Kontaktdaten des Anbieters', 'Name, address and contact details of the provider', true);
const SUBMITTER = f(2, 'submitterDetails', 'Name, Anschrift und Kontaktdaten der Person, die für den Anbieter einreicht', 'Name, address and contact details of the person submitting for the provider', true);
const REPRESENTATIVE = f(3, 'authorisedRepresentative', 'Name, Anschrift und Kontaktdaten des Bevollmächtigten (falls vorhanden)', 'Name, address and contact details of the authorised representative (if any)', true);
const TRADE_NAME = f(4, 'tradeName', 'Handelsname und eindeutige Kennung des KI-Systems', 'Trade name and unambiguous reference of the AI system', true);

export const REGISTRATION_FIELDS: Record<RegistrationSectionId, readonly RegistrationFieldSpec[]> = {
  A: [
    PROVIDER, SUBMITTER, REPRESENTATIVE, TRADE_NAME,
    f(5, 'intendedPurpose', 'Zweckbestimmung sowie unterstützte Komponenten und Funktionen', 'Intended purpose and the components and functions supported', true),
    f(6, 'dataAndLogic', 'Kurze Beschreibung der verwendeten Daten und Eingaben und der Funktionslogik', 'Short description of the data and inputs used and the operating logic', false),
    f(7, 'status', 'Status des KI-Systems (in Verkehr, in Betrieb, nicht mehr, zurückgerufen)', 'Status of the AI system (on the market, in service, no longer, recalled)', true),
    f(8, 'certificate', 'Art, Nummer und Ablaufdatum der Bescheinigung der notifizierten Stelle, Name oder Kennnummer der Stelle', 'Type, number and expiry of the notified body\'s certificate, name or number of the body', false),
    f(9, 'certificateCopy', 'Eingescannte Kopie der Bescheinigung', 'Scanned copy of the certificate', false),
    f(10, 'memberStates', 'Mitgliedstaaten, in denen das System in Verkehr gebracht, in Betrieb genommen oder bereitgestellt wurde', 'Member States where the system was placed on the market, put into service or made available', true),
    f(11, 'declarationCopy', 'Kopie der EU-Konformitätserklärung', 'Copy of the EU declaration of conformity', false),
    f(12, 'instructionsForUse', 'Elektronische Betriebsanleitung', 'Electronic instructions for use', false),
    f(13, 'url', 'URL für weitere Informationen (freiwillig)', 'URL for further information (optional)', false, true),
  ],
  B: [
    PROVIDER, SUBMITTER, REPRESENTATIVE, TRADE_NAME,
    f(5, 'intendedPurpose', 'Zweckbestimmung', 'Intended purpose', true),
    f(6, 'derogationConditions', 'Bedingungen nach Art. 6 Abs. 3, nach denen das System nicht als hochriskant gilt', 'Conditions of Art. 6(3) under which the system is not considered high-risk', false),
    f(7, 'derogationGrounds', 'Kurze Zusammenfassung der Gründe, aus denen das System nicht als hochriskant gilt', 'Short summary of the grounds for not considering the system high-risk', false),
    f(8, 'status', 'Status des KI-Systems', 'Status of the AI system', true),
    f(9, 'memberStates', 'Mitgliedstaaten, in denen das System in Verkehr gebracht, in Betrieb genommen oder bereitgestellt wurde', 'Member States where the system was placed on the market, put into service or made available', true),
  ],
  C: [
    f(1, 'deployerDetails', 'Name, Anschrift und Kontaktdaten des Betreibers', 'Name, address and contact details of the deployer', true),
    f(2, 'submitterDetails', 'Name, Anschrift und Kontaktdaten der Person, die für den Betreiber einreicht', 'Name, address and contact details of the person submitting for the deployer', true),
    f(3, 'friaSummary', 'Zusammenfassung der Ergebnisse der Grundrechte-Folgenabschätzung (Art. 27)', 'Summary of the findings of the fundamental rights impact assessment (Art. 27)', true),
    f(4, 'providerEntryUrl', 'URL des Eintrags des Anbieters in der EU-Datenbank', 'URL of the provider\'s entry in the EU database', false),
    f(5, 'dpiaSummary', 'Zusammenfassung der Datenschutz-Folgenabschätzung (falls zutreffend)', 'Summary of the data protection impact assessment (where applicable)', false),
  ],
};
