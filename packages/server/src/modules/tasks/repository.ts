import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB, TaskTable } from '../../db/schema.js';
import type { UnitScope } from '../../access/scope.js';
import type { Actor } from '../../access/actor.js';
import { visibleSystemRecord } from '../../access/clearance.js';
import { toCount, type DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

/** A task with what its lists show beside it: the effective unit, the system's name and archive state, the owner's name. */
export interface TaskRow extends TaskTable {
  unit_id: string;
  system_name: string | null;
  system_archived_at: string | null;
  owner_name: string | null;
}

export interface TaskFilter {
  /** Units (already expanded to sub-units) the caller asked for. */
  units?: ReadonlySet<string> | undefined;
  /** An API token limited to AI systems: tasks of those systems (and tasks without a system, narrowed by unit). */
  tokenSystemIds?: readonly string[] | null | undefined;
  /** Who reads: tasks of systems above the reader's clearance are left out. */
  viewer: Pick<Actor, 'clearance'>;
  ownerId?: string | undefined;
  systemId?: string | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  statuses?: readonly string[] | undefined;
  dueBefore?: string | undefined;
  /** Open tasks due before this date. */
  overdueOn?: string | undefined;
  sort: 'due' | 'updated';
  limit: number;
  offset: number;
}

/** The unit a task belongs to: its system's (which may have moved since), else the one stored with it. */
const unitOf = (eb: ExpressionBuilder<DB, 'task' | 'ai_system'>) => eb.fn.coalesce('ai_system.org_unit_id', 'task.org_unit_id');

function baseQuery(db: Db) {
  return db
    .selectFrom('task')
    .leftJoin('ai_system', 'ai_system.id', 'task.system_id')
    .leftJoin('app_user', 'app_user.id', 'task.owner_id');
}

function withColumns(q: ReturnType<typeof baseQuery>) {
  return q.selectAll('task').select((eb) => [
    unitOf(eb).as('unit_id'),
    'ai_system.name as system_name',
    'ai_system.archived_at as system_archived_at',
    'app_user.display_name as owner_name',
  ]);
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return withColumns(baseQuery(db)).where('task.id', '=', id).executeTakeFirst();
}

/** Locks the task row on PostgreSQL (SQLite serialises writers anyway). */
export function lockTask(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('task').select(['id', 'version']).where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

const PRIORITY_RANK = sql<number>`case task.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
const OPEN = ['open', 'in-progress', 'blocked'];

/** One page of the tasks in scope that match the filter, and how many match in all. */
export async function listTasks(db: Db, scope: UnitScope, filter: TaskFilter): Promise<{ rows: TaskRow[]; total: number }> {
  if (scope !== 'all' && scope.size === 0) return { rows: [], total: 0 };
  if (filter.units !== undefined && filter.units.size === 0) return { rows: [], total: 0 };
  let q = baseQuery(db);
  if (scope !== 'all') q = q.where((eb) => eb(unitOf(eb), 'in', [...scope]));
  if (filter.units !== undefined) q = q.where((eb) => eb(unitOf(eb), 'in', [...filter.units!]));
  if (filter.tokenSystemIds) {
    const ids = [...filter.tokenSystemIds];
    q = q.where((eb) => (ids.length === 0 ? eb('task.system_id', 'is', null) : eb.or([eb('task.system_id', 'is', null), eb('task.system_id', 'in', ids)])));
  }
  q = q.where(visibleSystemRecord(filter.viewer, 'task.system_id'));
  if (filter.ownerId !== undefined) q = q.where('task.owner_id', '=', filter.ownerId);
  if (filter.systemId !== undefined) q = q.where('task.system_id', '=', filter.systemId);
  if (filter.recordType !== undefined) q = q.where('task.record_type', '=', filter.recordType);
  if (filter.recordId !== undefined) q = q.where('task.record_id', '=', filter.recordId);
  if (filter.statuses !== undefined) q = q.where('task.status', 'in', [...filter.statuses]);
  if (filter.dueBefore !== undefined) q = q.where('task.due_date', '<', filter.dueBefore);
  if (filter.overdueOn !== undefined) q = q.where('task.due_date', '<', filter.overdueOn).where('task.status', 'in', OPEN);
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  let items = withColumns(q);
  items =
    filter.sort === 'updated'
      ? items.orderBy('task.updated_at', 'desc')
      : items
          .orderBy(sql`case when task.due_date is null then 1 else 0 end`)
          .orderBy('task.due_date')
          .orderBy(PRIORITY_RANK)
          .orderBy('task.created_at');
  const rows = (await items.orderBy('task.id').limit(filter.limit).offset(filter.offset).execute()) as TaskRow[];
  return { rows, total: toCount(count?.n) };
}

/** Every task of a system with a due date (for its timeline), cancelled ones left out. */
export async function datedTasksOfSystem(db: Db, systemId: string): Promise<TaskRow[]> {
  return (await withColumns(baseQuery(db))
    .where('task.system_id', '=', systemId)
    .where('task.due_date', 'is not', null)
    .where('task.status', '!=', 'cancelled')
    .orderBy('task.due_date')
    .orderBy('task.id')
    .execute());
}

export async function insertTask(db: Db, row: TaskTable) {
  await db.insertInto('task').values(row).execute();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateTask(db: Db, id: string, expectedVersion: number, values: Partial<TaskTable>) {
  const result = await db.updateTable('task').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active users with their role assignments, for deciding who may own a task in a unit. */
export async function activeUsersWithRoles(db: Db) {
  const [users, assignments] = await Promise.all([
    db.selectFrom('app_user').select(['id', 'display_name']).where('active', '=', 1).orderBy('display_name').orderBy('id').execute(),
    db.selectFrom('role_assignment').innerJoin('app_user', 'app_user.id', 'role_assignment.user_id').select(['role_assignment.user_id', 'role_assignment.org_unit_id', 'role_assignment.role']).where('app_user.active', '=', 1).execute(),
  ]);
  return { users, assignments };
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('app_user').select(['id', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
}

export function assignmentsOf(db: Db, userId: string) {
  return db.selectFrom('role_assignment').select(['org_unit_id', 'role']).where('user_id', '=', userId).execute();
}

/** Titles of records for the labels of a page of tasks, one query per kind. */
export function risksByIds(db: Db, ids: readonly string[]) {
  return ids.length === 0 ? Promise.resolve([]) : db.selectFrom('risk').select(['id', 'number', 'title', 'system_id']).where('id', 'in', [...ids]).execute();
}
export function evidenceByIds(db: Db, ids: readonly string[]) {
  return ids.length === 0 ? Promise.resolve([]) : db.selectFrom('evidence').select(['id', 'title', 'system_id']).where('id', 'in', [...ids]).execute();
}
export function nonconformitiesByIds(db: Db, ids: readonly string[]) {
  return ids.length === 0 ? Promise.resolve([]) : db.selectFrom('nonconformity').select(['id', 'title', 'system_id', 'org_unit_id']).where('id', 'in', [...ids]).execute();
}
