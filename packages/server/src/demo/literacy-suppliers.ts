import type { AssessmentAnswer, Role, SupplierDocumentStatus, TrainingCourseCreate, TrainingResult } from '@konform/core';

/** AI literacy (Art. 4) and suppliers of the demo portfolio; dates are days relative to the day the demo is loaded. */

export interface DemoCourse {
  course: TrainingCourseCreate & { title: string };
  /** Who must complete it: a role, everywhere or (with a unit key) in that unit and its sub-units. */
  requiredFor: { role: Role; unit?: string; intervalMonths?: number }[];
  /** Completions: a demo user, how many days ago, the result. */
  completions: { user: string; daysAgo: number; result: TrainingResult }[];
}

export const DEMO_COURSES: DemoCourse[] = [
  {
    course: {
      title: 'KI-Grundlagen für alle Beschäftigten',
      description: 'Was KI-Systeme können und was nicht, typische Fehlerbilder, Umgang mit dienstlichen Daten und die Grundzüge der KI-Verordnung. Abschluss mit einem kurzen Wissenstest.',
      providerKind: 'internal',
      provider: 'Stabsstelle KI-Koordinierung',
      topics: ['ai-basics', 'risks-limits', 'data-protection', 'ai-act'],
      tags: ['Pflichtschulung'],
      durationHours: 1.5,
      delivery: 'e-learning',
      validityMonths: 24,
    },
    requiredFor: [{ role: 'admin' }, { role: 'governance' }, { role: 'owner' }, { role: 'lab' }, { role: 'auditor' }, { role: 'viewer' }],
    completions: [
      { user: 'sprachauswertung@bds.demo', daysAgo: 150, result: 'passed' },
      { user: 'bildauswertung@bds.demo', daysAgo: 715, result: 'passed' },
      { user: 'netzwerkanalyse@bds.demo', daysAgo: 800, result: 'passed' },
      { user: 'koordination@bds.demo', daysAgo: 60, result: 'passed' },
      { user: 'prueflabor@bds.demo', daysAgo: 240, result: 'passed' },
      { user: 'innenrevision@bds.demo', daysAgo: 300, result: 'passed' },
      { user: 'administration@bds.demo', daysAgo: 780, result: 'passed' },
      { user: 'leitung@bds.demo', daysAgo: 30, result: 'passed' },
      { user: 'buergerservice@bds.demo', daysAgo: 90, result: 'passed' },
    ],
  },
  {
    course: {
      title: 'KI-VO für Systemverantwortliche',
      description: 'Pflichten von Anbietern und Betreibern, Einstufung nach Anhang III, menschliche Aufsicht, Protokollierung, Grundrechte-Folgenabschätzung und Meldung schwerwiegender Vorfälle, mit Übungen an Systemen des Hauses.',
      providerKind: 'internal',
      provider: 'Stabsstelle KI-Koordinierung',
      topics: ['ai-act', 'human-oversight', 'systems-in-use', 'risks-limits'],
      tags: ['Präsenz', 'Rollenschulung'],
      durationHours: 6,
      delivery: 'in-person',
      validityMonths: 24,
    },
    requiredFor: [{ role: 'owner' }, { role: 'governance' }],
    completions: [
      { user: 'sprachauswertung@bds.demo', daysAgo: 400, result: 'attended' },
      { user: 'bildauswertung@bds.demo', daysAgo: 760, result: 'attended' },
      { user: 'buergerservice@bds.demo', daysAgo: 95, result: 'attended' },
      { user: 'koordination@bds.demo', daysAgo: 180, result: 'attended' },
    ],
  },
  {
    course: {
      title: 'Prompt-Injection und sichere Nutzung von Sprachmodellen',
      description: 'Angriffe auf sprachmodellgestützte Anwendungen (direkte und indirekte Prompt-Injection, Datenabfluss über Antworten, unsichere Ausgabeverarbeitung) und Gegenmaßnahmen im Betrieb.',
      providerKind: 'external',
      provider: 'Cyberakademie Nord GmbH',
      topics: ['security', 'risks-limits'],
      tags: ['LLM', 'extern'],
      durationHours: 3,
      delivery: 'external',
      validityMonths: 12,
    },
    requiredFor: [{ role: 'lab' }, { role: 'governance' }, { role: 'owner', unit: 'buerger' }],
    completions: [
      { user: 'prueflabor@bds.demo', daysAgo: 120, result: 'passed' },
      { user: 'buergerservice@bds.demo', daysAgo: 420, result: 'passed' },
    ],
  },
];

/** Contracts and AI products of the vendors the demo systems name (contract dates in days from today). */
export interface DemoVendor {
  name: string;
  contactPerson: string;
  email: string;
  contracts: { title: string; reference: string; startInDays: number | null; endInDays: number | null; noticePeriod: string; notes?: string }[];
  products: { name: string; version: string; description: string; gpai: boolean }[];
}

export const DEMO_VENDORS: DemoVendor[] = [
  {
    name: 'Hallweg Sprachtechnologie GmbH',
    contactPerson: 'Sabine Hallweg',
    email: 'vertrieb@hallweg.example',
    contracts: [{ title: 'Lizenz- und Pflegevertrag Spracherkennung (EVB-IT Überlassung Typ A)', reference: 'Z 3 – 2024/117', startInDays: -610, endInDays: 850, noticePeriod: '6 Monate zum Vertragsende', notes: 'Nachtraining mit behördeneigenen Daten vertraglich ausgeschlossen.' }],
    products: [{ name: 'Hallweg Transcribe Secure', version: '5.2', description: 'Spracherkennung für abgeschottete Netze, Betrieb auf eigener Hardware', gpai: false }],
  },
  {
    name: 'Kestrel Biometrie GmbH',
    contactPerson: 'Dr. Frank Obermaier',
    email: 'behoerden@kestrel-biometrie.example',
    contracts: [{ title: 'Rahmenvertrag Gesichtsbildrecherche', reference: 'Z 3 – 2026/042', startInDays: -45, endInDays: 1780, noticePeriod: '12 Monate zum Jahresende', notes: 'Abruf erst nach Freigabe der Grundrechte-Folgenabschätzung.' }],
    products: [{ name: 'Kestrel FaceMatch Forensic', version: '3.1', description: 'Nachträglicher Gesichtsbildabgleich mit Kandidatenliste', gpai: false }],
  },
  {
    name: 'Siegelstein Dokumententechnik GmbH',
    contactPerson: 'Ines Siegelstein',
    email: 'support@siegelstein.example',
    contracts: [{ title: 'Wartungs- und Aktualisierungsvertrag Mustersammlung', reference: 'Z 3 – 2023/311', startInDays: -980, endInDays: 480, noticePeriod: '3 Monate zum Quartalsende' }],
    products: [{ name: 'Siegelstein DocCheck', version: '2026.2', description: 'Prüfung von Ausweis- und Reisedokumenten gegen eine Mustersammlung', gpai: false }],
  },
  {
    name: 'Wortwerk Dialogsysteme GmbH',
    contactPerson: 'Tobias Brandt',
    email: 'oeffentliche-hand@wortwerk.example',
    contracts: [{ title: 'Cloud-Dienstleistung Dialogassistent (EVB-IT Cloud)', reference: 'Z 3 – 2026/009', startInDays: -120, endInDays: 610, noticePeriod: '3 Monate zum Monatsende', notes: 'Hinweis nach Art. 50 Abs. 1 KI-VO vertraglich zugesichert; Betrieb in Deutschland.' }],
    products: [{ name: 'Wortwerk Bürgerdialog', version: '4.0', description: 'Dialogassistent auf Basis eines großen Sprachmodells, Antworten nur aus freigegebenen Texten', gpai: true }],
  },
  {
    name: 'Bastion Code Analytics GmbH',
    contactPerson: 'Jörg Lindner',
    email: 'kontakt@bastion-code.example',
    contracts: [{ title: 'Subskription Schadprogrammanalyse', reference: 'Z 3 – 2025/188', startInDays: -300, endInDays: 65, noticePeriod: '1 Monat zum Laufzeitende', notes: 'Verlängerung in Vorbereitung.' }],
    products: [{ name: 'Bastion MalSort', version: '11', description: 'Klassifikation von Schadprogrammproben in der Sandbox', gpai: false }],
  },
];

/** The supplier assessment of the demo: the vendor of the procured high-risk system. */
export const DEMO_ASSESSMENT = {
  vendor: 'Kestrel Biometrie GmbH',
  assessedBy: 'koordination@bds.demo',
  assessedDaysAgo: 20,
  nextReviewInDays: 345,
  assessor: 'Referat Z 3 – Beschaffung mit der Stabsstelle KI-Koordinierung',
  result: 'approved-with-conditions' as const,
  conditions: 'Vor dem ersten Abruf legt der Hersteller die EU-Konformitätserklärung und einen Messbericht zu Leistungsunterschieden zwischen demografischen Gruppen vor.',
  notes: 'Bewertung anhand der Vergabeunterlagen, eines Gesprächs mit dem Hersteller am Standort und der vorgelegten Zertifikate.',
  answers: [
    { questionId: 'role-confirmed', answer: 'yes', comment: 'Anbieter nach Art. 3 Nr. 3, schriftlich bestätigt.' },
    { questionId: 'conformity', answer: 'no', comment: 'Konformitätserklärung für Version 3.1 noch nicht ausgestellt.' },
    { questionId: 'instructions', answer: 'yes', comment: '' },
    { questionId: 'training-data', answer: 'partly', comment: 'Herkunft beschrieben, keine Aufschlüsselung nach demografischen Gruppen.' },
    { questionId: 'personal-data', answer: 'yes', comment: 'Betrieb ausschließlich on-premises, kein Datenzugriff des Herstellers.' },
    { questionId: 'certificates', answer: 'yes', comment: 'ISO/IEC 27001, Penetrationstest 2026.' },
    { questionId: 'exit', answer: 'no', comment: 'Rückgabe der Vorlagen bei Vertragsende nicht geregelt.' },
  ] satisfies AssessmentAnswer[],
  findings: [
    {
      title: 'Unbekannte Leistungsunterschiede zwischen demografischen Gruppen',
      description: 'Der Hersteller legt keine nach Alter, Geschlecht und Hauttyp getrennten Fehlerraten vor. Höhere Falsch-Positiv-Raten für einzelne Gruppen würden dazu führen, dass Unbeteiligte häufiger als Kandidaten vorgeschlagen werden.',
      risk: { sourceId: 'harm-discrimination', likelihood: 3, impact: 5, owner: 'Katrin Schulze', nextReviewInDays: 30 },
    },
    { title: 'Ausstieg nicht geregelt', description: 'Die Rückgabe und Löschung der Gesichtsbildvorlagen bei Vertragsende ist nicht vereinbart.', risk: null },
  ],
};

/** What the procured high-risk system is owed (its checklist), with the vendor's product. */
export const DEMO_SUPPLIER_DOCUMENTS = {
  system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
  product: 'Kestrel FaceMatch Forensic',
  recordedBy: 'bildauswertung@bds.demo',
  items: [
    { kind: 'instructions-for-use' as const, status: 'received' as SupplierDocumentStatus, dueInDays: -30, receivedDaysAgo: 25, reference: 'Betriebsanleitung FaceMatch Forensic 3.1, Ausgabe 2026-03', note: '' },
    { kind: 'art-13-information' as const, status: 'received' as SupplierDocumentStatus, dueInDays: -30, receivedDaysAgo: 25, reference: 'Kapitel 4 bis 6 der Betriebsanleitung', note: 'Leistungsangaben ohne Aufschlüsselung nach demografischen Gruppen (siehe Lieferantenbewertung).' },
    { kind: 'declaration-of-conformity' as const, status: 'missing' as SupplierDocumentStatus, dueInDays: -10, receivedDaysAgo: null, reference: '', note: 'Beim Hersteller zweimal angemahnt; Abruf aus dem Rahmenvertrag gesperrt, bis sie vorliegt.' },
    { kind: 'eu-registration' as const, status: 'missing' as SupplierDocumentStatus, dueInDays: 40, receivedDaysAgo: null, reference: '', note: 'Registrierung nach Angabe des Herstellers beantragt.' },
  ],
};
