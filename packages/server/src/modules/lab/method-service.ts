import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  diffRecords,
  expandUnitScope,
  isAuthorisedAt,
  officeToday,
  permissionScope,
  type LabAuthorisation,
  type LabAuthorisationCandidate,
  type LabAuthorisationCreate,
  type LabMethodCreate,
  type LabMethodDetail,
  type LabMethodListQuery,
  type LabMethodSummary,
  type LabMethodUpdate,
  type LabMethodValidation,
  type LabMethodValidationCreate,
  type ListPage,
  type Role,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, LabMethodAuthorisationTable, LabMethodTable, LabMethodValidationTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound } from '../../http/errors.js';
import { methodFields, presentAuthorisation, presentMethodDetail, presentMethodSummary, presentValidation } from './method-presenter.js';
import * as repo from './method-repository.js';
import { assertUnit, changeLabRecord, chosenUnits, createLabRecord, matching, pageOf, personOf, unitNames, unitTree, type LabRecordKind } from './lab-records.js';

export const LAB_METHOD_ENTITY = 'lab-method';

const METHOD: LabRecordKind<'lab_method'> = { table: 'lab_method', noun: 'Method', entityType: LAB_METHOD_ENTITY, action: 'lab-method', fields: methodFields };

const json = (value: unknown) => JSON.stringify(value);

/** Whether the user may record runs with the method at `at`: an active account with an authorisation that covers it. */
export async function canRecordRuns(db: Kysely<DB>, userId: string, methodId: string, at: Date = new Date()): Promise<boolean> {
  const user = await repo.findUser(db, userId);
  if (!user || Number(user.active) !== 1) return false;
  return isAuthorisedAt(await repo.authorisationsOfUser(db, methodId, userId).then((rows) => rows.map((r) => ({ userId: r.user_id, since: r.since, until: r.until, revokedAt: r.revoked_at }))), userId, at);
}

/** Evaluation methods of the test lab with their validations and staff authorisations. */
export class LabMethodService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /** Whether the user may record runs with the method at `at` (see `canRecordRuns`). */
  canRecordRuns(userId: string, methodId: string, at: Date = new Date()): Promise<boolean> {
    return canRecordRuns(this.db, userId, methodId, at);
  }

  private async load(rows: readonly LabMethodTable[]) {
    const ids = rows.map((r) => r.id);
    const today = officeToday();
    const [validations, authorisations, units] = await Promise.all([repo.validationsOf(this.db, ids), repo.authorisationsOf(this.db, ids), unitNames(this.db, rows.map((r) => r.org_unit_id))]);
    return (row: LabMethodTable) => ({
      unitName: units.get(row.org_unit_id) ?? '',
      validations: validations.filter((v) => v.method_id === row.id).map(presentValidation),
      authorisations: authorisations.filter((a) => a.method_id === row.id).map((a) => presentAuthorisation(a, today)),
    });
  }

  async list(actor: Actor, query: LabMethodListQuery): Promise<ListPage<LabMethodSummary>> {
    const scope = await unitScope(this.db, actor, 'lab.read');
    const rows = await repo.listMethodsInScope(this.db, scope, await chosenUnits(this.db, query.orgUnitId));
    const of = await this.load(rows);
    let items = rows.map((row) => {
      const d = of(row);
      return presentMethodSummary(row, d.unitName, d.validations, d.authorisations);
    });
    if (query.status) items = items.filter((m) => m.status === query.status);
    return pageOf(matching(items, query.q, (m) => [m.name, m.harness, m.harnessVersion]), query);
  }

  private async readable(actor: Actor, id: string) {
    const row = await repo.findMethod(this.db, id);
    if (!row) throw notFound('Method');
    await assertInScope(this.db, actor, 'lab.read', row.org_unit_id);
    return row;
  }

  async get(actor: Actor, id: string): Promise<LabMethodDetail> {
    const row = await this.readable(actor, id);
    const d = (await this.load([row]))(row);
    return presentMethodDetail(row, d.unitName, d.validations, d.authorisations);
  }

  async create(actor: Actor, input: LabMethodCreate): Promise<LabMethodDetail> {
    await assertUnit(this.db, input.orgUnitId);
    await assertInScope(this.db, actor, 'lab.manage', input.orgUnitId);
    const now = new Date().toISOString();
    const row: LabMethodTable = {
      id: randomUUID(), org_unit_id: input.orgUnitId, name: input.name, harness: input.harness, harness_version: input.harnessVersion,
      configuration: json(input.configuration), description: input.description, version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await createLabRecord(this.database, actor, METHOD, row, now);
    return this.get(actor, row.id);
  }

  async update(actor: Actor, id: string, input: LabMethodUpdate): Promise<LabMethodDetail> {
    await changeLabRecord(this.database, actor, METHOD, id, input, (row) => ({
      ...row,
      org_unit_id: input.orgUnitId ?? row.org_unit_id,
      name: input.name ?? row.name,
      harness: input.harness ?? row.harness,
      harness_version: input.harnessVersion ?? row.harness_version,
      configuration: input.configuration !== undefined ? json(input.configuration) : row.configuration,
      description: input.description ?? row.description,
    }));
    return this.get(actor, id);
  }

  /** Records a validation (ISO/IEC 17025 7.2.2) for the method's current harness version, unless another is named. */
  async validate(actor: Actor, id: string, input: LabMethodValidationCreate): Promise<LabMethodValidation> {
    const method = await repo.findMethod(this.db, id);
    if (!method) throw notFound('Method');
    await assertInScope(this.db, actor, 'lab.manage', method.org_unit_id);
    const today = officeToday();
    if (input.validatedOn && input.validatedOn > today) throw invalid('validatedOn', 'A validation cannot lie in the future');
    const now = new Date().toISOString();
    const row: LabMethodValidationTable = {
      id: randomUUID(), method_id: id, result: input.result, harness_version: input.harnessVersion ?? method.harness_version, validated_on: input.validatedOn ?? today,
      report: input.report, validated_by: personOf(actor), validated_by_label: actor.label, recorded_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertValidation(trx, row);
      const { id: _id, methodId: _m, recordedAt: _r, ...fields } = presentValidation(row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-method.validate', entityType: LAB_METHOD_ENTITY, entityId: id, changes: diffRecords(null, { validation: row.id, ...fields }) }, now);
    });
    return presentValidation(row);
  }

  /** Active users who hold lab.run in the method's unit: the people who may be authorised for it. */
  async candidates(actor: Actor, id: string): Promise<LabAuthorisationCandidate[]> {
    const method = await this.readable(actor, id);
    const [{ users, assignments }, tree] = await Promise.all([repo.activeUsersWithAssignments(this.db), unitTree(this.db)]);
    return users
      .filter((u) => holdsIn(assignments.filter((a) => a.user_id === u.id), method.org_unit_id, tree))
      .map((u) => ({ id: u.id, name: u.display_name, email: u.email }));
  }

  /** Authorises a person to record runs with the method (ISO/IEC 17025 6.2.6). */
  async authorise(actor: Actor, id: string, input: LabAuthorisationCreate): Promise<LabAuthorisation> {
    const method = await repo.findMethod(this.db, id);
    if (!method) throw notFound('Method');
    await assertInScope(this.db, actor, 'lab.manage', method.org_unit_id);
    const user = await repo.findUser(this.db, input.userId);
    if (!user) throw invalid('userId', 'Unknown user');
    if (Number(user.active) !== 1) throw invalid('userId', 'The user is deactivated');
    if (!(await this.candidates(actor, id)).some((c) => c.id === input.userId)) throw invalid('userId', "The user does not hold lab.run in the method's unit");
    const today = officeToday();
    const since = input.since ?? today;
    const until = input.until ?? null;
    if (until !== null && until < since) throw invalid('until', 'Must not lie before the start');
    const now = new Date().toISOString();
    const row: LabMethodAuthorisationTable = {
      id: randomUUID(), method_id: id, user_id: input.userId, authorised_by: personOf(actor), authorised_by_label: actor.label, since, until, note: input.note,
      created_at: now, revoked_at: null, revoked_by_label: null,
    };
    await this.db.transaction().execute(async (trx) => {
      const existing = await repo.authorisationsOfUser(trx, id, input.userId);
      const overlaps = existing.some((a) => a.revoked_at === null && (a.until === null || a.until >= since) && (until === null || a.since <= until));
      if (overlaps) throw conflict('already-authorised', 'The user already holds an authorisation for this method over these days; withdraw it first');
      await repo.insertAuthorisation(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-method.authorise', entityType: LAB_METHOD_ENTITY, entityId: id,
        changes: diffRecords(null, { authorisation: row.id, userId: row.user_id, user: `${user.display_name} <${user.email}>`, since, until, note: row.note }),
      }, now);
    });
    return presentAuthorisation({ ...row, user_name: user.display_name, user_email: user.email }, today);
  }

  /** Withdraws an authorisation; it stays on record (who, when). */
  async revoke(actor: Actor, id: string, authorisationId: string): Promise<LabAuthorisation> {
    const method = await repo.findMethod(this.db, id);
    if (!method) throw notFound('Method');
    await assertInScope(this.db, actor, 'lab.manage', method.org_unit_id);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findAuthorisation(trx, id, authorisationId);
      if (!row) throw notFound('Authorisation');
      if (row.revoked_at !== null || !(await repo.revokeAuthorisation(trx, authorisationId, now, actor.label))) throw conflict('already-revoked', 'The authorisation was withdrawn already');
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-method.revoke-authorisation', entityType: LAB_METHOD_ENTITY, entityId: id,
        changes: [{ field: 'authorisation', before: authorisationId, after: null }, { field: 'userId', before: row.user_id, after: null }],
      }, now);
    });
    const rows = await repo.authorisationsOf(this.db, [id]);
    return presentAuthorisation(rows.find((r) => r.id === authorisationId)!, officeToday());
  }
}

/** Whether role assignments grant lab.run in a unit (global roles everywhere, others in their subtree). */
function holdsIn(assignments: readonly { org_unit_id: string; role: string }[], unitId: string, tree: { id: string; parentId: string | null }[]): boolean {
  const scope = permissionScope(assignments.map((a) => ({ orgUnitId: a.org_unit_id, role: a.role as Role })), 'lab.run');
  return scope.all || expandUnitScope(scope.roots, tree).has(unitId);
}
