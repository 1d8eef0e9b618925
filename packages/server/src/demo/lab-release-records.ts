import type { LabComparator, TestItemType } from '@konform/core';

/**
 * The test lab of the demo portfolio (second part): test plans, recorded runs (one failing, one corrected by an
 * amendment) and release gates (one released by the lab and the coordination, one that is not releasable). Items,
 * methods and environments are those of lab-records.ts, named by name and label; times are relative to loading.
 */

const TRANSCRIPTION = 'Transkription von TKÜ-Audiodaten';
const CHATBOT = 'Bürger-Assistent für Anfragen über das Kontaktformular';
const WER_METHOD = 'Wortfehlerrate der Transkription (deutsch und weitere Sprachen)';
const ANSWER_METHOD = 'Antwortqualität Bürgeranfragen (lm-evaluation-harness)';
const GPU = 'GPU-Prüfstand PL-GPU-01';

export interface DemoCase {
  key: string;
  name: string;
  description: string;
  metric: string;
  comparator: LabComparator;
  threshold: number;
  unit: string;
  method: string;
  /** The dataset version it uses, as "name label". */
  dataset: { name: string; label: string } | null;
  mandatory: boolean;
  regressionTolerance: number | null;
  requirementKeys: string[];
}

export interface DemoPlan {
  system: string;
  name: string;
  description: string;
  cases: DemoCase[];
}

export interface DemoRun {
  /** A key to name the run in amendments; not stored. */
  ref: string;
  plan: string;
  method: string;
  environment: string;
  items: { type: TestItemType; name: string; label: string }[];
  seed: string;
  /** Started this many hours before loading; the run took `hours`. */
  startedHoursAgo: number;
  hours: number;
  results: { metric: string; value: number; unit: string; ciLower?: number; ciUpper?: number; sampleSize?: number }[];
  deviations: string;
  notes: string;
  /** A correction of the run named: recorded as an amendment with this reason. */
  amends?: { ref: string; reason: string };
}

export interface DemoGate {
  system: string;
  plan: string;
  title: string;
  regressionTolerance: number;
  /** Signed by the lab and the coordination (when the demo password is known): released. */
  signedBy: { user: string; comment: string }[];
}

export const DEMO_PLANS: DemoPlan[] = [
  {
    system: TRANSCRIPTION,
    name: 'Abnahme Spracherkennung für den Betrieb',
    description: 'Abnahme- und Regressionsprüfung jeder neuen Fassung der Spracherkennung auf dem Prüfkorpus Sprachaufnahmen, bevor sie in den Betrieb geht.',
    cases: [
      {
        key: 'WER-01', name: 'Wortfehlerrate über alle Aufnahmen', description: 'Hausregel PL-N3; Konfidenzintervall aus 1.000 Bootstrap-Stichproben.',
        metric: 'wer', comparator: '<=', threshold: 12, unit: '%', method: WER_METHOD, dataset: { name: 'Prüfkorpus Sprachaufnahmen', label: '1.1' },
        mandatory: true, regressionTolerance: 0.5, requirementKeys: ['eu-ai-act:art-15-1'],
      },
      {
        key: 'WER-02', name: 'Wortfehlerrate Arabisch und Russisch', description: 'Gleiche Genauigkeit für die Sprachen, in denen Fehler am häufigsten waren.',
        metric: 'wer_ar_ru', comparator: '<=', threshold: 18, unit: '%', method: WER_METHOD, dataset: { name: 'Prüfkorpus Sprachaufnahmen', label: '1.1' },
        mandatory: true, regressionTolerance: 1, requirementKeys: ['eu-ai-act:art-10-2-f'],
      },
      {
        key: 'CER-01', name: 'Zeichenfehlerrate', description: 'Zur Beobachtung; keine Abnahmebedingung.',
        metric: 'cer', comparator: '<=', threshold: 6, unit: '%', method: WER_METHOD, dataset: { name: 'Prüfkorpus Sprachaufnahmen', label: '1.1' },
        mandatory: false, regressionTolerance: null, requirementKeys: [],
      },
    ],
  },
  {
    system: CHATBOT,
    name: 'Antwortqualität vor jeder neuen Modellfassung',
    description: 'Prüfung der Antworten des Bürger-Assistenten auf dem Testkorpus Bürgeranfragen, bevor der Lieferant eine neue Modellfassung einspielt.',
    cases: [
      {
        key: 'ANT-01', name: 'Übereinstimmung mit der Musterantwort', description: '',
        metric: 'rouge_l', comparator: '>=', threshold: 0.45, unit: '', method: ANSWER_METHOD, dataset: { name: 'Testkorpus Bürgeranfragen', label: '2026-1' },
        mandatory: true, regressionTolerance: null, requirementKeys: ['eu-ai-act:art-15-1'],
      },
      {
        key: 'ANT-02', name: 'Zuständige Stelle richtig genannt', description: 'Falsche Zuständigkeiten führen Bürgerinnen und Bürger in die Irre.',
        metric: 'zustaendigkeit_acc', comparator: '>=', threshold: 0.9, unit: '', method: ANSWER_METHOD, dataset: { name: 'Testkorpus Bürgeranfragen', label: '2026-1' },
        mandatory: true, regressionTolerance: null, requirementKeys: [],
      },
    ],
  },
];

const ASR_ITEMS: DemoRun['items'] = [
  { type: 'model', name: 'Spracherkennung HWS-ASR', label: '4.3.1' },
  { type: 'dataset', name: 'Prüfkorpus Sprachaufnahmen', label: '1.1' },
];

/** The acceptance run of 4.3.1; `arRu` is the Arabic and Russian word error rate as evaluated. */
const asrRun = (arRu: { value: number; ciLower: number; ciUpper: number }): Omit<DemoRun, 'ref' | 'notes' | 'deviations'> => ({
  plan: 'Abnahme Spracherkennung für den Betrieb', method: WER_METHOD, environment: GPU, items: ASR_ITEMS, seed: '1234', startedHoursAgo: 70, hours: 5,
  results: [
    { metric: 'wer', value: 9.4, unit: '%', ciLower: 9.1, ciUpper: 9.7, sampleSize: 1480 },
    { metric: 'wer_ar_ru', unit: '%', sampleSize: 310, ...arRu },
    { metric: 'cer', value: 4.1, unit: '%', sampleSize: 1480 },
  ],
});

export const DEMO_RUNS: DemoRun[] = [
  { ref: 'asr-1', ...asrRun({ value: 19.2, ciLower: 18.4, ciUpper: 20 }), deviations: '', notes: 'Abnahmelauf der Fassung 4.3.1.' },
  {
    ref: 'asr-2', ...asrRun({ value: 16.9, ciLower: 16.1, ciUpper: 17.7 }),
    deviations: 'Auswertung wiederholt; die Transkripte des Laufs blieben unverändert.',
    notes: 'Berichtigte Auswertung des Abnahmelaufs.',
    amends: {
      ref: 'asr-1',
      reason: 'Die arabisch- und russischsprachigen Referenztranskripte wurden nach der alten Hausregel PL-N2 normalisiert statt nach PL-N3; dieselben Transkripte neu ausgewertet.',
    },
  },
  {
    ref: 'chat-1', plan: 'Antwortqualität vor jeder neuen Modellfassung', method: ANSWER_METHOD, environment: GPU,
    items: [{ type: 'model', name: 'Sprachmodell Wortwerk Dialog', label: '2026-09' }, { type: 'dataset', name: 'Testkorpus Bürgeranfragen', label: '2026-1' }],
    seed: '42', startedHoursAgo: 30, hours: 2,
    results: [
      { metric: 'rouge_l', value: 0.512, unit: '', sampleSize: 800 },
      { metric: 'zustaendigkeit_acc', value: 0.865, unit: '', ciLower: 0.84, ciUpper: 0.888, sampleSize: 800 },
    ],
    deviations: '',
    notes: 'Zuständigkeit bei Anfragen zu Förderprogrammen häufig falsch genannt; an den Lieferanten gemeldet.',
  },
];

export const DEMO_GATES: DemoGate[] = [
  {
    system: TRANSCRIPTION,
    plan: 'Abnahme Spracherkennung für den Betrieb',
    title: 'Freigabe Spracherkennung 4.3.1 für den Betrieb',
    regressionTolerance: 0.5,
    signedBy: [
      { user: 'prueflabor@bds.demo', comment: 'Alle Pflicht-Prüffälle bestanden; Auswertung des Abnahmelaufs berichtigt (Prüflauf der Berichtigung).' },
      { user: 'koordination@bds.demo', comment: 'Freigabe für den Betrieb im Referat E 1.' },
    ],
  },
  {
    system: CHATBOT,
    plan: 'Antwortqualität vor jeder neuen Modellfassung',
    title: 'Freigabe Wortwerk Dialog 2026-09',
    regressionTolerance: 0.01,
    signedBy: [],
  },
];
