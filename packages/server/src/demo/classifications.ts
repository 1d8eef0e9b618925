import type { Answers } from '@konform/core';

/**
 * Demo classifications, given as questionnaire answers (the facts are derived from them exactly as in the UI).
 * `approvedBy` signs the revision with the demo password; `thenChange` edits the system afterwards, so the
 * portfolio also shows a classification that needs review.
 */
export interface DemoClassification {
  system: string;
  decidedBy: string;
  approvedBy: string | null;
  note: string;
  answers: Answers;
  thenChange?: { deploymentContext: string };
}

const AI_SYSTEM = { 'ai-machine-based': true, 'ai-infers-outputs': true, 'ai-autonomy': true } as const;

export const DEMO_CLASSIFICATIONS: DemoClassification[] = [
  {
    system: 'Nachträglicher Gesichtsbildabgleich mit der Referenzdatenbank',
    decidedBy: 'bildauswertung@bds.demo',
    approvedBy: 'koordination@bds.demo',
    note: 'Nachträgliche biometrische Fernidentifizierung im Ermittlungsverfahren; Genehmigung nach Art. 26 Abs. 10 wird je Einsatz eingeholt.',
    answers: { ...AI_SYSTEM, roles: ['deployer'], 'annex-iii-1': true, 'annex-iii-1-points': ['1.a'], 'deployer-public-authority': true, 'law-enforcement-migration-context': true },
  },
  {
    system: 'Forensischer Stimmenvergleich',
    decidedBy: 'sprachauswertung@bds.demo',
    approvedBy: null,
    note: 'Eigenentwicklung; bewertet die Verlässlichkeit von Sprachaufnahmen als Beweismittel. Abstimmung mit der KI-Koordinierung steht aus.',
    answers: { ...AI_SYSTEM, roles: ['provider', 'deployer'], 'annex-iii-6': true, 'annex-iii-6-points': ['6.c'], 'deployer-public-authority': true, 'law-enforcement-migration-context': true, 'harmonised-standards': 'none' },
  },
  {
    system: 'Bürger-Assistent für Anfragen über das Kontaktformular',
    decidedBy: 'buergerservice@bds.demo',
    approvedBy: 'koordination@bds.demo',
    note: 'Beschafftes Chat-System; die Hinweispflicht nach Art. 50 Abs. 1 trifft den Anbieter, der Hinweis ist vertraglich zugesichert.',
    answers: { ...AI_SYSTEM, roles: ['deployer'], 'transparency-interaction': true, 'deployer-public-authority': true },
  },
  {
    system: 'Transkription von TKÜ-Audiodaten',
    decidedBy: 'sprachauswertung@bds.demo',
    approvedBy: 'koordination@bds.demo',
    note: 'Reine Verschriftung; keine Bewertung von Personen oder Beweismitteln durch das System.',
    answers: { ...AI_SYSTEM, roles: ['deployer'], 'deployer-public-authority': true, 'law-enforcement-migration-context': true },
  },
  {
    system: 'Echtheitsprüfung von Ausweis- und Reisedokumenten',
    decidedBy: 'koordination@bds.demo',
    approvedBy: 'administration@bds.demo',
    note: 'Prüfung von Reisedokumenten ist in Anhang III Nr. 7 Buchst. d ausdrücklich ausgenommen.',
    answers: { ...AI_SYSTEM, roles: ['deployer'], 'deployer-public-authority': true },
  },
  {
    system: 'Klassifikation offener Quellen zu Cyberbedrohungen',
    decidedBy: 'netzwerkanalyse@bds.demo',
    approvedBy: null,
    note: 'Ausschließlich für Zwecke der nationalen Sicherheit; die Anforderungen werden nach Hausverfügung freiwillig angewandt.',
    answers: { ...AI_SYSTEM, roles: ['provider', 'deployer'], 'scope-national-security': true, 'scope-voluntary-application': true, 'deployer-public-authority': true },
  },
  {
    system: 'Berichtsassistent für Auswerteberichte',
    decidedBy: 'koordination@bds.demo',
    approvedBy: 'administration@bds.demo',
    note: 'Entwürfe werden vor jeder Verwendung redaktionell geprüft; keine Veröffentlichung.',
    answers: { ...AI_SYSTEM, roles: ['provider', 'deployer'], 'deployer-public-authority': true },
    thenChange: { deploymentContext: 'Erweiterung: Entwürfe sollen künftig auch für Pressemitteilungen genutzt werden.' },
  },
];
