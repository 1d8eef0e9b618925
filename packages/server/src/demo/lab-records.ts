import type { CustodyEvent, DatasetKind, Independence, ItemRole, LabEnvironmentCreate, LabHarness, LabMethodConfiguration, ModelKind } from '@konform/core';

/**
 * The test lab of the demo portfolio (first part): models and datasets with their versions and chains of custody, the
 * systems that use them, evaluation methods with validation and authorised staff, and two test environments. All
 * names, suppliers and digests are invented; dates are days relative to the day the demo is loaded.
 */

export interface DemoManifestFile {
  path: string;
  sha256: string;
  size: number;
}

/** One custody event, `daysAgo` days before loading (at 09:00 UTC plus `hour` hours, so the order is clear). */
export interface DemoCustodyEvent {
  event: CustodyEvent;
  daysAgo: number;
  hour?: number;
  by: string;
  location?: string;
  note?: string;
}

export interface DemoItemVersion {
  label: string;
  source: string;
  licence: string;
  receivedDaysAgo: number;
  notes: string;
  manifest: DemoManifestFile[];
  custody: DemoCustodyEvent[];
  /** Systems (by name) that use this version, and how. */
  usedBy: { system: string; role: ItemRole; note: string }[];
}

export interface DemoDatasheet {
  origin: string;
  collectionFromDaysAgo: number;
  collectionToDaysAgo: number;
  personalData: boolean;
  legalBasis: string;
  gapsAndBiases: string;
  intendedUse: string;
  independentOfTraining: Independence;
  independenceNote: string;
}

export interface DemoModel {
  name: string;
  provider: string;
  kind: ModelKind;
  gpai: boolean;
  licence: string;
  description: string;
  versions: DemoItemVersion[];
}

export interface DemoDataset {
  name: string;
  provider: string;
  kind: DatasetKind;
  licence: string;
  description: string;
  versions: (DemoItemVersion & { datasheet: DemoDatasheet })[];
}

/** The lab's own unit: models, datasets, methods and environments are kept there. */
export const LAB_UNIT = 'labor';
/** The lab member who records everything; the coordination authorises her for the methods. */
export const LAB_USER = 'prueflabor@bds.demo';
export const LAB_AUTHORISER = 'koordination@bds.demo';

const STORE = 'Prüflabor, Datentresor Raum B 2.14 (verschlüsselter Speicher PL-NAS-02)';
const TRANSCRIPTION = 'Transkription von TKÜ-Audiodaten';
const OSINT = 'Klassifikation offener Quellen zu Cyberbedrohungen';
const CHATBOT = 'Bürger-Assistent für Anfragen über das Kontaktformular';
/** The lab member who stores every version. */
const KEEPER = 'Dr. Lena Fischer';

/** A manifest from rows of path, SHA-256 and size in bytes. */
function files(...rows: [path: string, sha256: string, size: number][]): DemoManifestFile[] {
  return rows.map(([path, sha256, size]) => ({ path, sha256, size }));
}

/** How a version reached the lab: received from someone, then stored by the lab's keeper (in the data vault unless said otherwise). */
function receivedAndStored(received: Omit<DemoCustodyEvent, 'event'>, stored: { daysAgo: number; hour?: number; location?: string }): DemoCustodyEvent[] {
  return [
    { event: 'received', ...received },
    { event: 'stored', daysAgo: stored.daysAgo, ...(stored.hour === undefined ? {} : { hour: stored.hour }), by: KEEPER, location: stored.location ?? STORE },
  ];
}

/** A model whose versions carry the model's licence. */
function model(m: Omit<DemoModel, 'versions'> & { versions: Omit<DemoItemVersion, 'licence'>[] }): DemoModel {
  return { ...m, versions: m.versions.map((v) => ({ ...v, licence: m.licence })) };
}

export const DEMO_MODELS: DemoModel[] = [
  model({
    name: 'Spracherkennung HWS-ASR',
    provider: 'Hallweg Sprachtechnologie GmbH',
    kind: 'speech-recognition',
    gpai: false,
    licence: 'Kaufvertrag mit unbefristetem Nutzungsrecht (On-Premises)',
    description:
      'Spracherkennungsmodell des Herstellers für Deutsch, Türkisch, Arabisch und Russisch. Der Hersteller liefert jede Fassung auf einem versiegelten Datenträger; das Prüflabor prüft sie vor der Übernahme in den Betrieb gegen das Prüfkorpus Sprachaufnahmen.',
    versions: [
      {
        label: '4.2.0',
        source: 'Lieferung Hallweg Sprachtechnologie GmbH, Lieferschein HW-2026-0113',
        receivedDaysAgo: 210,
        notes: 'Fassung, mit der das System in Betrieb ging.',
        manifest: files(
          ['modell/encoder.safetensors', 'cf8a3fd6ea3baa4ad2f31a0f888394c26ddbd7188b46a83dfa85275d54951ec4', 1_288_490_112],
          ['modell/decoder.safetensors', '6b04a1ef11b5a867936f8477414198a31b5124b9dc42f5b87ba62f14a29c12e8', 402_653_184],
          ['modell/tokenizer.json', '26e16b57be2ebea5185bdb6cfb99f456cb203e05c45aaa6eaea7cf9a1371a2c7', 2_211_840],
          ['konfiguration.yaml', 'e7309c57d4dfa96be39bd00b78adb5bd2dd789dcd814aee1ea2d243397a27a57', 4_096],
        ),
        custody: receivedAndStored({ daysAgo: 210, by: 'Kurierdienst des Herstellers', note: 'Datenträger versiegelt übernommen, Siegel unversehrt.' }, { daysAgo: 209 }),
        usedBy: [],
      },
      {
        label: '4.3.1',
        source: 'Lieferung Hallweg Sprachtechnologie GmbH, Lieferschein HW-2026-0388',
        receivedDaysAgo: 45,
        notes: 'Fehlerbehebung bei Sprecherwechseln; laut Hersteller bessere Erkennung arabischer Namen.',
        manifest: files(
          ['modell/encoder.safetensors', '2c3c91a524ee06e3acdf5c3d6fca705f7896bf31be99c4a1107d9a67ccfaae5c', 1_288_490_112],
          ['modell/decoder.safetensors', 'cb0540c4f54c803a314a3675a09eff42355964360be3a5f8928730607ac343ca', 402_653_184],
          ['modell/tokenizer.json', '26e16b57be2ebea5185bdb6cfb99f456cb203e05c45aaa6eaea7cf9a1371a2c7', 2_211_840],
          ['konfiguration.yaml', '6de03de46f31d30455d564ccbca2ab3656440a1254e76728c779e51717301ea0', 4_160],
          ['aenderungshinweise.txt', 'd49979e7e17083c1e722279fe1d11e5f6db790e021fed2b16714ce719f9db679', 7_312],
        ),
        custody: [
          ...receivedAndStored({ daysAgo: 45, by: 'Kurierdienst des Herstellers', note: 'Datenträger versiegelt übernommen, Siegel unversehrt.' }, { daysAgo: 44 }),
          { event: 'released-to-run', daysAgo: 3, by: KEEPER, note: 'Für den Abnahmelauf WER auf dem GPU-Prüfstand PL-GPU-01.' },
        ],
        usedBy: [{ system: TRANSCRIPTION, role: 'in-operation', note: 'Seit der Abnahme im Prüflabor im Betrieb.' }],
      },
    ],
  }),
  model({
    name: 'Dokumentklassifikator Cyberlage',
    provider: 'Abteilung S (Eigenentwicklung)',
    kind: 'classifier',
    gpai: false,
    licence: 'Eigenentwicklung; Basismodell unter Apache-2.0',
    description:
      'Feinjustiertes Transformer-Modell, das Meldungen aus offenen Quellen den Kategorien Schwachstelle, Kampagne, Datenabfluss, Desinformation und Sonstiges zuordnet.',
    versions: [
      {
        label: '2026.1',
        source: 'Trainingspipeline Abteilung S, Build 2026.1-17',
        receivedDaysAgo: 90,
        notes: 'Erste im Prüflabor geprüfte Fassung.',
        manifest: files(
          ['model.safetensors', '34e275831e47d2dd39b1a957e44bdbb290503664fae3ffc1efb5576e024d4311', 498_614_272],
          ['config.json', '168a2a33e3594c7431fae7318a8f3230e98db2067eea9b24fbbe895a280332aa', 1_024],
          ['labels.json', '72faff10136d83b3eb44d963fd502708fc586144b56c35bc9cd77187f1098704', 312],
          ['tokenizer.json', '24f22737d7e22ac87c5888dc5d64173640e50ab04f3a611fb619f52768e8b982', 2_424_832],
        ),
        custody: receivedAndStored(
          { daysAgo: 90, by: 'Stefan Wagner', note: 'Über das interne Artefaktregister übergeben.' },
          { daysAgo: 90, hour: 2, location: 'Prüflabor, Artefaktablage PL-ART (nur lesend eingebunden)' },
        ),
        usedBy: [{ system: OSINT, role: 'in-operation', note: '' }],
      },
    ],
  }),
  model({
    name: 'Sprachmodell Wortwerk Dialog',
    provider: 'Wortwerk Dialogsysteme GmbH',
    kind: 'llm',
    gpai: true,
    licence: 'Nutzungsvertrag Wortwerk, Betrieb im Rechenzentrum des Amtes',
    description:
      'Großes Sprachmodell des Lieferanten, das der Bürger-Assistent nutzt. Der Lieferant stellt ein Betriebspaket bereit, das im Rechenzentrum des Amtes läuft; das zugrunde liegende Basismodell ist ein KI-Modell mit allgemeinem Verwendungszweck.',
    versions: [
      {
        label: '2026-09',
        source: 'Wortwerk Dialogsysteme GmbH, Download-Portal (Paket dialog-2026-09-de)',
        receivedDaysAgo: 60,
        notes: 'Quantisierte Fassung (8 Bit) für den Betrieb auf zwei GPUs.',
        manifest: files(
          ['gewichte/teil-00001-von-00002.safetensors', '0aca18d50120480d72d8880b9d4d18618a15374474801b4746a18e6f9fad827f', 4_981_129_216],
          ['gewichte/teil-00002-von-00002.safetensors', '09eaecd806543a8841f84117aee3c9b77998c2a23bea6625dd42317b8a4c72b2', 3_147_825_152],
          ['tokenizer.json', 'b669e01514ba1f79580ec9ced1ad2b31a580bf49d2471188bd707650bc64e4fb', 9_085_698],
          ['modellkarte.pdf', '5c4c83f33f59d111e1ab2d7ea9d3417ce9f118650a6c93a43d19a3d6d2300782', 812_544],
        ),
        custody: receivedAndStored({ daysAgo: 60, by: 'Wortwerk Dialogsysteme GmbH (Download)', note: 'Prüfsummen mit dem Lieferschein des Lieferanten abgeglichen.' }, { daysAgo: 60, hour: 3 }),
        usedBy: [{ system: CHATBOT, role: 'in-operation', note: 'Über das Betriebspaket des Lieferanten.' }],
      },
    ],
  }),
];

/** A dataset whose versions carry the dataset's licence. */
function dataset(d: Omit<DemoDataset, 'versions'> & { versions: Omit<DemoDataset['versions'][number], 'licence'>[] }): DemoDataset {
  return { ...d, versions: d.versions.map((v) => ({ ...v, licence: d.licence })) };
}

/** The datasheet of the first recordings; the supplement changes origin, period and gaps. */
const RECORDINGS_DATASHEET: DemoDatasheet = {
  origin: 'Gespräche, die Beschäftigte und freiwillige Teilnehmende nach Drehbüchern nachgesprochen haben, aufgenommen über Festnetz, Mobilfunk und Messenger-Dienste; dazu Referenztranskripte, die zwei Personen unabhängig erstellt und abgeglichen haben.',
  collectionFromDaysAgo: 420,
  collectionToDaysAgo: 260,
  personalData: true,
  legalBasis: 'Stimmen sind personenbezogene Daten. Verarbeitung zur Prüfung der eingesetzten KI-Systeme als Aufgabe des Amtes (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 BDSG); alle Sprecherinnen und Sprecher haben zusätzlich schriftlich eingewilligt und können die Löschung ihrer Aufnahmen verlangen.',
  gapsAndBiases: 'Arabisch und Russisch zusammen nur 12 % der Aufnahmen; kaum Aufnahmen mit starkem Hintergrundlärm; süddeutsche Sprechweisen überwiegen, ältere Sprechende (über 65) fehlen fast ganz.',
  intendedUse: 'Abnahme- und Regressionsprüfungen von Spracherkennung im Prüflabor; nicht für Training oder Feinjustierung.',
  independentOfTraining: 'yes',
  independenceNote: 'Eigene Aufnahmen des Amtes; der Hersteller hat sie nie erhalten.',
};

export const DEMO_DATASETS: DemoDataset[] = [
  dataset({
    name: 'Prüfkorpus Sprachaufnahmen',
    provider: 'Referat Prüflabor KI',
    kind: 'audio',
    licence: 'Nur für Prüfzwecke im Amt',
    description: 'Nachgesprochene und eingewilligte Gesprächsaufnahmen mit Referenztranskripten zur Messung der Wortfehlerrate.',
    versions: [
      {
        label: '1.0',
        source: 'Aufnahmereihe des Prüflabors',
        receivedDaysAgo: 240,
        notes: '',
        manifest: files(
          ['audio.tar', '561388a49ddf87ca233c03f791bacdc70c0625d56941827a70ec94583c87af74', 6_442_450_944],
          ['referenztranskripte.jsonl', 'f226ae29b6b942c6bac9205af9ec7b2cabed02cae5f315116ba8efc648a50818', 18_874_368],
          ['datenblatt.md', '808855c21dccb835f356913e63b79deabc76d1ffecb31ddb7c3a0e79e6cd3d78', 9_216],
        ),
        custody: receivedAndStored({ daysAgo: 240, by: KEEPER, note: 'Aus der Aufnahmereihe übernommen.' }, { daysAgo: 240, hour: 4 }),
        usedBy: [],
        datasheet: RECORDINGS_DATASHEET,
      },
      {
        label: '1.1',
        source: 'Aufnahmereihe des Prüflabors, Ergänzung',
        receivedDaysAgo: 50,
        notes: 'Ergänzt um 300 russisch- und arabischsprachige Aufnahmen; zwei fehlerhafte Referenztranskripte berichtigt.',
        manifest: files(
          ['audio.tar', '912dad0dcde6a31408527db6317f1f7c3e7e1006a8316bcfa76f37953b9ff368', 7_516_192_768],
          ['referenztranskripte.jsonl', '8c4a7cb35e38622e519be46f0bdc66254f1c5b157d7f7195d2681e01e0a63ba4', 21_495_808],
          ['datenblatt.md', '187192ab93bf27333c968439da33640a130a7dc105fa0b79d26fe5e0d1812724', 10_240],
        ),
        custody: [
          ...receivedAndStored({ daysAgo: 50, by: KEEPER, note: 'Aus der ergänzten Aufnahmereihe übernommen.' }, { daysAgo: 50, hour: 2 }),
          { event: 'released-to-run', daysAgo: 3, by: KEEPER, note: 'Für den Abnahmelauf WER der Spracherkennung 4.3.1.' },
        ],
        usedBy: [{ system: TRANSCRIPTION, role: 'test', note: 'Abnahme- und Regressionsprüfung jeder neuen Modellfassung.' }],
        datasheet: {
          ...RECORDINGS_DATASHEET,
          origin: 'Wie Fassung 1.0, ergänzt um Aufnahmen freiwilliger Teilnehmender mit Russisch oder Arabisch als Erstsprache.',
          collectionToDaysAgo: 70,
          gapsAndBiases: 'Arabisch und Russisch jetzt 21 % der Aufnahmen, Türkisch weiterhin nur 6 %; kaum Aufnahmen mit starkem Hintergrundlärm; ältere Sprechende (über 65) fehlen fast ganz.',
        },
      },
    ],
  }),
  dataset({
    name: 'Testkorpus Bürgeranfragen',
    provider: 'Referat Bürgerservice',
    kind: 'text',
    licence: 'Nur für Prüfzwecke im Amt',
    description: 'Pseudonymisierte Anfragen über das Kontaktformular mit den Antworten, die der Bürgerservice als zutreffend bewertet hat.',
    versions: [
      {
        label: '2026-1',
        source: 'Export aus dem Ticketsystem des Bürgerservice, pseudonymisiert durch das Prüflabor',
        receivedDaysAgo: 75,
        notes: '1.200 Anfragen mit Musterantworten und Bewertung durch zwei Beschäftigte des Bürgerservice.',
        manifest: files(
          ['anfragen.jsonl', '4a352a199488de1054092db2b5b15d7fbc7c0ce88b2b8b2fcdd3ecaf37bc8faf', 3_407_872],
          ['musterantworten.jsonl', '5ef654a29c8ee0d527028536ac5c6821ec0351df47938eb612bc96429621c6cb', 4_194_304],
          ['pseudonymisierung-protokoll.pdf', '0aca18d50120480d72d8880b9d4d18618a15374474801b4746a18e6f9fad8270', 245_760],
        ),
        custody: receivedAndStored({ daysAgo: 75, by: 'Anja Köhler', note: 'Übergabe per verschlüsseltem Datenträger nach Pseudonymisierung.' }, { daysAgo: 75, hour: 3 }),
        usedBy: [{ system: CHATBOT, role: 'test', note: 'Prüfung der Antwortqualität vor jeder neuen Modellfassung.' }],
        datasheet: {
          origin: 'Anfragen von Bürgerinnen und Bürgern über das Kontaktformular; Namen, Anschriften, Telefonnummern und Aktenzeichen durch Platzhalter ersetzt, die Zuordnungstabelle bleibt im Bürgerservice.',
          collectionFromDaysAgo: 540,
          collectionToDaysAgo: 120,
          personalData: true,
          legalBasis: 'Pseudonymisierte Daten bleiben personenbezogen. Die Anfragen wurden zur Beantwortung erhoben (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 BDSG); ihre Weiterverwendung zur Prüfung des Bürger-Assistenten stützt sich auf die Vorschriften zur Zweckänderung durch öffentliche Stellen (§ 23 BDSG). Der behördliche Datenschutzbeauftragte wurde beteiligt.',
          gapsAndBiases: 'Anfragen in Fremdsprachen und in Leichter Sprache sind selten (unter 3 %); Anfragen aus den Sommermonaten fehlen wegen einer Systemumstellung; Freitextbeschwerden sind überrepräsentiert.',
          intendedUse: 'Prüfung der Antwortqualität des Bürger-Assistenten im Prüflabor.',
          independentOfTraining: 'unknown',
          independenceNote: 'Der Lieferant versichert, keine Daten des Amtes für das Training genutzt zu haben; ein Nachweis liegt noch nicht vor.',
        },
      },
    ],
  }),
];

export interface DemoMethod {
  name: string;
  harness: LabHarness;
  harnessVersion: string;
  configuration: LabMethodConfiguration;
  description: string;
  validation: { daysAgo: number; report: string };
  /** Lab staff authorised for the method, since how many days. */
  authorised: { user: string; sinceDaysAgo: number; note: string }[];
}

export const DEMO_METHODS: DemoMethod[] = [
  {
    name: 'Wortfehlerrate der Transkription (deutsch und weitere Sprachen)',
    harness: 'own-script',
    harnessVersion: 'pl-wer 1.4.2 (Commit 3f9c2ab)',
    configuration: {
      task: 'Transkription des Prüfkorpus Sprachaufnahmen, Textnormalisierung nach Hausregel PL-N3 (Zahlen ausgeschrieben, Satzzeichen entfernt)',
      prompts: [],
      decoding: { beam_size: 5, language: 'auto', seed: 1234 },
      metrics: [
        { name: 'wer', unit: '%', higherIsBetter: false, description: 'Wortfehlerrate über alle Aufnahmen' },
        { name: 'wer_ar_ru', unit: '%', higherIsBetter: false, description: 'Wortfehlerrate der arabisch- und russischsprachigen Aufnahmen' },
        { name: 'cer', unit: '%', higherIsBetter: false, description: 'Zeichenfehlerrate' },
      ],
    },
    description: 'Skript des Prüflabors, das Transkripte gegen die Referenztranskripte vergleicht und die Fehlerraten je Sprache ausweist.',
    validation: {
      daysAgo: 120,
      report: 'Gegen 50 händisch ausgezählte Aufnahmen geprüft: Abweichung der Wortfehlerrate höchstens 0,1 Prozentpunkte. Wiederholbarkeit mit festem Seed auf zwei Umgebungen bestätigt.',
    },
    authorised: [{ user: LAB_USER, sinceDaysAgo: 118, note: 'Einweisung in die Normalisierungsregeln erfolgt.' }],
  },
  {
    name: 'Antwortqualität Bürgeranfragen (lm-evaluation-harness)',
    harness: 'lm-evaluation-harness',
    harnessVersion: '0.4.5',
    configuration: {
      task: 'bds_buergeranfragen_de (eigene Aufgabe, Testkorpus Bürgeranfragen 2026-1)',
      prompts: [
        {
          name: 'antwort',
          template: 'Sie beantworten Anfragen an das Bundesamt für Digitale Sicherheit sachlich und in verständlicher Sprache.\n\nAnfrage: {{anfrage}}\nAntwort:',
        },
      ],
      decoding: { num_fewshot: 0, temperature: 0, max_gen_toks: 512, seed: 42 },
      metrics: [
        { name: 'rouge_l', unit: '', higherIsBetter: true, description: 'Übereinstimmung mit der Musterantwort' },
        { name: 'zustaendigkeit_acc', unit: '', higherIsBetter: true, description: 'Anteil der Anfragen, bei denen die zuständige Stelle richtig genannt wird' },
      ],
    },
    description: 'Automatisierte Prüfung mit dem lm-evaluation-harness; eine Stichprobe von 100 Antworten bewerten zusätzlich zwei Beschäftigte des Bürgerservice.',
    validation: {
      daysAgo: 40,
      report: 'Aufgabendefinition gegen 30 Anfragen mit bekannter Bewertung geprüft; Ergebnisse bei drei Wiederholungen identisch (Temperatur 0, fester Seed).',
    },
    authorised: [{ user: LAB_USER, sinceDaysAgo: 38, note: '' }],
  },
];

export interface DemoEnvironment {
  environment: Omit<LabEnvironmentCreate, 'orgUnitId'>;
  verification: { referenceRun: string; metric: string; expectedValue: number; measuredValue: number; tolerance: number; verifiedDaysAgo: number; validUntilDaysAgo?: number; notes: string };
}

export const DEMO_ENVIRONMENTS: DemoEnvironment[] = [
  {
    environment: {
      name: 'GPU-Prüfstand PL-GPU-01',
      hardware: { cpu: 'AMD EPYC 9354 (32 Kerne)', gpuModel: 'NVIDIA L40S', gpuCount: 4, memoryGb: 512 },
      driverVersion: '550.90.07',
      runtime: { python: '3.11.9', cuda: '12.4', other: 'PyTorch 2.4.1' },
      containerDigest: 'sha256:6de03de46f31d30455d564ccbca2ab3656440a1254e76728c779e51717301ea1',
      location: 'Serverraum Prüflabor, Gebäude B, Schrank 3',
      notes: 'Abgeschottetes Prüfnetz ohne Internetzugang.',
      verificationValidityMonths: 6,
    },
    verification: {
      referenceRun: 'Referenzlauf R-WER-07 (Spracherkennung 4.2.0 auf Prüfkorpus 1.0)',
      metric: 'wer',
      expectedValue: 8.4,
      measuredValue: 8.46,
      tolerance: 0.2,
      verifiedDaysAgo: 30,
      notes: 'Nach Austausch einer GPU wiederholt; Abweichung im Rahmen.',
    },
  },
  {
    environment: {
      name: 'CPU-Prüfumgebung PL-CPU-02',
      hardware: { cpu: 'Intel Xeon Gold 6430 (2 × 32 Kerne)', gpuModel: '', gpuCount: 0, memoryGb: 256 },
      driverVersion: '',
      runtime: { python: '3.11.9', cuda: '', other: '' },
      containerDigest: 'sha256:b669e01514ba1f79580ec9ced1ad2b31a580bf49d2471188bd707650bc64e4fa',
      location: 'Serverraum Prüflabor, Gebäude B, Schrank 1',
      notes: 'Für Klassifikatoren und kleinere Modelle.',
      verificationValidityMonths: 6,
    },
    verification: {
      referenceRun: 'Referenzlauf R-KLS-02 (Dokumentklassifikator auf festem Prüfsatz)',
      metric: 'macro_f1',
      expectedValue: 0.871,
      measuredValue: 0.871,
      tolerance: 0.005,
      verifiedDaysAgo: 200,
      validUntilDaysAgo: 17,
      notes: '',
    },
  },
];
