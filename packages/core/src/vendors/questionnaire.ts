/**
 * The supplier assessment questionnaire: a fixed list of questions, kept here as data with German and English text.
 * Ids are stable (stored answers refer to them); add new questions at the end of their topic, never reuse an id.
 */
export const SUPPLIER_QUESTION_TOPICS = ['ai-act-role', 'documentation', 'data', 'security', 'support', 'incidents'] as const;
export type SupplierQuestionTopic = (typeof SUPPLIER_QUESTION_TOPICS)[number];

export interface SupplierQuestion {
  id: string;
  topic: SupplierQuestionTopic;
  /** The provision the question rests on, where there is one. */
  ref: string | null;
  text: { de: string; en: string };
}

export const SUPPLIER_QUESTION_TOPIC_LABELS: Record<SupplierQuestionTopic, { de: string; en: string }> = {
  'ai-act-role': { de: 'Rolle nach der KI-VO', en: 'Role under the AI Act' },
  documentation: { de: 'Dokumentation', en: 'Documentation' },
  data: { de: 'Daten', en: 'Data' },
  security: { de: 'Sicherheit', en: 'Security' },
  support: { de: 'Betreuung und Wartung', en: 'Support and maintenance' },
  incidents: { de: 'Vorfälle und Meldungen', en: 'Incidents and reporting' },
};

export const SUPPLIER_QUESTIONS: readonly SupplierQuestion[] = [
  {
    id: 'role-confirmed',
    topic: 'ai-act-role',
    ref: 'Art. 3 Nr. 3–7',
    text: {
      de: 'Hat der Lieferant seine Rolle nach der KI-VO (Anbieter, Bevollmächtigter, Einführer oder Händler) für das Produkt schriftlich bestätigt?',
      en: 'Has the supplier confirmed in writing its role under the AI Act (provider, authorised representative, importer or distributor) for the product?',
    },
  },
  {
    id: 'written-cooperation',
    topic: 'ai-act-role',
    ref: 'Art. 25 Abs. 4',
    text: {
      de: 'Ist schriftlich vereinbart, welche Informationen, Fähigkeiten, welchen technischen Zugang und welche Unterstützung der Lieferant zur Erfüllung der Pflichten der KI-VO bereitstellt?',
      en: 'Is it agreed in writing which information, capabilities, technical access and assistance the supplier provides so that the obligations of the AI Act can be met?',
    },
  },
  {
    id: 'conformity',
    topic: 'ai-act-role',
    ref: 'Art. 47, 48',
    text: {
      de: 'Liegen für Hochrisiko-KI-Systeme die EU-Konformitätserklärung und die CE-Kennzeichnung vor?',
      en: 'For high-risk AI systems: are the EU declaration of conformity and the CE marking in place?',
    },
  },
  {
    id: 'instructions',
    topic: 'documentation',
    ref: 'Art. 13 Abs. 3',
    text: {
      de: 'Stellt der Lieferant eine Betriebsanleitung mit Zweckbestimmung, Genauigkeit, bekannten Grenzen, Maßnahmen der menschlichen Aufsicht und Protokollierung bereit?',
      en: 'Does the supplier provide instructions for use stating the intended purpose, accuracy, known limitations, human oversight measures and logging?',
    },
  },
  {
    id: 'change-notice',
    topic: 'documentation',
    ref: 'Art. 13 Abs. 3 Buchst. c',
    text: {
      de: 'Kündigt der Lieferant Änderungen am Modell, an der Leistung oder an der Zweckbestimmung rechtzeitig vorher an?',
      en: 'Does the supplier announce changes to the model, its performance or its intended purpose in good time?',
    },
  },
  {
    id: 'gpai-information',
    topic: 'documentation',
    ref: 'Art. 53 Abs. 1 Buchst. b, Anhang XII',
    text: {
      de: 'Falls das Produkt auf einem KI-Modell mit allgemeinem Verwendungszweck beruht: Liegen die Informationen des Modellanbieters für nachgelagerte Anbieter vor?',
      en: 'If the product is built on a general-purpose AI model: is the model provider’s information for downstream providers available?',
    },
  },
  {
    id: 'training-data',
    topic: 'data',
    ref: 'Art. 10, Art. 13 Abs. 3 Buchst. b Ziff. vi',
    text: {
      de: 'Legt der Lieferant Herkunft, Umfang und Eigenschaften der Trainings-, Validierungs- und Testdaten offen, soweit der Einsatz es erfordert?',
      en: 'Does the supplier disclose the origin, scope and characteristics of the training, validation and test data as far as the use requires?',
    },
  },
  {
    id: 'personal-data',
    topic: 'data',
    ref: 'DSGVO Art. 28',
    text: {
      de: 'Ist die Verarbeitung personenbezogener Daten vertraglich geregelt (Auftragsverarbeitung, Speicherort, keine Verwendung der Eingaben für Training ohne Zustimmung)?',
      en: 'Is the processing of personal data governed by contract (data processing agreement, storage location, no use of inputs for training without consent)?',
    },
  },
  {
    id: 'cybersecurity',
    topic: 'security',
    ref: 'Art. 15 Abs. 5',
    text: {
      de: 'Weist der Lieferant Maßnahmen der Cybersicherheit nach, auch gegen KI-spezifische Angriffe wie Datenvergiftung, Umgehungsangriffe oder Angriffe auf die Vertraulichkeit?',
      en: 'Does the supplier demonstrate cybersecurity measures, including against AI-specific attacks such as data poisoning, evasion or confidentiality attacks?',
    },
  },
  {
    id: 'certificates',
    topic: 'security',
    ref: null,
    text: {
      de: 'Liegen aktuelle Sicherheitsnachweise vor (z. B. ISO/IEC 27001, BSI C5, Ergebnisse von Penetrationstests)?',
      en: 'Are current security attestations available (e.g. ISO/IEC 27001, BSI C5, penetration test results)?',
    },
  },
  {
    id: 'logs',
    topic: 'security',
    ref: 'Art. 12, Art. 26 Abs. 6',
    text: {
      de: 'Erhält die Behörde die automatisch erzeugten Protokolle und kann sie mindestens sechs Monate aufbewahren?',
      en: 'Does the authority receive the automatically generated logs and can it keep them for at least six months?',
    },
  },
  {
    id: 'support',
    topic: 'support',
    ref: null,
    text: {
      de: 'Sind Betreuung, Verfügbarkeit und Reaktionszeiten vertraglich zugesichert?',
      en: 'Are support, availability and response times guaranteed by contract?',
    },
  },
  {
    id: 'maintenance',
    topic: 'support',
    ref: 'Art. 13 Abs. 3 Buchst. e',
    text: {
      de: 'Sind Wartung und Sicherheitsaktualisierungen für die geplante Nutzungsdauer zugesichert?',
      en: 'Are maintenance and security updates guaranteed for the planned lifetime of use?',
    },
  },
  {
    id: 'exit',
    topic: 'support',
    ref: null,
    text: {
      de: 'Ist der Ausstieg geregelt (Rückgabe und Löschung der Daten, Übergang zu einem anderen Anbieter)?',
      en: 'Is the exit arranged (return and deletion of data, transition to another supplier)?',
    },
  },
  {
    id: 'incident-contact',
    topic: 'incidents',
    ref: 'Art. 26 Abs. 5, Art. 73',
    text: {
      de: 'Gibt es beim Lieferanten eine benannte Stelle, die Meldungen über Risiken und schwerwiegende Vorfälle jederzeit entgegennimmt?',
      en: 'Does the supplier have a named contact that receives reports of risks and serious incidents at any time?',
    },
  },
  {
    id: 'corrective-actions',
    topic: 'incidents',
    ref: 'Art. 20',
    text: {
      de: 'Verpflichtet sich der Lieferant, die Behörde unverzüglich über Risiken, Korrekturmaßnahmen, Rücknahmen und Rückrufe zu informieren?',
      en: 'Does the supplier undertake to inform the authority without delay of risks, corrective actions, withdrawals and recalls?',
    },
  },
];

export const SUPPLIER_QUESTION_IDS: readonly string[] = SUPPLIER_QUESTIONS.map((q) => q.id);
