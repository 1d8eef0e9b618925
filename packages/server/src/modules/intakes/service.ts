import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  AiSystemCreate,
  GLOBAL_ROLES,
  diffRecords,
  expandUnitScope,
  type AdviceCreate,
  type AdviceEntry,
  type AiSystem,
  type Intake,
  type IntakeAccept,
  type IntakeAccepted,
  type IntakeCreate,
  type IntakeDecline,
  type IntakeDetail,
  type IntakeListQuery,
  type IntakeSystemFields,
  type ListPage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, IntakeTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, assertSystemAllowed, inScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findOrgUnit } from '../org-units/repository.js';
import { findSystem } from '../systems/repository.js';
import type { SystemService } from '../systems/service.js';
import * as repo from './repository.js';

const OPEN = ['submitted', 'in-review'];

/** Proposed AI use cases from the business units, the governance team's advice on them, and their acceptance into the inventory. */
export class IntakeService {
  constructor(
    private readonly database: Database,
    private readonly systems: SystemService,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** Anyone may propose a use case for a unit in which they hold a role (a global role reaches every unit). */
  async submit(actor: Actor, input: IntakeCreate): Promise<IntakeDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const unit = await findOrgUnit(trx, input.orgUnitId);
      if (!unit || unit.archived_at !== null) throw invalid('orgUnitId', 'No such organisational unit');
      if (!(await holdsRoleIn(trx, actor, input.orgUnitId))) throw forbidden('You hold no role in this organisational unit');
      const fields = { title: input.title, purpose: input.purpose, target_group: input.targetGroup, data_used: input.dataUsed, vendor: input.vendor };
      const row: IntakeTable = {
        id: randomUUID(),
        ...fields,
        sourcing: input.sourcing,
        planned_date: input.plannedDate,
        org_unit_id: input.orgUnitId,
        status: 'submitted',
        submitted_by_id: actor.userId,
        submitted_by_label: actor.label,
        system_id: null,
        decline_reason: null,
        decided_by_id: null,
        decided_by_label: null,
        decided_at: null,
        search_text: repo.intakeSearchText(fields),
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await repo.insertIntake(trx, row);
      const intake = repo.presentIntake(row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'intake.create', entityType: 'intake', entityId: row.id, changes: diffRecords(null, auditView(intake)) }, now);
      return { ...intake, advice: [] };
    });
  }

  /** The governance queue for intake.manage across all units; everyone else sees their own and their units' intakes. */
  async list(actor: Actor, query: IntakeListQuery): Promise<ListPage<Intake>> {
    const scope = await this.readScope(actor);
    const { rows, total } = await repo.listIntakes(this.db, scope, narrowedToken(actor) ? null : actor.userId, query, tokenSystemIds(actor));
    return { items: rows.map(repo.presentIntake), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<IntakeDetail> {
    const row = await repo.findIntake(this.db, id);
    if (!row) throw notFound('Intake');
    const scope = await this.readScope(actor);
    if (row.system_id !== null) assertSystemAllowed(actor, row.system_id);
    const ownSubmission = !narrowedToken(actor) && row.submitted_by_id !== null && row.submitted_by_id === actor.userId;
    if (!inScope(scope, row.org_unit_id) && !ownSubmission) {
      throw forbidden('Your roles do not grant intake.read in this organisational unit');
    }
    return this.detail(this.db, row);
  }

  /** Records advice; the first advice moves a submitted intake into review. Advice on an accepted intake goes to its system too. */
  async addAdvice(actor: Actor, id: string, input: AdviceCreate): Promise<AdviceEntry> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const intake = await repo.findIntakeForUpdate(trx, this.database.dialect, id);
      if (!intake) throw notFound('Intake');
      await assertInScope(trx, actor, 'intake.manage', intake.org_unit_id, intake.system_id);
      const entry = await this.insertAdvice(trx, actor, { intakeId: id, systemId: intake.system_id }, input.text, now);
      if (intake.status === 'submitted') await repo.setIntakeStatus(trx, id, 'in-review', entry.createdAt);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'advice.create',
        entityType: 'intake',
        entityId: id,
        changes: [
          { field: 'advice', before: null, after: entry.text },
          ...(intake.status === 'submitted' ? [{ field: 'status', before: 'submitted', after: 'in-review' }] : []),
        ],
      }, entry.createdAt);
      return entry;
    });
  }

  /** Accepts the intake into the inventory: the AI system is created in the same transaction and the advice log moves with it. */
  async accept(actor: Actor, id: string, input: IntakeAccept): Promise<IntakeAccepted> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const intake = await this.openForDecision(trx, actor, id, input.version);
      const fields: Partial<IntakeSystemFields> = input.system ?? {};
      const sourcing = fields.sourcing ?? (intake.sourcing as AiSystem['sourcing']);
      const parsed = AiSystemCreate.safeParse({
        name: intake.title,
        purpose: intake.purpose,
        orgUnitId: intake.org_unit_id,
        roles: sourcing === 'procured' ? ['deployer'] : ['provider', 'deployer'],
        vendor: intake.vendor,
        ...stripUndefined(fields),
        sourcing,
      });
      if (!parsed.success) {
        throw new HttpProblem(400, 'validation', 'The request body is invalid', parsed.error.issues.map((i) => ({ path: ['system', ...i.path.map(String)].join('.'), message: i.message })));
      }
      const system = await this.systems.createInTransaction(trx, actor, parsed.data, now);
      const values = { status: 'accepted', system_id: system.id, decided_by_id: actor.userId, decided_by_label: actor.label, decided_at: now, version: intake.version + 1, updated_at: now };
      if (!(await repo.updateIntakeRow(trx, id, intake.version, values))) throw versionConflict();
      await repo.attachAdviceToSystem(trx, id, system.id);
      const after = { ...intake, ...values };
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'intake.accept',
        entityType: 'intake',
        entityId: id,
        changes: diffRecords(auditView(repo.presentIntake(intake)), auditView(repo.presentIntake(after))),
      }, now);
      return { intake: await this.detail(trx, after), system };
    });
  }

  async decline(actor: Actor, id: string, input: IntakeDecline): Promise<IntakeDetail> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const intake = await this.openForDecision(trx, actor, id, input.version);
      const values = { status: 'declined', decline_reason: input.reason, decided_by_id: actor.userId, decided_by_label: actor.label, decided_at: now, version: intake.version + 1, updated_at: now };
      if (!(await repo.updateIntakeRow(trx, id, intake.version, values))) throw versionConflict();
      const after = { ...intake, ...values };
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'intake.decline',
        entityType: 'intake',
        entityId: id,
        changes: diffRecords(auditView(repo.presentIntake(intake)), auditView(repo.presentIntake(after))),
        reason: input.reason,
      }, now);
      return this.detail(trx, after);
    });
  }

  /** The advice log of an AI system: from its intake and any added since, oldest first. */
  async systemAdvice(actor: Actor, systemId: string): Promise<ListPage<AdviceEntry>> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'system.read', system.org_unit_id, system.id);
    const rows = await repo.adviceOfSystem(this.db, systemId);
    return { items: rows.map(repo.presentAdvice), total: rows.length, limit: rows.length, offset: 0 };
  }

  async addSystemAdvice(actor: Actor, systemId: string, input: AdviceCreate): Promise<AdviceEntry> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const system = await findSystem(trx, systemId);
      if (!system) throw notFound('AI system');
      await assertInScope(trx, actor, 'intake.manage', system.org_unit_id, system.id);
      const entry = await this.insertAdvice(trx, actor, { intakeId: null, systemId }, input.text, now);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'advice.create',
        entityType: 'system',
        entityId: systemId,
        changes: [{ field: 'advice', before: null, after: entry.text }],
      }, entry.createdAt);
      return entry;
    });
  }

  /** intake.manage reaching every unit sees everything; otherwise the units of intake.read (own submissions are added in the query). */
  private async readScope(actor: Actor) {
    if ((await unitScope(this.db, actor, 'intake.manage')) === 'all') return 'all' as const;
    return unitScope(this.db, actor, 'intake.read');
  }

  private async openForDecision(trx: Transaction<DB>, actor: Actor, id: string, version: number): Promise<IntakeTable> {
    const intake = await repo.findIntakeForUpdate(trx, this.database.dialect, id);
    if (!intake) throw notFound('Intake');
    await assertInScope(trx, actor, 'intake.manage', intake.org_unit_id, intake.system_id);
    if (!OPEN.includes(intake.status)) throw conflict('intake-closed', `The intake is ${intake.status} already`);
    if (intake.version !== version) throw versionConflict();
    return intake;
  }

  private async insertAdvice(trx: Transaction<DB>, actor: Actor, where: { intakeId: string | null; systemId: string | null }, text: string, now: string): Promise<AdviceEntry> {
    // Entries sort by time: one written within the same millisecond as the last still comes after it.
    const last = await repo.lastAdviceAt(trx, where);
    const createdAt = last && last >= now ? new Date(Date.parse(last) + 1).toISOString() : now;
    const row = { id: randomUUID(), intake_id: where.intakeId, system_id: where.systemId, text, author_id: actor.userId, author_label: actor.label, created_at: createdAt };
    await repo.insertAdvice(trx, row);
    return repo.presentAdvice(row);
  }

  private async detail(db: Kysely<DB>, row: IntakeTable): Promise<IntakeDetail> {
    const advice = await repo.adviceOfIntake(db, row.id);
    return { ...repo.presentIntake(row), advice: advice.map(repo.presentAdvice) };
  }
}

/** An API token limited to units or systems: it sees no submissions outside its reach, its owner's own ones included. */
function narrowedToken(actor: Actor): boolean {
  return Boolean(actor.limits && (actor.limits.orgUnitIds || actor.limits.systemIds));
}

/**
 * True when the actor holds any role in the unit (through the unit or one above it), or a global role; an API token
 * limited to units or systems only within its narrowed `intake.submit` scope.
 */
async function holdsRoleIn(trx: Transaction<DB>, actor: Actor, orgUnitId: string): Promise<boolean> {
  if (narrowedToken(actor) && !inScope(await unitScope(trx, actor, 'intake.submit'), orgUnitId)) return false;
  if (actor.assignments.some((a) => GLOBAL_ROLES.includes(a.role))) return true;
  const roots = [...new Set(actor.assignments.map((a) => a.orgUnitId))];
  if (roots.length === 0) return false;
  return expandUnitScope(roots, await repo.unitTree(trx)).has(orgUnitId);
}

/** What the audit log records of an intake: the record without bookkeeping. */
function auditView(intake: Intake) {
  const { submittedBy: _s, decidedBy: _d, decidedAt: _a, ...rest } = intake;
  return rest;
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
