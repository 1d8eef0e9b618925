import type { DashboardProgressCounts, DashboardRiskClass } from '../schemas/dashboard.js';

type Localised = { de: string; en: string };

/** The order risk classes appear in on the dashboard and in the report. */
export const DASHBOARD_RISK_CLASSES: readonly DashboardRiskClass[] = ['prohibited', 'high', 'limited', 'minimal', 'out-of-scope', 'unclassified'];

/** Requirement-row states that count as done (as in the compliance matrix). */
export const DONE_STATUSES: readonly string[] = ['implemented', 'verified'];

/** Stored requirement rows by status → the dashboard's progress figures; unknown statuses are ignored. */
export function progressCounts(byStatus: Readonly<Record<string, number>>): DashboardProgressCounts {
  const n = (s: string) => byStatus[s] ?? 0;
  const open = n('open');
  const inProgress = n('in-progress');
  const implemented = n('implemented');
  const verified = n('verified');
  const relevant = open + inProgress + implemented + verified;
  const done = implemented + verified;
  return { open, inProgress, implemented, verified, notApplicable: n('not-applicable'), relevant, done, percent: relevant === 0 ? null : Math.floor((done * 100) / relevant) };
}

/** What the readiness rule needs to know about one high-risk system. */
export interface ReadinessFacts {
  /** The system's classification is approved (signed), not a draft and not in need of review. */
  classificationApproved: boolean;
  /** Current (not retired) requirement rows that are open or in progress. */
  pendingRows: number;
  /** Current requirement rows that are implemented, verified or not applicable (with justification). */
  settledRows: number;
}

/**
 * A high-risk system is *ready* for the date its route's obligations apply from when its classification is approved,
 * none of its current requirement rows is open or in progress, and at least one row has been settled (implemented,
 * verified or justified as not applicable). Anything else is *not ready*. Requirements nobody has touched are not
 * stored and cannot be counted here; the system's compliance matrix remains the exact view.
 */
export function isReady(f: ReadinessFacts): boolean {
  return f.classificationApproved && f.pendingRows === 0 && f.settledRows > 0;
}

const longDate = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));

/** Short names of the high-risk routes for the dashboard's sentences. */
const ROUTE_NAMES: Record<string, Localised> = {
  'annex-iii-high-risk': { de: 'Pflichten für Hochrisiko-KI-Systeme nach Anhang III', en: 'Annex III obligations' },
  'annex-i-high-risk': { de: 'Pflichten für Hochrisiko-KI-Systeme nach Anhang I', en: 'Annex I obligations' },
};

/** "Annex III obligations apply from 2 December 2027: 4 systems not ready" (past dates: "have applied since"). */
export function legalDateLabel(groupId: string, title: Localised, date: string, past: boolean, notReady: number, systems: number): Localised {
  const name = ROUTE_NAMES[groupId] ?? title;
  const de = `${name.de} ${past ? 'gelten seit' : 'gelten ab'} ${longDate(date, 'de-DE')}: ${notReady === 1 ? '1 System' : `${notReady} Systeme`} von ${systems} nicht bereit`;
  const en = `${name.en} ${past ? 'have applied since' : 'apply from'} ${longDate(date, 'en-GB')}: ${notReady === 1 ? '1 system' : `${notReady} systems`} of ${systems} not ready`;
  return { de, en };
}

/** The ids of the two highest levels of a risk matrix (by rank): the levels the dashboard counts as high. */
export function highRiskLevels(levels: readonly { id: string; rank: number }[]): string[] {
  return [...levels].sort((a, b) => b.rank - a.rank).slice(0, 2).map((l) => l.id);
}

/** Every key of `order` with its count from `counts` (0 when missing), in that order. */
export function inOrder<K extends string>(order: readonly K[], counts: ReadonlyMap<string, number>): { key: K; count: number }[] {
  return order.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}
