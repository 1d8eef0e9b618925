import { OFFICE_TIME_ZONE, addCalendarDays, calendarDate } from '../dates.js';

/**
 * How a period of N days after awareness is counted (a setting, because the Act does not spell it out):
 * - `calendar-days`: the day of awareness does not count; the period ends at the end of the N-th calendar day after it,
 *   in the office's time zone (Europe/Berlin). Daylight-saving changes do not move the end of a day.
 * - `hours`: N × 24 hours from the moment of awareness.
 */
export const COUNTING_RULES = ['calendar-days', 'hours'] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];

/** The Art. 3(49) questions and the Art. 3(61) question; null: not yet answered. */
export interface IncidentAssessment {
  /** 3(49)(a): a person died. */
  death: boolean | null;
  /** 3(49)(a): serious harm to a person's health. */
  seriousHealthHarm: boolean | null;
  /** 3(49)(b): serious and irreversible disruption of the management or operation of critical infrastructure. */
  criticalInfrastructure: boolean | null;
  /** 3(49)(c): infringement of Union-law obligations protecting fundamental rights. */
  fundamentalRights: boolean | null;
  /** 3(49)(d): serious harm to property or the environment. */
  propertyOrEnvironment: boolean | null;
  /** 3(61): a widespread infringement. */
  widespread: boolean | null;
}

export const INCIDENT_QUESTIONS = ['death', 'seriousHealthHarm', 'criticalInfrastructure', 'fundamentalRights', 'propertyOrEnvironment', 'widespread'] as const;

/** A serious incident in the sense of Art. 3(49), or a widespread infringement (which Art. 73(3) also makes reportable). */
export function isReportable(a: IncidentAssessment): boolean {
  return INCIDENT_QUESTIONS.some((q) => a[q] === true);
}

export const INCIDENT_DUTIES = ['report-widespread', 'report-critical-infrastructure', 'report-death', 'report-serious-incident', 'inform-provider'] as const;
export type IncidentDuty = (typeof INCIDENT_DUTIES)[number];

export interface IncidentDeadline {
  duty: IncidentDuty;
  /** The provision the duty comes from, e.g. `Art. 73(3)`. */
  ref: string;
  /** The period: days (Art. 73) or hours (the organisation's own clock for informing the provider). */
  period: { days: number } | { hours: number };
  /** ISO 8601 UTC instant the period ends. */
  dueAt: string;
  /** The earliest open deadline: the one that governs. */
  governing: boolean;
  /** When the duty was met (the report submitted, the provider informed); null while open. */
  metAt: string | null;
}

export interface IncidentClockInput {
  assessment: IncidentAssessment;
  /** ISO 8601 instant the organisation became aware. */
  awareAt: string;
  /** The organisation is the provider of the system (its roles include `provider`); otherwise it acts as deployer. */
  provider: boolean;
  /** Deployer only: the provider could not be reached, so Art. 73 applies to the deployer (Art. 26(5)). */
  providerUnreachable: boolean;
  /** Deployer only: when the provider was informed. */
  providerInformedAt: string | null;
  /** When the (initial) report reached the authority; it meets every Art. 73 deadline (Art. 73(5) allows an incomplete first report). */
  reportSubmittedAt: string | null;
  rule: CountingRule;
  /** The deployer's own clock for informing the provider "immediately". */
  informProviderHours: number;
}

/** Default clock for the deployer's duty to inform the provider without delay (Art. 26(5)). */
export const DEFAULT_INFORM_PROVIDER_HOURS = 24;

/** The UTC offset of a time zone at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight starts the given calendar day in the time zone. */
export function startOfDay(date: string, timeZone: string = OFFICE_TIME_ZONE): number {
  const naive = Date.parse(`${date}T00:00:00Z`);
  // Two passes: the offset at the guess may differ from the offset at the result when a change lies in between.
  let instant = naive - offsetAt(naive, timeZone);
  instant = naive - offsetAt(instant, timeZone);
  return instant;
}

/** The last millisecond of a calendar day in the time zone. */
export function endOfDay(date: string, timeZone: string = OFFICE_TIME_ZONE): string {
  return new Date(startOfDay(addCalendarDays(date, 1), timeZone) - 1).toISOString();
}

/** The end of a period of `days` after awareness under the counting rule. */
export function periodEnd(awareAt: string, days: number, rule: CountingRule): string {
  const aware = new Date(awareAt);
  if (rule === 'hours') return new Date(aware.getTime() + days * 86_400_000).toISOString();
  return endOfDay(addCalendarDays(calendarDate(aware), days));
}

const ART73: { duty: IncidentDuty; ref: string; days: number; applies: (a: IncidentAssessment) => boolean }[] = [
  { duty: 'report-widespread', ref: 'Art. 73(3)', days: 2, applies: (a) => a.widespread === true },
  { duty: 'report-critical-infrastructure', ref: 'Art. 73(3)', days: 2, applies: (a) => a.criticalInfrastructure === true },
  { duty: 'report-death', ref: 'Art. 73(4)', days: 10, applies: (a) => a.death === true },
  // The 15 days of Art. 73(2) are the outer limit for every reportable incident; shorter ones come on top.
  { duty: 'report-serious-incident', ref: 'Art. 73(2)', days: 15, applies: isReportable },
];

/**
 * The deadlines that run for an incident, earliest first. A provider reports under Art. 73; a deployer informs the
 * provider (own clock) and reports under Art. 73 only when the provider cannot be reached. The earliest deadline not
 * yet met governs.
 */
export function incidentDeadlines(input: IncidentClockInput): IncidentDeadline[] {
  if (!isReportable(input.assessment)) return [];
  const list: Omit<IncidentDeadline, 'governing'>[] = [];
  if (!input.provider) {
    list.push({
      duty: 'inform-provider', ref: 'Art. 26(5)', period: { hours: input.informProviderHours },
      dueAt: new Date(new Date(input.awareAt).getTime() + input.informProviderHours * 3_600_000).toISOString(), metAt: input.providerInformedAt,
    });
  }
  if (input.provider || input.providerUnreachable) {
    for (const d of ART73.filter((c) => c.applies(input.assessment))) {
      list.push({ duty: d.duty, ref: d.ref, period: { days: d.days }, dueAt: periodEnd(input.awareAt, d.days, input.rule), metAt: input.reportSubmittedAt });
    }
  }
  list.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || INCIDENT_DUTIES.indexOf(a.duty) - INCIDENT_DUTIES.indexOf(b.duty));
  const governing = list.find((d) => d.metAt === null);
  return list.map((d) => ({ ...d, governing: d === governing }));
}

/** Time left until a deadline (negative: overdue), in whole hours rounded down and days. */
export function timeLeft(dueAt: string, now: Date): { overdue: boolean; days: number; hours: number } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const totalHours = Math.floor(abs / 3_600_000);
  return { overdue: ms < 0, days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}
