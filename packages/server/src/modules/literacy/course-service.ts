import { randomUUID } from 'node:crypto';
import {
  diffRecords,
  type ListPage,
  type TrainingCourse,
  type TrainingCourseCreate,
  type TrainingCourseListQuery,
  type TrainingCourseUpdate,
  type TrainingRequirement,
  type TrainingRequirementCreate,
  type TrainingRequirementListQuery,
  type TrainingRequirementUpdate,
} from '@konform/core';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, TrainingCourseTable, TrainingRequirementTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { courseAuditView, presentCourse, presentRequirement, requirementAuditView } from './presenter.js';
import * as repo from './repository.js';

export const COURSE_ENTITY = 'training_course';
export const REQUIREMENT_ENTITY = 'training_requirement';

const json = (value: unknown) => JSON.stringify(value);
const minutes = (hours: number | null | undefined) => (hours === null || hours === undefined ? null : Math.round(hours * 60));

/** AI literacy courses and the requirements saying which roles need them (training.manage writes, everyone reads). */
export class TrainingCourseService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(_actor: Actor, query: TrainingCourseListQuery): Promise<ListPage<TrainingCourse>> {
    const rows = await repo.listCourses(this.db, query.status);
    return { items: rows.slice(query.offset, query.offset + query.limit).map(presentCourse), total: rows.length, limit: query.limit, offset: query.offset };
  }

  async get(_actor: Actor, id: string): Promise<TrainingCourse> {
    const row = await repo.findCourse(this.db, id);
    if (!row) throw notFound('Course');
    return presentCourse(row);
  }

  async create(actor: Actor, input: TrainingCourseCreate): Promise<TrainingCourse> {
    await this.assertManage(actor);
    const now = new Date().toISOString();
    const row: TrainingCourseTable = {
      id: randomUUID(),
      title: input.title,
      description: input.description ?? '',
      provider_kind: input.providerKind,
      provider: input.provider ?? '',
      topics: json(input.topics ?? []),
      tags: json(input.tags ?? []),
      duration_minutes: minutes(input.durationHours),
      delivery: input.delivery,
      validity_months: input.validityMonths ?? null,
      status: 'active',
      version: 1,
      created_at: now,
      updated_at: now,
      created_by_label: actor.label,
    };
    assertProvider(row);
    await this.db.transaction().execute(async (trx) => {
      await repo.insertCourse(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'training.course.create', entityType: COURSE_ENTITY, entityId: row.id, changes: diffRecords(null, courseAuditView(presentCourse(row))) }, now);
    });
    return presentCourse(row);
  }

  async update(actor: Actor, id: string, input: TrainingCourseUpdate): Promise<TrainingCourse> {
    await this.assertManage(actor);
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.findCourseForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Course');
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: TrainingCourseTable = {
        ...row,
        title: input.title ?? row.title,
        description: input.description ?? row.description,
        provider_kind: input.providerKind ?? row.provider_kind,
        provider: input.provider ?? row.provider,
        topics: input.topics === undefined ? row.topics : json(input.topics),
        tags: input.tags === undefined ? row.tags : json(input.tags),
        duration_minutes: input.durationHours === undefined ? row.duration_minutes : minutes(input.durationHours),
        delivery: input.delivery ?? row.delivery,
        validity_months: input.validityMonths === undefined ? row.validity_months : input.validityMonths,
        status: input.status ?? row.status,
      };
      assertProvider(next);
      const changes = diffRecords(courseAuditView(presentCourse(row)), courseAuditView(presentCourse(next)));
      if (changes.length === 0) return presentCourse(row);
      const saved = { ...next, version: Number(row.version) + 1, updated_at: now };
      if (!(await repo.updateCourse(trx, id, Number(row.version), saved))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'training.course.update', entityType: COURSE_ENTITY, entityId: id, changes, reason: input.reason }, now);
      return presentCourse(saved);
    });
  }

  async listRequirements(_actor: Actor, query: TrainingRequirementListQuery): Promise<{ items: TrainingRequirement[] }> {
    return { items: (await repo.listRequirements(this.db, query.courseId)).map(presentRequirement) };
  }

  async createRequirement(actor: Actor, input: TrainingRequirementCreate): Promise<TrainingRequirement> {
    const now = new Date().toISOString();
    const row: TrainingRequirementTable = {
      id: randomUUID(),
      course_id: input.courseId,
      role: input.role,
      org_unit_id: input.orgUnitId,
      interval_months: input.intervalMonths,
      grace_days: input.graceDays,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by_label: actor.label,
    };
    await this.db.transaction().execute(async (trx) => {
      const course = await repo.findCourse(trx, input.courseId);
      if (!course) throw invalid('courseId', 'Unknown course');
      if (course.status !== 'active') throw invalid('courseId', 'A retired course cannot be required');
      await this.checkRequirementTarget(trx, actor, row, null);
      await repo.insertRequirement(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'training.requirement.create', entityType: REQUIREMENT_ENTITY, entityId: row.id, changes: diffRecords(null, requirementAuditView(presentRequirement(row))),
      }, now);
    });
    return presentRequirement(row);
  }

  async updateRequirement(actor: Actor, id: string, input: TrainingRequirementUpdate): Promise<TrainingRequirement> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.findRequirementForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Requirement');
      await this.assertManage(actor, row.org_unit_id, trx);
      if (Number(row.version) !== input.version) throw versionConflict();
      const next: TrainingRequirementTable = {
        ...row,
        role: input.role ?? row.role,
        org_unit_id: input.orgUnitId === undefined ? row.org_unit_id : input.orgUnitId,
        interval_months: input.intervalMonths === undefined ? row.interval_months : input.intervalMonths,
        grace_days: input.graceDays ?? row.grace_days,
      };
      await this.checkRequirementTarget(trx, actor, next, id);
      const changes = diffRecords(requirementAuditView(presentRequirement(row)), requirementAuditView(presentRequirement(next)));
      if (changes.length === 0) return presentRequirement(row);
      const saved = { ...next, version: Number(row.version) + 1, updated_at: now };
      if (!(await repo.updateRequirement(trx, id, Number(row.version), saved))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'training.requirement.update', entityType: REQUIREMENT_ENTITY, entityId: id, changes, reason: input.reason }, now);
      return presentRequirement(saved);
    });
  }

  async deleteRequirement(actor: Actor, id: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findRequirementForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Requirement');
      await this.assertManage(actor, row.org_unit_id, trx);
      await repo.deleteRequirement(trx, id);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'training.requirement.delete', entityType: REQUIREMENT_ENTITY, entityId: id, changes: diffRecords(requirementAuditView(presentRequirement(row)), null),
      }, now);
    });
  }

  /** The unit must exist and lie in the actor's training.manage scope; one requirement per course, role and unit. */
  private async checkRequirementTarget(trx: Transaction<DB>, actor: Actor, row: TrainingRequirementTable, exceptId: string | null) {
    if (row.org_unit_id !== null) {
      const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', row.org_unit_id).executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
    }
    await this.assertManage(actor, row.org_unit_id, trx);
    if (await repo.findSameRequirement(trx, row.course_id, row.role, row.org_unit_id, exceptId)) {
      throw conflict('requirement-exists', 'This course is required for this role and unit already');
    }
  }

  /** training.manage: anywhere for an organisation-wide requirement or a course, in the unit for a unit's requirement. */
  private async assertManage(actor: Actor, orgUnitId: string | null = null, db: Transaction<DB> | Database['db'] = this.db) {
    if (orgUnitId !== null) return assertInScope(db, actor, 'training.manage', orgUnitId);
    if ((await unitScope(db, actor, 'training.manage')) !== 'all') throw forbidden('Courses and organisation-wide requirements need training.manage in every unit');
  }
}

function assertProvider(row: TrainingCourseTable) {
  if (row.provider_kind === 'external' && row.provider.trim() === '') throw invalid('provider', 'Name the provider of an external course');
}
