import { ROLES, type AssessmentAnswer, type Role, type SupplierDocument, type SupplierDocumentStatus, type TrainingCourseCreate, type TrainingResult } from '@konform/core';

/** AI literacy (Art. 4) and suppliers of the demo portfolio; dates are days relative to the day the demo is loaded. */

export interface DemoCourse {
  course: TrainingCourseCreate & { title: string };
  /** Who must complete it: a role, everywhere or (with a unit key) in that unit and its sub-units. */
  requiredFor: { role: Role; unit?: string; intervalMonths?: number }[];
  /** Completions: a demo user, how many days ago, the result. */
  completions: { user: string; daysAgo: number; result: TrainingResult }[];
}

/** Completions with one result, from rows of demo user and days ago. */
function completed(result: TrainingResult, ...rows: [user: string, daysAgo: number][]): DemoCourse['completions'] {
  return rows.map(([user, daysAgo]) => ({ user, daysAgo, result }));
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
    requiredFor: ROLES.map((role) => ({ role })),
    completions: completed(
      'passed',
      ['sprachauswertung@bds.demo', 150],
      ['bildauswertung@bds.demo', 715],
      ['netzwerkanalyse@bds.demo', 800],
      ['koordination@bds.demo', 60],
      ['prueflabor@bds.demo', 240],
      ['innenrevision@bds.demo', 300],
      ['administration@bds.demo', 780],
      ['leitung@bds.demo', 30],
      ['buergerservice@bds.demo', 90],
    ),
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
    completions: completed(
      'attended',
      ['sprachauswertung@bds.demo', 400],
      ['bildauswertung@bds.demo', 760],
      ['buergerservice@bds.demo', 95],
      ['koordination@bds.demo', 180],
    ),
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
    completions: completed(
      'passed',
      ['prueflabor@bds.demo', 120],
      ['buergerservice@bds.demo', 420],
    ),
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

/** A vendor with one contract and one AI product. */
function vendor(name: string, contactPerson: string, email: string, contract: DemoVendor['contracts'][number], product: DemoVendor['products'][number]): DemoVendor {
  return { name, contactPerson, email, contracts: [contract], products: [product] };
}

export const DEMO_VENDORS: DemoVendor[] = [
  vendor('Hallweg Sprachtechnologie GmbH', 'Sabine Hallweg', 'vertrieb@hallweg.example',
    { title: 'Lizenz- und Pflegevertrag Spracherkennung (EVB-IT Überlassung Typ A)', reference: 'Z 3 – 2024/117', startInDays: -610, endInDays: 850, noticePeriod: '6 Monate zum Vertragsende', notes: 'Nachtraining mit behördeneigenen Daten vertraglich ausgeschlossen.' },
    { name: 'Hallweg Transcribe Secure', version: '5.2', description: 'Spracherkennung für abgeschottete Netze, Betrieb auf eigener Hardware', gpai: false }),
  vendor('Kestrel Biometrie GmbH', 'Dr. Frank Obermaier', 'behoerden@kestrel-biometrie.example',
    { title: 'Rahmenvertrag Gesichtsbildrecherche', reference: 'Z 3 – 2026/042', startInDays: -45, endInDays: 1780, noticePeriod: '12 Monate zum Jahresende', notes: 'Abruf erst nach Freigabe der Grundrechte-Folgenabschätzung.' },
    { name: 'Kestrel FaceMatch Forensic', version: '3.1', description: 'Nachträglicher Gesichtsbildabgleich mit Kandidatenliste', gpai: false }),
  vendor('Siegelstein Dokumententechnik GmbH', 'Ines Siegelstein', 'support@siegelstein.example',
    { title: 'Wartungs- und Aktualisierungsvertrag Mustersammlung', reference: 'Z 3 – 2023/311', startInDays: -980, endInDays: 480, noticePeriod: '3 Monate zum Quartalsende' },
    { name: 'Siegelstein DocCheck', version: '2026.2', description: 'Prüfung von Ausweis- und Reisedokumenten gegen eine Mustersammlung', gpai: false }),
  vendor('Wortwerk Dialogsysteme GmbH', 'Tobias Brandt', 'oeffentliche-hand@wortwerk.example',
    { title: 'Cloud-Dienstleistung Dialogassistent (EVB-IT Cloud)', reference: 'Z 3 – 2026/009', startInDays: -120, endInDays: 610, noticePeriod: '3 Monate zum Monatsende', notes: 'Hinweis nach Art. 50 Abs. 1 KI-VO vertraglich zugesichert; Betrieb in Deutschland.' },
    { name: 'Wortwerk Bürgerdialog', version: '4.0', description: 'Dialogassistent auf Basis eines großen Sprachmodells, Antworten nur aus freigegebenen Texten', gpai: true }),
  vendor('Bastion Code Analytics GmbH', 'Jörg Lindner', 'kontakt@bastion-code.example',
    { title: 'Subskription Schadprogrammanalyse', reference: 'Z 3 – 2025/188', startInDays: -300, endInDays: 65, noticePeriod: '1 Monat zum Laufzeitende', notes: 'Verlängerung in Vorbereitung.' },
    { name: 'Bastion MalSort', version: '11', description: 'Klassifikation von Schadprogrammproben in der Sandbox', gpai: false }),
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

/** One owed document: due and received in days from today, where it is kept, a note. */
export interface DemoSupplierDocument {
  kind: SupplierDocument['kind'];
  status: SupplierDocumentStatus;
  dueInDays: number;
  receivedDaysAgo: number | null;
  reference: string;
  note: string;
}

/** What the procured high-risk system is owed (its checklist), with the vendor's product. */
export const DEMO_SUPPLIER_DOCUMENTS: { system: string; product: string; recordedBy: string; items: DemoSupplierDocument[] } = {
  system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
  product: 'Kestrel FaceMatch Forensic',
  recordedBy: 'bildauswertung@bds.demo',
  items: [
    { kind: 'instructions-for-use', status: 'received', dueInDays: -30, receivedDaysAgo: 25, reference: 'Betriebsanleitung FaceMatch Forensic 3.1, Ausgabe 2026-03', note: '' },
    { kind: 'art-13-information', status: 'received', dueInDays: -30, receivedDaysAgo: 25, reference: 'Kapitel 4 bis 6 der Betriebsanleitung', note: 'Leistungsangaben ohne Aufschlüsselung nach demografischen Gruppen (siehe Lieferantenbewertung).' },
    { kind: 'declaration-of-conformity', status: 'missing', dueInDays: -10, receivedDaysAgo: null, reference: '', note: 'Beim Hersteller zweimal angemahnt; Abruf aus dem Rahmenvertrag gesperrt, bis sie vorliegt.' },
    { kind: 'eu-registration', status: 'missing', dueInDays: 40, receivedDaysAgo: null, reference: '', note: 'Registrierung nach Angabe des Herstellers beantragt.' },
  ],
};
