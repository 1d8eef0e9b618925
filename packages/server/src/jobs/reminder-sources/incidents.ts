import { officeToday, type IncidentDuty } from '@konform/core';
import type { Database } from '../../db/database.js';
import { deadlinesOf, type IncidentRow } from '../../modules/incidents/presenter.js';
import { formatInstant, incidentRef } from '../../modules/incidents/report.js';
import type { Occasion } from './types.js';

/** A running incident deadline is announced this many hours ahead (the shortest Art. 73 period is 2 days). */
export const INCIDENT_NOTICE_HOURS = 24;

const DUTY: Record<IncidentDuty, { de: string; en: string }> = {
  'report-widespread': { de: 'Meldung an die Marktüberwachungsbehörde (weitverbreiteter Verstoß)', en: 'report to the market surveillance authority (widespread infringement)' },
  'report-critical-infrastructure': { de: 'Meldung an die Marktüberwachungsbehörde (kritische Infrastruktur)', en: 'report to the market surveillance authority (critical infrastructure)' },
  'report-death': { de: 'Meldung an die Marktüberwachungsbehörde (Todesfall)', en: 'report to the market surveillance authority (death)' },
  'report-serious-incident': { de: 'Meldung an die Marktüberwachungsbehörde', en: 'report to the market surveillance authority' },
  'inform-provider': { de: 'Information des Anbieters', en: 'informing the provider' },
};

/**
 * Incident deadlines (the governing one of each open incident) due within 24 hours or overdue, to everyone who may
 * report incidents of the unit; and complaints / explanation requests past their due date, to those who may edit them.
 */
export async function incidentOccasions(database: Database, now: Date): Promise<Occasion[]> {
  const db = database.db;
  const rows: IncidentRow[] = await db
    .selectFrom('incident')
    .innerJoin('ai_system', 'ai_system.id', 'incident.system_id')
    .selectAll('incident')
    .select(['ai_system.name as system_name', 'ai_system.roles as system_roles'])
    .where('incident.status', '!=', 'closed')
    .where('ai_system.archived_at', 'is', null)
    .execute();
  const result: Occasion[] = [];
  const horizon = new Date(now.getTime() + INCIDENT_NOTICE_HOURS * 3_600_000).toISOString();
  for (const row of rows) {
    const d = deadlinesOf(row).find((x) => x.governing);
    if (!d || d.dueAt > horizon) continue;
    const overdue = d.dueAt < now.toISOString();
    const ref = incidentRef(Number(row.number));
    const due = { de: formatInstant(d.dueAt, 'de'), en: formatInstant(d.dueAt, 'en') };
    result.push({
      kind: overdue ? 'incident-deadline-overdue' : 'incident-deadline-due',
      key: `incident-deadline:${row.id}:${d.duty}:${d.dueAt}:${overdue ? "overdue" : "due"}`,
      recipients: { permission: d.duty === 'inform-provider' ? 'incident.edit' : 'incident.report', unitId: row.org_unit_id },
      link: `/incidents/${row.id}`,
      title: overdue
        ? { de: `Frist überschritten: ${ref} ${row.title}`, en: `Deadline passed: ${ref} ${row.title}` }
        : { de: `Frist läuft ab: ${ref} ${row.title}`, en: `Deadline ending: ${ref} ${row.title}` },
      body: {
        de: `Vorfall ${ref} des KI-Systems „${row.system_name}“: ${DUTY[d.duty].de} (${d.ref}) ist fällig am ${due.de}.`,
        en: `Incident ${ref} of the AI system "${row.system_name}": ${DUTY[d.duty].en} (${d.ref}) is due on ${due.en}.`,
      },
    });
  }
  const today = officeToday(now);
  const complaints = await db
    .selectFrom('complaint')
    .innerJoin('ai_system', 'ai_system.id', 'complaint.system_id')
    .select(['complaint.id', 'complaint.number', 'complaint.subject', 'complaint.due_date', 'complaint.org_unit_id', 'ai_system.name as system_name'])
    .where('complaint.status', '=', 'open')
    .where('complaint.due_date', '<', today)
    .execute();
  for (const c of complaints) {
    result.push({
      kind: 'complaint-overdue',
      key: `complaint-overdue:${c.id}:${c.due_date}`,
      recipients: { permission: 'complaint.edit', unitId: c.org_unit_id },
      link: `/complaints/${c.id}`,
      title: { de: `Antwort überfällig: B-${c.number} ${c.subject}`, en: `Answer overdue: C-${c.number} ${c.subject}` },
      body: {
        de: `Die Eingabe B-${c.number} „${c.subject}“ zum KI-System „${c.system_name}“ war bis ${c.due_date} zu beantworten.`,
        en: `Entry C-${c.number} "${c.subject}" about the AI system "${c.system_name}" was due for an answer on ${c.due_date}.`,
      },
    });
  }
  return result;
}
