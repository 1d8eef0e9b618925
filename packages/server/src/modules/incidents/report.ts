import type { DocBlock, DocumentModel, Incident, IncidentReportKind } from '@konform/core';

type Lang = 'de' | 'en';

const T = {
  de: {
    initial: 'Erstmeldung eines schwerwiegenden Vorfalls', complete: 'Abschließende Meldung eines schwerwiegenden Vorfalls',
    basis: 'Meldung nach Art. 73 der Verordnung (EU) 2024/1689. Eine Erstmeldung darf unvollständig sein; die vollständige Meldung folgt (Art. 73(5)).',
    facts: 'Angaben zum Vorfall', system: 'KI-System', ref: 'Aktenzeichen', title: 'Bezeichnung', occurred: 'Eingetreten am', aware: 'Kenntnis erlangt am',
    affected: 'Betroffene Personen', harm: 'Schaden', description: 'Beschreibung', role: 'Rolle der Organisation', provider: 'Anbieter', deployer: 'Betreiber',
    assessment: 'Einstufung (Art. 3 Nr. 49 und Nr. 61)', question: 'Frage', answer: 'Antwort', yes: 'ja', no: 'nein', open: 'offen',
    deadlines: 'Fristen', duty: 'Pflicht', basisCol: 'Grundlage', due: 'Fällig', met: 'Erfüllt am', rule: 'Fristberechnung',
    calendar: 'Kalendertage ab dem Tag nach der Kenntnis, Fristende 24:00 Uhr (Europe/Berlin)', hours: 'Stunden ab dem Zeitpunkt der Kenntnis',
    submissions: 'Übermittlungen', channel: 'Weg', reference: 'Zeichen der Behörde', submittedAt: 'Übermittelt am', by: 'Erfasst von', none: 'Noch keine.',
    kinds: { initial: 'Erstmeldung', complete: 'Abschließende Meldung' },
    questions: {
      death: 'Tod einer Person', seriousHealthHarm: 'Schwere Gesundheitsschädigung', criticalInfrastructure: 'Schwere, unumkehrbare Störung kritischer Infrastruktur',
      fundamentalRights: 'Verstoß gegen Pflichten zum Schutz der Grundrechte', propertyOrEnvironment: 'Schwerer Sach- oder Umweltschaden', widespread: 'Weitverbreiteter Verstoß',
    },
    duties: {
      'report-widespread': 'Meldung: weitverbreiteter Verstoß', 'report-critical-infrastructure': 'Meldung: Störung kritischer Infrastruktur', 'report-death': 'Meldung: Todesfall',
      'report-serious-incident': 'Meldung: schwerwiegender Vorfall', 'inform-provider': 'Anbieter informieren',
    },
  },
  en: {
    initial: 'Initial report of a serious incident', complete: 'Complete report of a serious incident',
    basis: 'Report under Article 73 of Regulation (EU) 2024/1689. An initial report may be incomplete; the complete report follows (Art. 73(5)).',
    facts: 'The incident', system: 'AI system', ref: 'Reference', title: 'Title', occurred: 'Occurred at', aware: 'Became aware at',
    affected: 'Affected persons', harm: 'Harm', description: 'Description', role: "Organisation's role", provider: 'Provider', deployer: 'Deployer',
    assessment: 'Assessment (Art. 3(49) and 3(61))', question: 'Question', answer: 'Answer', yes: 'yes', no: 'no', open: 'open',
    deadlines: 'Deadlines', duty: 'Duty', basisCol: 'Basis', due: 'Due', met: 'Met at', rule: 'Counting rule',
    calendar: 'Calendar days from the day after awareness, ending at midnight (Europe/Berlin)', hours: 'Hours from the moment of awareness',
    submissions: 'Submissions', channel: 'Channel', reference: "Authority's reference", submittedAt: 'Submitted at', by: 'Recorded by', none: 'None yet.',
    kinds: { initial: 'Initial report', complete: 'Complete report' },
    questions: {
      death: 'Death of a person', seriousHealthHarm: 'Serious harm to health', criticalInfrastructure: 'Serious and irreversible disruption of critical infrastructure',
      fundamentalRights: 'Infringement of obligations protecting fundamental rights', propertyOrEnvironment: 'Serious harm to property or the environment', widespread: 'Widespread infringement',
    },
    duties: {
      'report-widespread': 'Report: widespread infringement', 'report-critical-infrastructure': 'Report: critical-infrastructure disruption', 'report-death': 'Report: death',
      'report-serious-incident': 'Report: serious incident', 'inform-provider': 'Inform the provider',
    },
  },
} as const;

/** Timestamps in the document: Berlin wall time with the zone named, so the reader needs no conversion. */
export function formatInstant(iso: string | null, lang: Lang): string {
  if (iso === null) return '–';
  const text = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return `${text} (Europe/Berlin)`;
}

export const incidentRef = (number: number) => `INC-${number}`;

/** The initial or complete report of an incident as a document model (rendered to PDF, DOCX or Markdown). */
export function incidentReport(incident: Incident, kind: IncidentReportKind, lang: Lang, options: { marking: string | null; date: string; unitName: string }): DocumentModel {
  const t = T[lang];
  const answer = (v: boolean | null) => (v === null ? t.open : v ? t.yes : t.no);
  const blocks: DocBlock[] = [
    { type: 'paragraph', text: t.basis },
    { type: 'heading', level: 1, text: t.facts },
    {
      type: 'keyValue',
      items: [
        { key: t.ref, value: incidentRef(incident.number) },
        { key: t.system, value: `${incident.systemName} (${options.unitName})` },
        { key: t.role, value: incident.role === 'provider' ? t.provider : t.deployer },
        { key: t.title, value: incident.title },
        { key: t.occurred, value: formatInstant(incident.occurredAt, lang) },
        { key: t.aware, value: formatInstant(incident.awareAt, lang) },
        { key: t.affected, value: incident.affectedPersons || '–' },
        { key: t.harm, value: incident.harm || '–' },
      ],
    },
    ...(incident.description ? [{ type: 'paragraph' as const, text: incident.description }] : []),
    { type: 'heading', level: 1, text: t.assessment },
    { type: 'table', columns: [t.question, t.answer], rows: Object.entries(t.questions).map(([key, label]) => [label, answer(incident.assessment[key as keyof Incident['assessment']])]), widths: [4, 1] },
    { type: 'heading', level: 1, text: t.deadlines },
    { type: 'paragraph', text: `${t.rule}: ${incident.countingRule === 'hours' ? t.hours : t.calendar}` },
    {
      type: 'table', columns: [t.duty, t.basisCol, t.due, t.met],
      rows: incident.deadlines.map((d) => [t.duties[d.duty], d.ref, formatInstant(d.dueAt, lang), formatInstant(d.metAt, lang)]), widths: [3, 1, 2, 2],
    },
    { type: 'heading', level: 1, text: t.submissions },
    incident.submissions.length === 0
      ? { type: 'paragraph', text: t.none }
      : {
          type: 'table', columns: [t.title, t.submittedAt, t.channel, t.reference, t.by],
          rows: incident.submissions.map((s) => [t.kinds[s.kind], formatInstant(s.submittedAt, lang), s.channel, s.reference || '–', s.byLabel]),
        },
  ];
  return {
    id: `${incidentRef(incident.number)}-${kind === 'initial' ? 'INITIAL' : 'COMPLETE'}`,
    title: kind === 'initial' ? t.initial : t.complete,
    subtitle: `${incidentRef(incident.number)} · ${incident.title}`,
    version: String(incident.version),
    date: options.date,
    language: lang,
    marking: options.marking,
    blocks,
  };
}
