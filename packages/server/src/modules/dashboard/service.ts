import { randomUUID } from 'node:crypto';
import {
  DASHBOARD_RISK_CLASSES,
  expandUnitScope,
  LIFECYCLE_STAGES,
  Dashboard as DashboardSchema,
  actionDueState,
  exportMarking,
  highRiskLevels,
  inOrder,
  isReady,
  legalDateLabel,
  officeToday,
  progressCounts,
  type CapaAction,
  type Dashboard,
  type DashboardQuery,
  type DashboardRiskClass,
  type ManagementReport,
  type ManagementReportExportQuery,
  type ManagementReportList,
  type ManagementReportListQuery,
} from '@konform/core';
import type { Compilable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ManagementReportTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { operationsFigures } from './operations.js';
import { gateClassifiedRead, levelOf, visibleLevels } from '../../access/clearance.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { forbidden, invalid, notFound } from '../../http/errors.js';
import { renderDocument } from '../../documents/render.js';
import type { ExportFile } from '../../http/send-file.js';
import type { CatalogService } from '../catalogs/service.js';
import type { RiskService } from '../risks/service.js';
import { chosenUnits, findUnit } from '../lab/lab-records.js';
import { managementReport } from './report.js';
import { RecentFigures } from './recent-figures.js';
import * as repo from './repository.js';

/** The timeline groups whose dates the dashboard watches, with the high-risk route each belongs to. */
const HIGH_RISK_GROUPS = [
  { groupId: 'annex-iii-high-risk', route: 'annex-iii' },
  { groupId: 'annex-i-high-risk', route: 'annex-i' },
] as const;

const GATE_STATUSES = ['open', 'released', 'invalidated', 'superseded', 'withdrawn'] as const;

/**
 * From this many active systems in reach on, a computed dashboard is kept in memory per reach and reused for up to
 * LARGE_PORTFOLIO_TTL_MS; from LARGE_PORTFOLIO_REFRESH_MS on, an answer from it starts one refresh in the background
 * (recent-figures.ts). The requirement rows are read from counts per system and catalogue kept by the database
 * (requirement_count), so computing is fast too; the reuse spares the database when many leaders look at once.
 * Smaller portfolios are computed afresh (requests for the same reach at the same moment share one computation); a
 * management report always computes afresh.
 */
const LARGE_PORTFOLIO = 1000;
const LARGE_PORTFOLIO_TTL_MS = 60_000;
const LARGE_PORTFOLIO_REFRESH_MS = 30_000;

/** Runs the functions it is given one after the other, in the order given, whatever each one's outcome. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * The leadership dashboard: the portfolio in figures, each aggregated in the database (GROUP BY), never by loading
 * every system. Figures cover active (not archived) systems in the units the reader reaches with system.read, narrowed
 * to a chosen unit with its sub-units; an API token limited to systems sees those systems only. Systems classified
 * above the reader's clearance (with their risks, tasks, non-conformities and gates) are not counted.
 */
export class DashboardService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
    private readonly risks: RiskService,
    /** The classification marking printed on every page of the report; null: none. */
    private readonly marking: string | null,
  ) {}

  /** Dashboards of large portfolios by reach. */
  private readonly recent = new RecentFigures<Dashboard>({ maxAgeMs: LARGE_PORTFOLIO_TTL_MS, refreshAfterMs: LARGE_PORTFOLIO_REFRESH_MS });

  private get db() {
    return this.database.db;
  }

  /** `fresh`: never from the in-memory figures of large portfolios (a management report records the figures of now). */
  async get(actor: Actor, query: DashboardQuery, fresh = false): Promise<Dashboard> {
    let unitName: string | null = null;
    let units: string[] | null = null;
    if (query.orgUnitId) {
      // The chosen unit and its sub-units from one read of the unit tree (this runs before every dashboard answer).
      const tree = await repo.unitTreeWithNames(this.db);
      const unit = tree.find((u) => u.id === query.orgUnitId);
      if (!unit) throw invalid('orgUnitId', 'No such organisational unit');
      unitName = unit.name;
      units = [...expandUnitScope([unit.id], tree)];
    }
    const reach: repo.Reach = { scope: await unitScope(this.db, actor, 'system.read'), units, systemIds: tokenSystemIds(actor), levels: visibleLevels(actor) };
    const key = JSON.stringify([reach.scope === 'all' ? 'all' : [...reach.scope].sort(), reach.units ? [...reach.units].sort() : null, reach.systemIds, reach.levels, query.orgUnitId ?? null]);
    const compute = (background = false) => this.compute(reach, query.orgUnitId ?? null, unitName, background);
    if (fresh) return compute();
    return this.recent.get(key, compute, (dashboard) => dashboard.systems.total >= LARGE_PORTFOLIO);
  }

  /**
   * `background`: a refresh of kept figures nobody waits for; its statements run one after the other, so a large
   * portfolio's refresh holds one database connection (and on PostgreSQL one core) at a time instead of several.
   */
  private async compute(reach: repo.Reach, orgUnitId: string | null, orgUnitName: string | null, background = false): Promise<Dashboard> {
    const today = officeToday();
    const registry = await this.catalogs.current();
    const dates = this.catalogs.dates;
    const matrix = (await this.risks.matrix()).config;
    const high = highRiskLevels(matrix.levels);
    const any = repo.reachesAnything(reach);
    const turn = background ? oneAtATime() : <T>(read: () => Promise<T>) => read();
    const read = <R>(query: Compilable<R>): Promise<R[]> => (any ? turn(() => this.database.readAside(query, 'figures')) : Promise.resolve([]));
    const [systems, risks, overdue, ncs, gates, rowCounts, readiness] = await Promise.all([
      read(repo.systemCounts(this.db, reach)),
      read(repo.openRisksAtLevels(this.db, reach, high)),
      read(repo.overdueTasks(this.db, reach, today)),
      read(repo.openNonconformityActions(this.db, reach)),
      read(repo.gatesByStatus(this.db, reach)),
      read(repo.rowsByUnitAndCatalog(this.db, reach)),
      read(repo.highRiskReadiness(this.db, reach)),
    ]);
    const overdueTasks = Number(overdue[0]?.n ?? 0);

    const byClass = new Map<string, number>();
    const byStage = new Map<string, number>();
    let total = 0;
    for (const s of systems) {
      const n = Number(s.n);
      total += n;
      const cls: DashboardRiskClass = s.risk_class === null ? 'unclassified' : (s.risk_class as DashboardRiskClass);
      byClass.set(cls, (byClass.get(cls) ?? 0) + n);
      byStage.set(s.lifecycle_stage, (byStage.get(s.lifecycle_stage) ?? 0) + n);
    }

    // Requirement rows by status, summed per catalogue and per unit; a catalogue or unit counts only with some row.
    const perCatalog = new Map<string, Record<string, number>>();
    const perUnit = new Map<string, Record<string, number>>();
    const withRows = new Set<string>();
    for (const r of rowCounts) {
      const forCatalog = perCatalog.get(r.catalog_id) ?? {};
      const forUnit = perUnit.get(r.org_unit_id) ?? {};
      if (repo.addStatusSums(forCatalog, r) > 0) withRows.add(`c:${r.catalog_id}`);
      if (repo.addStatusSums(forUnit, r) > 0) withRows.add(`u:${r.org_unit_id}`);
      perCatalog.set(r.catalog_id, forCatalog);
      perUnit.set(r.org_unit_id, forUnit);
    }
    const catalogIds = registry.list().map((c) => c.catalog.id);
    const catalogs = [...catalogIds, ...[...perCatalog.keys()].filter((id) => !catalogIds.includes(id) && withRows.has(`c:${id}`)).sort()].map((id) => ({
      catalogId: id,
      title: registry.get(id)?.catalog.title ?? { de: id, en: id },
      ...progressCounts(perCatalog.get(id) ?? {}),
    }));
    const unitIds = [...perUnit.keys()].filter((id) => withRows.has(`u:${id}`));
    const unitNames = await repo.unitNames(this.db, unitIds);
    const units = unitIds
      .map((id) => ({ orgUnitId: id, name: unitNames.get(id) ?? '', ...progressCounts(perUnit.get(id)!) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));

    const riskCounts = new Map(risks.map((r) => [r.level, Number(r.n)]));
    const byLevel = high.map((id) => {
      const level = matrix.levels.find((l) => l.id === id)!;
      return { level: id, label: level.label, count: riskCounts.get(id) ?? 0 };
    });

    let overdueNcs = 0;
    for (const nc of ncs) {
      const actions = JSON.parse(nc.actions) as Pick<CapaAction, 'dueDate' | 'done'>[];
      if (actions.some((a) => actionDueState(a, today) === 'overdue')) overdueNcs += 1;
    }

    const legalDates = HIGH_RISK_GROUPS.flatMap(({ groupId, route }) => {
      const group = dates.timeline.groups.find((g) => g.id === groupId);
      const date = group?.dates[dates.actInForce]?.from ?? null;
      if (!group || date === null) return [];
      let systemsOnRoute = 0;
      let notReady = 0;
      for (const r of readiness) {
        if (r.route !== route) continue;
        const n = Number(r.n);
        systemsOnRoute += n;
        if (!isReady({ classificationApproved: Number(r.approved) === 1, pendingRows: Number(r.pending), settledRows: Number(r.settled) })) notReady += n;
      }
      const past = date < today;
      return [{ groupId, title: group.title, date, past, systems: systemsOnRoute, notReady, label: legalDateLabel(groupId, group.title, date, past, notReady, systemsOnRoute) }];
    }).sort((a, b) => a.date.localeCompare(b.date));

    const gateCounts = new Map(gates.map((g) => [g.status, Number(g.n)]));
    return {
      asOf: today,
      orgUnitId,
      orgUnitName,
      actInForce: dates.actInForce,
      systems: {
        total,
        byRiskClass: inOrder(DASHBOARD_RISK_CLASSES, byClass).map(({ key, count }) => ({ riskClass: key, count })),
        byStage: inOrder(LIFECYCLE_STAGES, byStage).map(({ key, count }) => ({ stage: key, count })),
      },
      progress: { basis: 'stored-rows', catalogs, units },
      openHighRisks: { total: byLevel.reduce((s, l) => s + l.count, 0), byLevel },
      overdueTasks,
      nonconformities: { open: ncs.length, overdue: overdueNcs },
      legalDates,
      labGates: inOrder(GATE_STATUSES, gateCounts).map(({ key, count }) => ({ status: key, count })),
      operations: await operationsFigures(this.db, reach, today),
    };
  }

  // ---- management reports ------------------------------------------------------------------------------------------

  private present(row: ManagementReportTable): ManagementReport {
    return {
      id: row.id, number: Number(row.number), orgUnitId: row.org_unit_id, orgUnitName: row.org_unit_name, locale: row.locale as 'de' | 'en',
      generatedAt: row.generated_at, generatedByLabel: row.generated_by_label, classification: levelOf(row.classification), snapshot: DashboardSchema.parse(JSON.parse(row.snapshot)),
    };
  }

  /** Generates a report of a unit (or, for readers of every unit, of all units) and stores its figures. */
  async create(actor: Actor, input: { orgUnitId?: string | undefined; locale: 'de' | 'en' }): Promise<ManagementReport> {
    if (input.orgUnitId) {
      const unit = await findUnit(this.db, input.orgUnitId);
      if (!unit) throw invalid('orgUnitId', 'No such organisational unit');
      await assertInScope(this.db, actor, 'report.create', unit.id);
    } else if ((await unitScope(this.db, actor, 'report.create')) !== 'all' || tokenSystemIds(actor) !== null) {
      throw invalid('orgUnitId', 'Choose an organisational unit: your roles do not reach every unit');
    }
    const snapshot = await this.get(actor, { orgUnitId: input.orgUnitId }, true);
    const classification = await this.highestCounted(actor, input.orgUnitId);
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row: ManagementReportTable = {
        id: randomUUID(), number: await repo.nextReportNumber(trx), org_unit_id: snapshot.orgUnitId, org_unit_name: snapshot.orgUnitName, locale: input.locale,
        snapshot: JSON.stringify(snapshot), generated_at: now, generated_by_id: actor.userId, generated_by_label: actor.label, classification,
      };
      await repo.insertReport(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'management-report.create', entityType: 'management-report', entityId: row.id,
        changes: [
          { field: 'number', before: null, after: row.number },
          { field: 'orgUnitId', before: null, after: row.org_unit_id },
          { field: 'locale', before: null, after: row.locale },
          { field: 'classification', before: null, after: classification },
        ],
      }, now);
      return this.present(row);
    });
  }

  /**
   * The level of a report: VS-NfD when the figures counted a classified system (the author is cleared for it and it
   * lies in the report's reach), else offen.
   */
  private async highestCounted(actor: Actor, orgUnitId: string | undefined): Promise<'offen' | 'VS-NfD'> {
    if (visibleLevels(actor) !== null) return 'offen';
    const scope = await unitScope(this.db, actor, 'system.read');
    const units = await chosenUnits(this.db, orgUnitId);
    const systems = tokenSystemIds(actor);
    let q = this.db.selectFrom('ai_system').select('id').where('classification', '!=', 'offen').where('archived_at', 'is', null);
    if (scope !== 'all') q = q.where('org_unit_id', 'in', scope.size ? [...scope] : ['']);
    if (units) q = q.where('org_unit_id', 'in', units.length ? units : ['']);
    if (systems) q = q.where('id', 'in', systems.length ? [...systems] : ['']);
    return (await q.limit(1).executeTakeFirst()) ? 'VS-NfD' : 'offen';
  }

  async list(actor: Actor, query: ManagementReportListQuery): Promise<ManagementReportList> {
    const page = await repo.listReports(this.db, await unitScope(this.db, actor, 'report.read'), visibleLevels(actor), query.limit, query.offset);
    return { items: page.items.map((r) => this.present(r)), total: page.total, limit: query.limit, offset: query.offset };
  }

  private async readable(actor: Actor, id: string): Promise<ManagementReportTable> {
    const row = await repo.findReport(this.db, id);
    if (!row) throw notFound('Management report');
    await gateClassifiedRead(this.database, actor, { entityType: 'management-report', entityId: row.id, level: levelOf(row.classification), what: `report ${row.number}` }, async () => {
      if (row.org_unit_id) await assertInScope(this.db, actor, 'report.read', row.org_unit_id);
      else if ((await unitScope(this.db, actor, 'report.read')) !== 'all') throw forbidden('This report covers every unit; your roles do not reach every unit');
    });
    return row;
  }

  /** The report rendered from its stored figures only: the same file content whenever it is rendered. */
  async export(actor: Actor, id: string, query: ManagementReportExportQuery): Promise<ExportFile> {
    const row = await this.readable(actor, id);
    const report = this.present(row);
    const lang = query.locale ?? report.locale;
    const model = managementReport(report.snapshot, { number: report.number, generatedAt: report.generatedAt, generatedByLabel: report.generatedByLabel }, lang, exportMarking(this.marking, [row.classification]));
    const rendered = await renderDocument(model, query.format);
    const base = `konform-management-report-${String(report.number).padStart(4, '0')}-${report.snapshot.asOf}`;
    return { body: rendered.body, contentType: rendered.contentType, fileName: `${base}.${rendered.extension}` };
  }
}
