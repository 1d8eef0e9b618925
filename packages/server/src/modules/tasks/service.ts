import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  calendarDate,
  completionAfter,
  expandUnitScope,
  permissionScope,
  type ListPage,
  type Role,
  type Task,
  type TaskAssigneeList,
  type TaskAssigneeQuery,
  type TaskCreate,
  type TaskListQuery,
  type TaskStatus,
  type TaskUpdate,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, TaskTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, subtreeOf, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { CatalogService } from '../catalogs/service.js';
import { presentTask } from './presenter.js';
import { recordLabels, resolveRecord } from './records.js';
import * as repo from './repository.js';

export const TASK_ENTITY = 'task';

/** Fields a user writes, API name → column, in the order the audit trail lists them. */
const FIELDS = [
  ['title', 'title'],
  ['description', 'description'],
  ['ownerId', 'owner_id'],
  ['dueDate', 'due_date'],
  ['priority', 'priority'],
  ['status', 'status'],
  ['completedAt', 'completed_at'],
  ['completedBy', 'completed_by'],
] as const;

async function unitsOf(db: Kysely<DB>) {
  return (await db.selectFrom('org_unit').select(['id', 'parent_id']).execute()).map((u) => ({ id: u.id, parentId: u.parent_id }));
}

/**
 * Tasks on records (requirement rows, risks, applied measures, non-conformities, FRIAs, evidence, AI systems): owner,
 * due date, priority and status. A task belongs to its record's unit; `task.read` / `task.edit` there decide access.
 */
export class TaskService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: TaskListQuery): Promise<ListPage<Task>> {
    const scope = await unitScope(this.db, actor, 'task.read');
    const today = calendarDate(new Date());
    if (query.recordId !== undefined && query.recordType === undefined) throw invalid('recordType', 'Name the record type with a record id');
    if (query.orgUnitId !== undefined && !(await this.db.selectFrom('org_unit').select('id').where('id', '=', query.orgUnitId).executeTakeFirst())) {
      throw invalid('orgUnitId', 'Unknown organisational unit');
    }
    const { rows, total } = await repo.listTasks(this.db, scope, {
      units: query.orgUnitId === undefined ? undefined : await subtreeOf(this.db, query.orgUnitId),
      tokenSystemIds: tokenSystemIds(actor),
      viewer: actor,
      ownerId: query.mine === 'true' ? (actor.userId ?? '') : undefined,
      systemId: query.systemId,
      recordType: query.recordType,
      recordId: query.recordId,
      statuses: query.status?.split(','),
      dueBefore: query.dueBefore,
      overdueOn: query.overdue === 'true' ? today : undefined,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: await this.present(actor, rows, today), total, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<Task> {
    const row = await repo.findTask(this.db, id);
    if (!row) throw notFound('Task');
    await assertInScope(this.db, actor, 'task.read', row.unit_id, row.system_id);
    const [task] = await this.present(actor, [row], calendarDate(new Date()));
    return task!;
  }

  async create(actor: Actor, input: TaskCreate): Promise<Task> {
    const registry = await this.catalogs.current();
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const record = await resolveRecord(trx, registry, input);
      await assertInScope(trx, actor, 'task.edit', record.orgUnitId, record.systemId);
      if (record.archived) throw conflict('archived', 'The AI system is archived; it gets no new tasks');
      if (input.ownerId !== null) await this.assertAssignable(trx, input.ownerId, record.orgUnitId);
      const completion = completionAfter('open', input.status, { completedAt: null, completedBy: null }, actor.userId, now);
      const row: TaskTable = {
        id, record_type: record.recordType, record_id: record.recordId, system_id: record.systemId, org_unit_id: record.orgUnitId,
        title: input.title, description: input.description, owner_id: input.ownerId, due_date: input.dueDate, priority: input.priority,
        status: input.status, completed_at: completion.completedAt, completed_by: completion.completedBy, version: 1,
        created_at: now, updated_at: now, created_by: actor.userId, created_by_label: actor.label,
      };
      await repo.insertTask(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'task.create',
        entityType: TASK_ENTITY,
        entityId: id,
        changes: [
          { field: 'recordType', before: null, after: row.record_type },
          { field: 'recordId', before: null, after: row.record_id },
          { field: 'systemId', before: null, after: row.system_id },
          { field: 'orgUnitId', before: null, after: row.org_unit_id },
          ...FIELDS.filter(([, column]) => row[column] !== null && row[column] !== '').map(([field, column]) => ({ field, before: null, after: row[column] })),
        ],
      }, now);
    });
    return this.get(actor, id);
  }

  /** Changes fields and status (cancel instead of delete); `done` records when and by whom, reopening clears it. */
  async update(actor: Actor, id: string, input: TaskUpdate): Promise<Task> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.lockTask(trx, this.database.dialect, id))) throw notFound('Task');
      const row = (await repo.findTask(trx, id))!;
      await assertInScope(trx, actor, 'task.edit', row.unit_id, row.system_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: TaskTable = { ...row };
      if (input.title !== undefined) next.title = input.title;
      if (input.description !== undefined) next.description = input.description;
      if (input.dueDate !== undefined) next.due_date = input.dueDate;
      if (input.priority !== undefined) next.priority = input.priority;
      if (input.ownerId !== undefined && input.ownerId !== row.owner_id) {
        if (input.ownerId !== null) await this.assertAssignable(trx, input.ownerId, row.unit_id);
        next.owner_id = input.ownerId;
      }
      if (input.status !== undefined) {
        next.status = input.status;
        const completion = completionAfter(row.status as TaskStatus, input.status, { completedAt: row.completed_at, completedBy: row.completed_by }, actor.userId, now);
        next.completed_at = completion.completedAt;
        next.completed_by = completion.completedBy;
      }
      const changes = FIELDS.filter(([, c]) => row[c] !== next[c]).map(([field, c]) => ({ field, before: row[c], after: next[c] }));
      if (changes.length === 0) return;
      const values: Partial<TaskTable> = { version: Number(row.version) + 1, updated_at: now };
      for (const [, column] of FIELDS) (values as Record<string, unknown>)[column] = next[column];
      if (!(await repo.updateTask(trx, id, Number(row.version), values))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'task.update', entityType: TASK_ENTITY, entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  /** Who may own a task in a unit (given directly, or as the unit of a record): active users holding task.read there. */
  async assignees(actor: Actor, query: TaskAssigneeQuery): Promise<TaskAssigneeList> {
    let orgUnitId: string;
    let systemId: string | null = null;
    if (query.orgUnitId !== undefined) {
      if (!(await this.db.selectFrom('org_unit').select('id').where('id', '=', query.orgUnitId).executeTakeFirst())) throw invalid('orgUnitId', 'Unknown organisational unit');
      orgUnitId = query.orgUnitId;
    } else {
      if (query.recordType === undefined || query.recordId === undefined) throw invalid('orgUnitId', 'Name a unit, or a record by recordType and recordId');
      ({ orgUnitId, systemId } = await resolveRecord(this.db, await this.catalogs.current(), { recordType: query.recordType, recordId: query.recordId, systemId: query.systemId }));
    }
    await assertInScope(this.db, actor, 'task.edit', orgUnitId, systemId);
    const { users, assignments } = await repo.activeUsersWithRoles(this.db);
    const units = await unitsOf(this.db);
    const byUser = new Map<string, { orgUnitId: string; role: Role }[]>();
    for (const a of assignments) byUser.set(a.user_id, [...(byUser.get(a.user_id) ?? []), { orgUnitId: a.org_unit_id, role: a.role as Role }]);
    const items = users
      .filter((u) => {
        const scope = permissionScope(byUser.get(u.id) ?? [], 'task.read');
        return scope.all || expandUnitScope(scope.roots, units).has(orgUnitId);
      })
      .map((u) => ({ id: u.id, displayName: u.display_name }));
    return { orgUnitId, items };
  }

  /** An owner must be an active user who may read the unit's tasks (else they could not open what they are reminded of). */
  private async assertAssignable(db: Kysely<DB>, userId: string, orgUnitId: string) {
    const user = await repo.findUser(db, userId);
    if (!user || Number(user.active) !== 1) throw invalid('ownerId', 'Unknown or deactivated user');
    const assignments = (await repo.assignmentsOf(db, userId)).map((a) => ({ orgUnitId: a.org_unit_id, role: a.role as Role }));
    const scope = permissionScope(assignments, 'task.read');
    if (!scope.all && !expandUnitScope(scope.roots, await unitsOf(db)).has(orgUnitId)) {
      throw invalid('ownerId', "The user may not read tasks in this record's organisational unit");
    }
  }

  private async present(actor: Actor, rows: repo.TaskRow[], today: string): Promise<Task[]> {
    if (rows.length === 0) return [];
    const [labels, editScope] = await Promise.all([recordLabels(this.db, await this.catalogs.current(), rows), unitScope(this.db, actor, 'task.edit')]);
    return rows.map((row) => presentTask(row, labels.get(row.id)!, today, editScope));
  }
}
