import {
  LAB_DASHBOARD_WEEKS,
  addCalendarDays,
  isoWeekStart,
  officeToday,
  passRate,
  passRateSince,
  runDay,
  runsPerWeek,
  tallyRuns,
  type LabDashboard,
  type LabDashboardGate,
  type LabDashboardQuery,
  type LabDashboardRun,
  type LabDashboardSubject,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../access/actor.js';
import { tokenSystemIds, unitScope } from '../../access/scope.js';
import type { LabMethodService } from './method-service.js';
import type { LabEnvironmentService } from './environment-service.js';
import { chosenUnits } from './lab-records.js';
import type { GateReader } from './report-service.js';
import * as repo from './dashboard-repository.js';


const LATEST_RUNS = 10;
const EVERYTHING = { limit: 1_000_000, offset: 0 };

const verdictOf = (v: string): 'pass' | 'fail' | 'incomplete' => (v === 'pass' || v === 'fail' ? v : 'incomplete');

function subjectName(row: repo.DashboardRunRow): string {
  return row.system_name ?? row.model_name ?? row.plan_name;
}

function presentRun(row: repo.DashboardRunRow): LabDashboardRun {
  return {
    id: row.id, number: Number(row.number), planId: row.plan_id, planName: row.plan_name, systemId: row.system_id, subjectName: subjectName(row),
    verdict: verdictOf(row.verdict), startedAt: row.started_at, recordedAt: row.recorded_at, operatorLabel: row.operator_label, superseded: row.superseded_by_run_id !== null,
  };
}

/** Pass rate per AI system, or per model for runs of a model's plan; most runs first, then by name. */
function subjects(rows: readonly repo.DashboardRunRow[]): LabDashboardSubject[] {
  const groups = new Map<string, { kind: 'system' | 'model'; id: string; name: string; rows: repo.DashboardRunRow[] }>();
  for (const row of rows) {
    const kind = row.system_id !== null ? 'system' : row.model_id !== null ? 'model' : null;
    const id = row.system_id ?? row.model_id;
    if (kind === null || id === null) continue;
    const key = `${kind}:${id}`;
    const group = groups.get(key) ?? { kind, id, name: subjectName(row), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => {
      const tally = tallyRuns(g.rows.map((r) => ({ startedAt: r.started_at, verdict: verdictOf(r.verdict) })));
      return { kind: g.kind, id: g.id, name: g.name, ...tally, passRate: passRate(tally) };
    })
    .sort((a, b) => b.runs - a.runs || a.name.localeCompare(b.name, 'de'));
}

/**
 * The lab's overview in the units the actor reads (lab.read), optionally one unit with its sub-units; an API token
 * limited to systems sees runs and gates of those systems (and of model plans in its units). Runs corrected by an
 * amendment are left out of the figures: the amendment counts instead.
 */
export class LabDashboardService {
  constructor(
    private readonly database: Database,
    private readonly methods: LabMethodService,
    private readonly environments: LabEnvironmentService,
    /** Computes an open gate's checks live (how many fail); null: the counts are left out. */
    private readonly gates: GateReader | null = null,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** How many of an open gate's checks fail now, of how many. */
  private async checksOf(actor: Actor, gateId: string): Promise<{ failing: number; total: number } | null> {
    if (!this.gates) return null;
    const { checks } = await this.gates.get(actor, gateId);
    return { failing: checks.filter((c) => !c.passed).length, total: checks.length };
  }

  async get(actor: Actor, query: LabDashboardQuery): Promise<LabDashboard> {
    const today = officeToday();
    const reach: repo.DashboardReach = { scope: await unitScope(this.db, actor, 'lab.read'), units: await chosenUnits(this.db, query.orgUnitId), systemIds: tokenSystemIds(actor), viewer: actor };
    const since = passRateSince(today);
    const firstWeek = addCalendarDays(isoWeekStart(today), -7 * (LAB_DASHBOARD_WEEKS - 1));
    const from = since < firstWeek ? since : firstWeek;
    const any = repo.reachesAnything(reach);
    // A Berlin day starts up to two hours before the UTC day of the same date: read one day more, then cut by the Berlin day.
    const [recent, latest, gates, methods, environments] = await Promise.all([
      any ? repo.runsStartedSince(this.db, reach, addCalendarDays(from, -1)) : [],
      any ? repo.latestRuns(this.db, reach, LATEST_RUNS) : [],
      any ? repo.openGates(this.db, reach) : [],
      this.methods.list(actor, { orgUnitId: query.orgUnitId, ...EVERYTHING }),
      this.environments.list(actor, { orgUnitId: query.orgUnitId, ...EVERYTHING }),
    ]);
    const facts = recent.map((r) => ({ startedAt: r.started_at, verdict: verdictOf(r.verdict) }));
    const checks = new Map(await Promise.all(gates.map(async (g) => [g.id, await this.checksOf(actor, g.id)] as const)));
    return {
      asOf: today,
      weeks: runsPerWeek(facts, today),
      passRateSince: since,
      subjects: subjects(recent.filter((r) => runDay({ startedAt: r.started_at }) >= since)),
      openGates: gates.map((g): LabDashboardGate => {
        const c = checks.get(g.id) ?? null;
        return {
          id: g.id, number: Number(g.number), title: g.title, systemId: g.system_id, modelVersionId: g.model_version_id,
          subjectName: g.system_name ?? (g.model_name ? `${g.model_name} ${g.version_label ?? ''}`.trim() : g.title), planId: g.plan_id, planName: g.plan_name,
          failingChecks: c?.failing ?? null, totalChecks: c?.total ?? null, createdAt: g.created_at,
        };
      }),
      environmentsDue: environments.items
        .filter((e) => e.status !== 'verified' || e.expiresSoon)
        // Soonest end first; never verified (no end) last.
        .sort((a, b) => (a.validUntil ?? '9999').localeCompare(b.validUntil ?? '9999') || a.name.localeCompare(b.name, 'de'))
        .map((e) => ({ id: e.id, name: e.name, orgUnitName: e.orgUnitName, status: e.status, need: e.need, validUntil: e.validUntil, expiresSoon: e.expiresSoon })),
      methodsAwaitingValidation: methods.items
        .filter((m) => m.status !== 'validated')
        .map((m) => ({ id: m.id, name: m.name, orgUnitName: m.orgUnitName, harness: m.harness, harnessVersion: m.harnessVersion, status: m.status, lastValidatedOn: m.lastValidation?.validatedOn ?? null })),
      latestRuns: latest.map(presentRun),
    };
  }
}
