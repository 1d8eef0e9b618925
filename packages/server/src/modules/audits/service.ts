import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  auditMayGo,
  auditorConflicts,
  datesInOrder,
  openFindings,
  planWritable,
  type Audit,
  type AuditCreate,
  type AuditFollowUp,
  type AuditListQuery,
  type AuditScope,
  type AuditStatus,
  type AuditTransition,
  type AuditUpdate,
  type Assignment,
  type ListPage,
  type Role,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { AuditTable, DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, unitScope, type UnitScope } from '../../access/scope.js';
import { forbidden } from '../../http/errors.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, HttpProblem, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { CatalogService } from '../catalogs/service.js';
import type { RequirementService } from '../requirements/service.js';
import { presentAudit, type AuditCounts } from './presenter.js';
import { checklistCandidates, generateChecklist } from './checklist.js';
import * as repo from './repository.js';

export const AUDIT_ENTITY = 'audit';

type Db = Kysely<DB>;
const json = (value: unknown) => JSON.stringify(value);

/** Whether the actor may record results and findings: auditing.manage in the unit, or auditing.record as a named auditor. */
export async function assertMayRecord(db: Db, actor: Actor, row: AuditTable): Promise<void> {
  if (inScope(await unitScope(db, actor, 'auditing.manage'), row.org_unit_id)) return;
  await assertInScope(db, actor, 'auditing.record', row.org_unit_id);
  const auditors = JSON.parse(row.auditor_ids) as string[];
  if (actor.userId === null || !auditors.includes(actor.userId)) throw forbidden('Only the auditors named on this audit record its results and findings');
}

/** Counts per audit for lists and the audit page. */
async function countsOf(db: Db, ids: readonly string[]): Promise<Map<string, AuditCounts>> {
  const counts = new Map(ids.map((id): [string, AuditCounts] => [id, { checklistCount: 0, recordedCount: 0, findingCount: 0, openFindingCount: 0 }]));
  if (ids.length === 0) return counts;
  const items = await db.selectFrom('audit_checklist_item').select(['audit_id', 'result']).where('audit_id', 'in', [...ids]).execute();
  for (const i of items) {
    const c = counts.get(i.audit_id)!;
    c.checklistCount++;
    if (i.result !== null) c.recordedCount++;
  }
  for (const f of await repo.findingRows(db, ids)) {
    const c = counts.get(f.audit_id)!;
    c.findingCount++;
    if (repo.statusOf(f) === 'open') c.openFindingCount++;
  }
  return counts;
}

/** The audit programme: audits per year with scope, auditors, dates and status. */
export class AuditProgrammeService {
  constructor(
    private readonly database: Database,
    private readonly requirements: RequirementService,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** The audits of the units in the reader's scope, by planned start (the programme view with `year`). */
  async list(actor: Actor, query: AuditListQuery): Promise<ListPage<Audit>> {
    const scope = await unitScope(this.db, actor, 'auditing.read');
    const page = { limit: query.limit, offset: query.offset };
    if (scope !== 'all' && scope.size === 0) return { items: [], total: 0, ...page };
    let q = this.db.selectFrom('audit').selectAll();
    if (scope !== 'all') q = q.where('org_unit_id', 'in', [...scope]);
    if (query.year !== undefined) q = q.where('year', '=', query.year);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.kind) q = q.where('kind', '=', query.kind);
    const rows = await q.orderBy('planned_start').orderBy('title').orderBy('id').execute();
    const slice = rows.slice(query.offset, query.offset + query.limit);
    const [counts, names] = await Promise.all([
      countsOf(this.db, slice.map((r) => r.id)),
      repo.userNames(this.db, [...new Set(slice.flatMap((r) => JSON.parse(r.auditor_ids) as string[]))]),
    ]);
    return { items: slice.map((r) => presentAudit(r, names, counts.get(r.id)!)), total: rows.length, ...page };
  }

  async get(actor: Actor, id: string): Promise<Audit> {
    const row = await repo.findAudit(this.db, id);
    if (!row) throw notFound('Audit');
    await assertInScope(this.db, actor, 'auditing.read', row.org_unit_id);
    return this.present(row);
  }

  private async present(row: AuditTable): Promise<Audit> {
    const [counts, names] = await Promise.all([countsOf(this.db, [row.id]), repo.userNames(this.db, JSON.parse(row.auditor_ids) as string[])]);
    return presentAudit(row, names, counts.get(row.id)!);
  }

  async create(actor: Actor, input: AuditCreate): Promise<Audit> {
    const catalogIds = new Set((await this.catalogs.current()).list().map((c) => c.catalog.id));
    const id = await this.db.transaction().execute((trx) => this.insert(trx, actor, input, null, catalogIds));
    return this.get(actor, id);
  }

  private async insert(trx: Transaction<DB>, actor: Actor, input: AuditCreate, parentAuditId: string | null, catalogIds: ReadonlySet<string>): Promise<string> {
    const now = new Date().toISOString();
    const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', input.orgUnitId).executeTakeFirst();
    if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
    await assertInScope(trx, actor, 'auditing.manage', input.orgUnitId);
    if (!datesInOrder(input.plannedStart, input.plannedEnd)) throw invalid('plannedEnd', 'The end lies before the start');
    const auditorIds = [...new Set(input.auditorIds ?? [])];
    await this.checkScope(trx, input.scope, catalogIds);
    await this.checkAuditors(trx, auditorIds, input.scope);
    const id = randomUUID();
    const row: AuditTable = {
      id, year: input.year ?? Number(input.plannedStart.slice(0, 4)), kind: input.kind, title: input.title, org_unit_id: input.orgUnitId,
      objective: input.objective ?? '', scope: json(input.scope), auditor_ids: json(auditorIds), planned_start: input.plannedStart,
      planned_end: input.plannedEnd, status: 'planned', summary: '', parent_audit_id: parentAuditId, closed_at: null, version: 1,
      created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await trx.insertInto('audit').values(row).execute();
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'audit.create', entityType: AUDIT_ENTITY, entityId: id,
      changes: [
        { field: 'title', before: null, after: row.title }, { field: 'kind', before: null, after: row.kind }, { field: 'year', before: null, after: row.year },
        { field: 'scope', before: null, after: input.scope }, { field: 'auditorIds', before: null, after: auditorIds },
        { field: 'plannedStart', before: null, after: row.planned_start }, { field: 'plannedEnd', before: null, after: row.planned_end },
        ...(parentAuditId ? [{ field: 'parentAuditId', before: null, after: parentAuditId }] : []),
      ],
    }, now);
    return id;
  }

  /** Every system, unit and catalogue named must exist; an audit looks at something. */
  private async checkScope(db: Db, scope: AuditScope, catalogIds: ReadonlySet<string>): Promise<void> {
    if (scope.systemIds.length === 0 && scope.orgUnitIds.length === 0) throw invalid('scope.systemIds', 'Name at least one AI system or organisational unit');
    const systems = new Set((scope.systemIds.length === 0 ? [] : await db.selectFrom('ai_system').select('id').where('id', 'in', scope.systemIds).execute()).map((s) => s.id));
    scope.systemIds.forEach((id, i) => { if (!systems.has(id)) throw invalid(`scope.systemIds.${i}`, 'Unknown AI system'); });
    const units = new Set((scope.orgUnitIds.length === 0 ? [] : await db.selectFrom('org_unit').select('id').where('id', 'in', scope.orgUnitIds).execute()).map((u) => u.id));
    scope.orgUnitIds.forEach((id, i) => { if (!units.has(id)) throw invalid(`scope.orgUnitIds.${i}`, 'Unknown organisational unit'); });
    scope.catalogIds.forEach((id, i) => { if (!catalogIds.has(id)) throw invalid(`scope.catalogIds.${i}`, 'Unknown catalogue'); });
  }

  /** Auditors are active users; none may audit a unit they work in (409 naming the auditor). */
  private async checkAuditors(db: Db, auditorIds: readonly string[], scope: AuditScope): Promise<void> {
    if (auditorIds.length === 0) return;
    const users = new Map((await db.selectFrom('app_user').select(['id', 'active', 'display_name']).where('id', 'in', [...auditorIds]).execute()).map((u) => [u.id, u]));
    auditorIds.forEach((id, i) => {
      const user = users.get(id);
      if (!user) throw invalid(`auditorIds.${i}`, 'Unknown user');
      if (Number(user.active) !== 1) throw invalid(`auditorIds.${i}`, 'The user is deactivated');
    });
    const assignments = await db.selectFrom('role_assignment').select(['user_id', 'org_unit_id', 'role']).where('user_id', 'in', [...auditorIds]).execute();
    const systemUnits = scope.systemIds.length === 0 ? [] : await db.selectFrom('ai_system').select('org_unit_id').where('id', 'in', scope.systemIds).execute();
    const audited = [...new Set([...scope.orgUnitIds, ...systemUnits.map((s) => s.org_unit_id)])];
    const tree = (await db.selectFrom('org_unit').select(['id', 'parent_id']).execute()).map((u) => ({ id: u.id, parentId: u.parent_id }));
    const conflicts = auditorConflicts(
      auditorIds.map((id) => ({ assignments: assignments.filter((a) => a.user_id === id).map((a): Assignment => ({ orgUnitId: a.org_unit_id, role: a.role as Role })) })),
      audited,
      tree,
    );
    if (conflicts.length > 0) {
      throw new HttpProblem(409, 'auditor-independence', 'An auditor must not audit their own organisational unit',
        conflicts.map((c) => ({ path: `auditorIds.${c.index}`, message: `${users.get(auditorIds[c.index]!)!.display_name} works in an audited unit` })));
    }
  }

  /** Changes plan, scope, auditors or the report summary (send the version you based the change on). */
  async update(actor: Actor, id: string, input: AuditUpdate): Promise<Audit> {
    const now = new Date().toISOString();
    const catalogIds = new Set((await this.catalogs.current()).list().map((c) => c.catalog.id));
    const candidates = input.scope === undefined ? [] : await checklistCandidates(this.db, this.requirements, input.scope);
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findAuditForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Audit');
      await assertInScope(trx, actor, 'auditing.manage', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const status = row.status as AuditStatus;
      if (status === 'closed' || status === 'cancelled') throw conflict('audit-final', 'A closed or cancelled audit is not changed');
      const planChange = input.title !== undefined || input.objective !== undefined || input.scope !== undefined || input.auditorIds !== undefined || input.plannedStart !== undefined || input.plannedEnd !== undefined;
      if (planChange && !planWritable(status)) throw conflict('audit-reporting', 'Plan and scope are fixed once the audit is reporting');
      const next: AuditTable = { ...row };
      if (input.title !== undefined) next.title = input.title;
      if (input.objective !== undefined) next.objective = input.objective;
      if (input.summary !== undefined) next.summary = input.summary;
      if (input.plannedStart !== undefined) next.planned_start = input.plannedStart;
      if (input.plannedEnd !== undefined) next.planned_end = input.plannedEnd;
      if (!datesInOrder(next.planned_start, next.planned_end)) throw invalid('plannedEnd', 'The end lies before the start');
      const scope = input.scope ?? repo.parseScope(row);
      if (input.scope !== undefined) {
        await this.checkScope(trx, input.scope, catalogIds);
        next.scope = json(input.scope);
      }
      const auditorIds = input.auditorIds === undefined ? (JSON.parse(row.auditor_ids) as string[]) : [...new Set(input.auditorIds)];
      if (input.auditorIds !== undefined || input.scope !== undefined) await this.checkAuditors(trx, auditorIds, scope);
      next.auditor_ids = json(auditorIds);
      const fields = [['title', 'title'], ['objective', 'objective'], ['summary', 'summary'], ['plannedStart', 'planned_start'], ['plannedEnd', 'planned_end'], ['scope', 'scope'], ['auditorIds', 'auditor_ids']] as const;
      const changes = fields.filter(([, c]) => row[c] !== next[c]).map(([field, c]) => ({
        field, before: c === 'scope' || c === 'auditor_ids' ? (JSON.parse(row[c]) as unknown) : row[c], after: c === 'scope' || c === 'auditor_ids' ? (JSON.parse(next[c]) as unknown) : next[c],
      }));
      if (changes.length === 0) return;
      if (!(await repo.updateAudit(trx, id, Number(row.version), { ...next, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'audit.update', entityType: AUDIT_ENTITY, entityId: id, changes }, now);
      if (input.scope !== undefined && status === 'in-progress') await generateChecklist(trx, this.database.dialect, candidates, actor, next, now);
    });
    return this.get(actor, id);
  }

  /**
   * planned → in-progress (the checklist is generated) → reporting → closed (only without open findings: 409
   * `open-findings` naming them); an open audit may be cancelled; reporting may return to in-progress.
   */
  async transition(actor: Actor, id: string, input: AuditTransition): Promise<Audit> {
    const now = new Date().toISOString();
    const before = await repo.findAudit(this.db, id);
    // The version check below makes sure the scope read here is the one the transition acts on.
    const candidates = before?.status === 'planned' && input.to === 'in-progress' ? await checklistCandidates(this.db, this.requirements, repo.parseScope(before)) : [];
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findAuditForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Audit');
      await assertInScope(trx, actor, 'auditing.manage', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const from = row.status as AuditStatus;
      if (!auditMayGo(from, input.to)) throw conflict('invalid-transition', `An audit does not go from ${from} to ${input.to}`);
      if (input.to === 'cancelled' && !input.reason) throw invalid('reason', 'Say why the audit is cancelled');
      if (input.to === 'closed') {
        const open = openFindings((await repo.findingRows(trx, [id])).map((f) => ({ ...f, status: repo.statusOf(f) })));
        if (open.length > 0) {
          throw new HttpProblem(409, 'open-findings', `The audit has ${open.length} open finding(s): close their non-conformities or accept them first`,
            open.map((f) => ({ path: `findings.${f.id}`, message: f.title })));
        }
      }
      const values: Partial<AuditTable> = { status: input.to, version: Number(row.version) + 1, updated_at: now };
      if (input.to === 'closed') values.closed_at = now;
      if (!(await repo.updateAudit(trx, id, Number(row.version), values))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'audit.transition', entityType: AUDIT_ENTITY, entityId: id, changes: [{ field: 'status', before: from, after: input.to }], reason: input.reason,
      }, now);
      if (input.to === 'in-progress' && from === 'planned') await generateChecklist(trx, this.database.dialect, candidates, actor, row, now);
    });
    return this.get(actor, id);
  }

  /** A follow-up audit of the open findings: their systems and requirements, linked to this audit. */
  async followUp(actor: Actor, id: string, input: AuditFollowUp): Promise<Audit> {
    const catalogIds = new Set((await this.catalogs.current()).list().map((c) => c.catalog.id));
    const newId = await this.db.transaction().execute(async (trx) => {
      const row = await repo.findAudit(trx, id);
      if (!row) throw notFound('Audit');
      await assertInScope(trx, actor, 'auditing.manage', row.org_unit_id);
      const open = (await repo.findingRows(trx, [id])).filter((f) => repo.statusOf(f) === 'open');
      if (open.length === 0) throw conflict('no-open-findings', 'The audit has no open findings to follow up');
      const systemIds = [...new Set(open.map((f) => f.system_id).filter((s): s is string => s !== null))];
      const requirementPrefixes = [...new Set(open.flatMap((f) => JSON.parse(f.requirement_keys) as string[]))];
      const scope: AuditScope = { systemIds, orgUnitIds: systemIds.length === 0 ? [row.org_unit_id] : [], catalogIds: [], requirementPrefixes };
      return this.insert(trx, actor, {
        title: input.title ?? `Follow-up: ${row.title}`, kind: 'follow-up', orgUnitId: row.org_unit_id, objective: '', scope,
        auditorIds: input.auditorIds, plannedStart: input.plannedStart, plannedEnd: input.plannedEnd,
      }, id, catalogIds);
    });
    return this.get(actor, newId);
  }

  /** Regenerates the checklist of a planned or running audit from the requirements now in scope. */
  async regenerateChecklist(actor: Actor, id: string): Promise<{ items: number }> {
    const now = new Date().toISOString();
    const before = await repo.findAudit(this.db, id);
    if (!before) throw notFound('Audit');
    await assertInScope(this.db, actor, 'auditing.manage', before.org_unit_id);
    const candidates = await checklistCandidates(this.db, this.requirements, repo.parseScope(before));
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.findAuditForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Audit');
      if (Number(row.version) !== Number(before.version)) throw versionConflict();
      if (!planWritable(row.status as AuditStatus)) throw conflict('audit-reporting', 'The checklist is fixed once the audit is reporting');
      return { items: await generateChecklist(trx, this.database.dialect, candidates, actor, row, now) };
    });
  }
}

/** For the dashboard: how many findings are still open in audits of the units in reach. */
export async function openFindingsCount(db: Db, reach: UnitScope): Promise<number> {
  return (await repo.openFindingsIn(db, reach)).length;
}

/**
 * What an audit looks at, for the audit package: the systems (named ones and those of the units named), and the
 * catalogues and requirement key prefixes (both empty: every requirement; match keys with core `requirementInScope`).
 */
export async function auditScope(db: Db, auditId: string): Promise<{ systemIds: string[]; catalogIds: string[]; requirementPrefixes: string[] }> {
  const row = await repo.findAudit(db, auditId);
  if (!row) throw notFound('Audit');
  const scope = repo.parseScope(row);
  return { systemIds: (await repo.scopeSystems(db, scope)).map((s) => s.id), catalogIds: scope.catalogIds, requirementPrefixes: scope.requirementPrefixes };
}
