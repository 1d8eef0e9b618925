import type { DocumentModel, Role, TrainingState, UnitTrainingStatus } from '@konform/core';
import { formatDate } from '../../documents/common.js';

type Lang = 'de' | 'en';

const T = {
  de: {
    title: 'Nachweis KI-Kompetenz (Art. 4 KI-VO)',
    intro:
      'Anbieter und Betreiber von KI-Systemen ergreifen Maßnahmen, damit ihr Personal und andere Personen, die in ihrem Auftrag mit KI-Systemen umgehen, über ein ausreichendes Maß an KI-Kompetenz verfügen (Art. 4 KI-VO). Dieser Nachweis zeigt für die Organisationseinheit, welche Schulungen die Rollen ihrer Mitglieder verlangen und wer sie zum Stichtag aktuell abgeschlossen hat.',
    rule:
      'Regel: Es zählt die letzte nicht zurückgezogene Teilnahme. Sie gilt bis zum früheren Datum aus ihrer Gültigkeit und dem Wiederholungsintervall der Anforderung. In den letzten 30 Tagen davor ist die Schulung fällig, danach überfällig. Wer eine Schulung noch nie abgeschlossen hat, hat dafür eine Frist (Standard 30 Tage) ab Einrichtung der Anforderung bzw. der letzten Änderung seiner Rollen.',
    overview: 'Übersicht', unit: 'Organisationseinheit', asOf: 'Stichtag', members: 'Mitglieder', required: 'Erforderliche Schulungen (Person × Kurs)',
    current: 'aktuell', due: 'fällig', overdue: 'überfällig', percent: 'Anteil aktuell', none: '–', open: 'offen',
    people: 'Stand je Person', peopleColumns: ['Person', 'Kurs', 'Stand', 'Gültig bis / fällig bis', 'Zuletzt abgeschlossen', 'Verlangt für'],
    noPeople: 'Die Organisationseinheit hat keine Mitglieder mit erforderlichen Schulungen.',
    subUnits: 'Untergeordnete Organisationseinheiten', subColumns: ['Organisationseinheit', 'Erforderlich', 'Aktuell', 'Fällig', 'Überfällig', 'Anteil aktuell'],
    roles: { admin: 'Administration', governance: 'KI-Koordinierung', owner: 'Systemverantwortliche', lab: 'Prüflabor', auditor: 'Auditor', viewer: 'Lesezugriff' },
  },
  en: {
    title: 'AI literacy record (AI Act Art. 4)',
    intro:
      'Providers and deployers of AI systems take measures so that their staff and other persons dealing with AI systems on their behalf have a sufficient level of AI literacy (AI Act Art. 4). This record shows, for the organisational unit, which courses the roles of its members require and who had completed them, and was current, on the reference date.',
    rule:
      "Rule: the latest completion that was not withdrawn counts. It is valid until the earlier of its own validity and the requirement's renewal interval. In the last 30 days before, the course is due; after that, overdue. Someone who never completed a course has a grace period (30 days by default) from when the requirement was set up or their roles last changed.",
    overview: 'Overview', unit: 'Organisational unit', asOf: 'Reference date', members: 'Members', required: 'Required courses (person × course)',
    current: 'current', due: 'due', overdue: 'overdue', percent: 'Share current', none: '–', open: 'open',
    people: 'State per person', peopleColumns: ['Person', 'Course', 'State', 'Valid until / due by', 'Last completed', 'Required for'],
    noPeople: 'The organisational unit has no members with required courses.',
    subUnits: 'Sub-units', subColumns: ['Organisational unit', 'Required', 'Current', 'Due', 'Overdue', 'Share current'],
    roles: { admin: 'Administrator', governance: 'AI coordination', owner: 'System owner', lab: 'Test lab', auditor: 'Auditor', viewer: 'Viewer' },
  },
} as const;

const percent = (value: number | null, lang: Lang) => (value === null ? T[lang].none : `${value} %`);

/** A unit's literacy status as a record document: overview, each person's required courses, the sub-units' sums. */
export function literacyRecordDocument(status: UnitTrainingStatus, lang: Lang, marking: string | null): DocumentModel {
  const t = T[lang];
  const state = (s: TrainingState, open: boolean) => (open && s === 'due' ? t.open : t[s]);
  const rows = status.users.flatMap((u) =>
    u.courses.map((c) => [
      u.displayName,
      c.courseTitle,
      state(c.state, c.lastCompletedOn === null),
      c.dueDate === null ? t.none : formatDate(c.dueDate, lang),
      c.lastCompletedOn === null ? t.none : formatDate(c.lastCompletedOn, lang),
      c.roles.map((r: Role) => t.roles[r]).join(', '),
    ]),
  );
  return {
    id: `LIT-${status.orgUnitId.slice(0, 8).toUpperCase()}-${status.asOf}`,
    title: t.title,
    subtitle: status.orgUnitName,
    version: '1',
    date: status.asOf,
    language: lang,
    marking,
    blocks: [
      { type: 'paragraph', text: t.intro },
      { type: 'heading', level: 1, text: t.overview },
      {
        type: 'keyValue',
        items: [
          { key: t.unit, value: status.orgUnitName },
          { key: t.asOf, value: formatDate(status.asOf, lang) },
          { key: t.members, value: String(status.users.length) },
          { key: t.required, value: String(status.summary.required) },
          { key: t.current, value: String(status.summary.current) },
          { key: t.due, value: String(status.summary.due) },
          { key: t.overdue, value: String(status.summary.overdue) },
          { key: t.percent, value: percent(status.summary.percentCurrent, lang) },
        ],
      },
      { type: 'paragraph', text: t.rule },
      { type: 'heading', level: 1, text: t.people },
      rows.length === 0 ? { type: 'paragraph', text: t.noPeople } : { type: 'table', columns: [...t.peopleColumns], rows, widths: [3, 4, 2, 2, 2, 3] },
      ...(status.units.length === 0
        ? []
        : [
            { type: 'heading' as const, level: 1 as const, text: t.subUnits },
            {
              type: 'table' as const,
              columns: [...t.subColumns],
              rows: status.units.map((u) => [u.name, String(u.summary.required), String(u.summary.current), String(u.summary.due), String(u.summary.overdue), percent(u.summary.percentCurrent, lang)]),
              widths: [4, 2, 2, 2, 2, 2],
            },
          ]),
    ],
  };
}
