/**
 * The obligations a classification lists, as data: each applies when its condition holds and is dated
 * from its timeline group ('high-risk' means the group of the system's high-risk route).
 */
export type ObligationCondition =
  | 'in-scope-provider-or-deployer'
  | 'high-provider'
  | 'high-deployer'
  | 'high-deployer-employer'
  | 'high-deployer-annex-iii'
  | 'high-importer'
  | 'high-distributor'
  | 'fria'
  | 'derogation-provider'
  | 'gpai-provider'
  | 'gpai-provider-53ab'
  | 'gpai-systemic-provider'
  | 'gpai-systemic-by-compute';

export interface ObligationDefinition {
  ref: string;
  when: ObligationCondition;
  group: 'ai-literacy' | 'high-risk' | 'gpai' | 'registration-6-3';
  title: { de: string; en: string };
}

export const OBLIGATIONS: ObligationDefinition[] = [
  { ref: 'Art. 4', when: 'in-scope-provider-or-deployer', group: 'ai-literacy', title: { de: 'KI-Kompetenz des Personals fördern', en: 'Support the AI literacy of staff' } },
  { ref: 'Art. 9', when: 'high-provider', group: 'high-risk', title: { de: 'Risikomanagementsystem einrichten und pflegen', en: 'Run a risk management system' } },
  { ref: 'Art. 10', when: 'high-provider', group: 'high-risk', title: { de: 'Daten und Daten-Governance', en: 'Data and data governance' } },
  { ref: 'Art. 11', when: 'high-provider', group: 'high-risk', title: { de: 'Technische Dokumentation nach Anhang IV', en: 'Technical documentation per Annex IV' } },
  { ref: 'Art. 12', when: 'high-provider', group: 'high-risk', title: { de: 'Automatische Protokollierung ermöglichen', en: 'Enable automatic record-keeping' } },
  { ref: 'Art. 13', when: 'high-provider', group: 'high-risk', title: { de: 'Transparenz und Betriebsanleitung', en: 'Transparency and instructions for use' } },
  { ref: 'Art. 14', when: 'high-provider', group: 'high-risk', title: { de: 'Menschliche Aufsicht ermöglichen', en: 'Enable human oversight' } },
  { ref: 'Art. 15', when: 'high-provider', group: 'high-risk', title: { de: 'Genauigkeit, Robustheit und Cybersicherheit', en: 'Accuracy, robustness and cybersecurity' } },
  { ref: 'Art. 16', when: 'high-provider', group: 'high-risk', title: { de: 'Pflichten der Anbieter', en: 'Provider obligations' } },
  { ref: 'Art. 17', when: 'high-provider', group: 'high-risk', title: { de: 'Qualitätsmanagementsystem', en: 'Quality management system' } },
  { ref: 'Art. 18', when: 'high-provider', group: 'high-risk', title: { de: 'Aufbewahrung der Dokumentation (10 Jahre)', en: 'Keeping documentation (10 years)' } },
  { ref: 'Art. 43', when: 'high-provider', group: 'high-risk', title: { de: 'Konformitätsbewertung', en: 'Conformity assessment' } },
  { ref: 'Art. 47', when: 'high-provider', group: 'high-risk', title: { de: 'EU-Konformitätserklärung', en: 'EU declaration of conformity' } },
  { ref: 'Art. 48', when: 'high-provider', group: 'high-risk', title: { de: 'CE-Kennzeichnung', en: 'CE marking' } },
  { ref: 'Art. 72', when: 'high-provider', group: 'high-risk', title: { de: 'Beobachtung nach dem Inverkehrbringen', en: 'Post-market monitoring' } },
  { ref: 'Art. 73', when: 'high-provider', group: 'high-risk', title: { de: 'Meldung schwerwiegender Vorfälle', en: 'Reporting serious incidents' } },
  { ref: 'Art. 23', when: 'high-importer', group: 'high-risk', title: { de: 'Pflichten der Einführer', en: 'Importer obligations' } },
  { ref: 'Art. 24', when: 'high-distributor', group: 'high-risk', title: { de: 'Pflichten der Händler', en: 'Distributor obligations' } },
  { ref: 'Art. 26', when: 'high-deployer', group: 'high-risk', title: { de: 'Pflichten der Betreiber (Verwendung nach Betriebsanleitung, Aufsicht, Überwachung, Protokolle)', en: 'Deployer obligations (use per instructions, oversight, monitoring, logs)' } },
  { ref: 'Art. 26(7)', when: 'high-deployer-employer', group: 'high-risk', title: { de: 'Beschäftigte und ihre Vertretung vor der Inbetriebnahme informieren', en: 'Inform workers and their representatives before use' } },
  { ref: 'Art. 26(11)', when: 'high-deployer-annex-iii', group: 'high-risk', title: { de: 'Betroffene Personen über den Einsatz informieren', en: 'Inform affected persons of the use' } },
  { ref: 'Art. 86', when: 'high-deployer-annex-iii', group: 'high-risk', title: { de: 'Recht auf Erläuterung der Entscheidungsfindung im Einzelfall', en: 'Right to explanation of individual decision-making' } },
  { ref: 'Art. 27', when: 'fria', group: 'high-risk', title: { de: 'Grundrechte-Folgenabschätzung vor der ersten Verwendung', en: 'Fundamental rights impact assessment before first use' } },
  { ref: 'Art. 6(4)', when: 'derogation-provider', group: 'registration-6-3', title: { de: 'Bewertung nach Art. 6 Abs. 3 vor dem Inverkehrbringen dokumentieren', en: 'Document the Art. 6(3) assessment before placing on the market' } },
  { ref: 'Art. 53(1)(a)', when: 'gpai-provider-53ab', group: 'gpai', title: { de: 'Technische Dokumentation des Modells (Anhang XI)', en: 'Technical documentation of the model (Annex XI)' } },
  { ref: 'Art. 53(1)(b)', when: 'gpai-provider-53ab', group: 'gpai', title: { de: 'Informationen für nachgelagerte Anbieter (Anhang XII)', en: 'Information for downstream providers (Annex XII)' } },
  { ref: 'Art. 53(1)(c)', when: 'gpai-provider', group: 'gpai', title: { de: 'Strategie zur Einhaltung des Urheberrechts', en: 'Copyright compliance policy' } },
  { ref: 'Art. 53(1)(d)', when: 'gpai-provider', group: 'gpai', title: { de: 'Zusammenfassung der Trainingsinhalte veröffentlichen', en: 'Publish a summary of training content' } },
  { ref: 'Art. 52', when: 'gpai-systemic-by-compute', group: 'gpai', title: { de: 'Kommission binnen zwei Wochen benachrichtigen', en: 'Notify the Commission within two weeks' } },
  { ref: 'Art. 55', when: 'gpai-systemic-provider', group: 'gpai', title: { de: 'Modellbewertung, Risikominderung, Vorfallmeldung, Cybersicherheit', en: 'Model evaluation, risk mitigation, incident reporting, cybersecurity' } },
];
