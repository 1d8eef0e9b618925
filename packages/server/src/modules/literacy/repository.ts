import type { Kysely } from 'kysely';
import type { DB, TrainingCourseTable, TrainingRecordTable, TrainingRequirementTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';

type Db = Kysely<DB>;

// Courses

export function findCourse(db: Db, id: string) {
  return db.selectFrom('training_course').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row on PostgreSQL (SQLite serialises writers anyway). */
export function findCourseForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('training_course').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Courses by title (active before retired when unfiltered). */
export function listCourses(db: Db, status: string | undefined) {
  let q = db.selectFrom('training_course').selectAll();
  if (status) q = q.where('status', '=', status);
  return q.orderBy('status').orderBy('title').orderBy('id').execute();
}

export async function insertCourse(db: Db, row: TrainingCourseTable) {
  await db.insertInto('training_course').values(row).execute();
}

/** Optimistic locking: changes the row only if it is still at `expectedVersion`. */
export async function updateCourse(db: Db, id: string, expectedVersion: number, values: Partial<TrainingCourseTable>) {
  const result = await db.updateTable('training_course').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Requirements

export function findRequirement(db: Db, id: string) {
  return db.selectFrom('training_requirement').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRequirementForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('training_requirement').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

export function listRequirements(db: Db, courseId: string | undefined) {
  let q = db.selectFrom('training_requirement').selectAll();
  if (courseId) q = q.where('course_id', '=', courseId);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** The same course for the same role and unit, other than `exceptId`. */
export function findSameRequirement(db: Db, courseId: string, role: string, orgUnitId: string | null, exceptId: string | null) {
  let q = db.selectFrom('training_requirement').select('id').where('course_id', '=', courseId).where('role', '=', role);
  q = orgUnitId === null ? q.where('org_unit_id', 'is', null) : q.where('org_unit_id', '=', orgUnitId);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertRequirement(db: Db, row: TrainingRequirementTable) {
  await db.insertInto('training_requirement').values(row).execute();
}

export async function updateRequirement(db: Db, id: string, expectedVersion: number, values: Partial<TrainingRequirementTable>) {
  const result = await db.updateTable('training_requirement').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRequirement(db: Db, id: string) {
  await db.deleteFrom('training_requirement').where('id', '=', id).execute();
}

/** Requirements of active courses: the ones that count. */
export function activeRequirements(db: Db) {
  return db
    .selectFrom('training_requirement')
    .innerJoin('training_course', 'training_course.id', 'training_requirement.course_id')
    .select(['training_requirement.course_id', 'training_requirement.role', 'training_requirement.org_unit_id', 'training_requirement.interval_months', 'training_requirement.grace_days', 'training_requirement.created_at', 'training_course.title as course_title'])
    .where('training_course.status', '=', 'active')
    .execute();
}

// Records

function recordsQuery(db: Db) {
  return db
    .selectFrom('training_record')
    .innerJoin('app_user', 'app_user.id', 'training_record.user_id')
    .innerJoin('training_course', 'training_course.id', 'training_record.course_id')
    .selectAll('training_record')
    .select(['app_user.display_name as user_name', 'training_course.title as course_title']);
}

export type RecordRow = TrainingRecordTable & { user_name: string; course_title: string };

export function findRecord(db: Db, id: string): Promise<RecordRow | undefined> {
  return recordsQuery(db).where('training_record.id', '=', id).executeTakeFirst();
}

export function findRecordForUpdate(db: Db, dialect: DialectName, id: string) {
  return db.selectFrom('training_record').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

/** Records, newest completion first; `userIds` null: every user. */
export function listRecords(db: Db, userIds: readonly string[] | null, filter: { userId?: string | undefined; courseId?: string | undefined; withdrawn: boolean }): Promise<RecordRow[]> {
  if (userIds !== null && userIds.length === 0) return Promise.resolve([]);
  let q = recordsQuery(db);
  if (userIds !== null) q = q.where('training_record.user_id', 'in', [...userIds]);
  if (filter.userId) q = q.where('training_record.user_id', '=', filter.userId);
  if (filter.courseId) q = q.where('training_record.course_id', '=', filter.courseId);
  if (!filter.withdrawn) q = q.where('training_record.withdrawn_at', 'is', null);
  return q.orderBy('training_record.completed_on', 'desc').orderBy('training_record.recorded_at', 'desc').orderBy('training_record.id').execute();
}

export async function insertRecord(db: Db, row: TrainingRecordTable) {
  await db.insertInto('training_record').values(row).execute();
}

export async function updateRecord(db: Db, id: string, expectedVersion: number, values: Partial<TrainingRecordTable>) {
  const result = await db.updateTable('training_record').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that count (not withdrawn) of the given users, or of everyone when `userIds` is null. */
export function countingRecords(db: Db, userIds: readonly string[] | null) {
  if (userIds !== null && userIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('training_record').select(['id', 'user_id', 'course_id', 'completed_on', 'valid_until', 'recorded_at']).where('withdrawn_at', 'is', null);
  if (userIds !== null) q = q.where('user_id', 'in', [...userIds]);
  return q.execute();
}

// People

/** Active users and their role assignments (one row per assignment). */
export function activeRoleHolders(db: Db, userIds: readonly string[] | null) {
  if (userIds !== null && userIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('role_assignment')
    .innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
    .select(['app_user.id as user_id', 'app_user.display_name', 'app_user.created_at', 'role_assignment.role', 'role_assignment.org_unit_id'])
    .where('app_user.active', '=', 1);
  if (userIds !== null) q = q.where('app_user.id', 'in', [...userIds]);
  return q.orderBy('app_user.display_name').orderBy('app_user.id').execute();
}

export function findActiveUser(db: Db, id: string) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'created_at']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

/**
 * When each user's roles last changed, from the audit trail (role assignments carry no date of their own): the newest
 * user.create or user.update whose changes name the field `roles`.
 */
export function lastRoleChanges(db: Db, userIds: readonly string[] | null) {
  if (userIds !== null && userIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('audit_event')
    .select(['entity_id'])
    .select((eb) => eb.fn.max('occurred_at').as('changed_at'))
    .where('entity_type', '=', 'user')
    .where('action', 'in', ['user.create', 'user.update'])
    .where('changes', 'like', '%"field":"roles"%');
  if (userIds !== null) q = q.where('entity_id', 'in', [...userIds]);
  return q.groupBy('entity_id').execute();
}

/** The users holding a role in any of the units. */
export async function usersWithRoleIn(db: Db, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('role_assignment').select('user_id').distinct().where('org_unit_id', 'in', [...unitIds]).execute();
  return rows.map((r) => r.user_id);
}

export function allUnits(db: Db) {
  return db.selectFrom('org_unit').select(['id', 'name', 'parent_id']).execute();
}
