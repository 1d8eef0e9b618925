import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  defaultVerificationValidUntil,
  diffRecords,
  environmentStatus,
  officeToday,
  verificationPassed,
  type EnvironmentStatusResult,
  type LabEnvironmentCreate,
  type LabEnvironmentDetail,
  type LabEnvironmentListQuery,
  type LabEnvironmentSummary,
  type LabEnvironmentUpdate,
  type LabVerification,
  type LabVerificationCreate,
  type ListPage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, LabEnvironmentTable, LabEnvironmentVerificationTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { invalid, notFound } from '../../http/errors.js';
import { environmentFields, presentEnvironmentDetail, presentEnvironmentSummary, presentVerification } from './environment-presenter.js';
import * as repo from './environment-repository.js';
import { assertUnit, changeLabRecord, chosenUnits, createLabRecord, matching, pageOf, personOf, unitNames, type LabRecordKind } from './lab-records.js';

export const LAB_ENVIRONMENT_ENTITY = 'lab-environment';

const ENVIRONMENT: LabRecordKind<'lab_environment'> = { table: 'lab_environment', noun: 'Environment', entityType: LAB_ENVIRONMENT_ENTITY, action: 'lab-environment', fields: environmentFields };

const json = (value: unknown) => JSON.stringify(value);

/**
 * The status of a stored environment on `today` (default: today in Europe/Berlin), for runs and gates: verified,
 * expired or verification-needed, with why and until when. Null when there is no such environment.
 */
export async function storedEnvironmentStatus(db: Kysely<DB>, environmentId: string, today: string = officeToday()): Promise<EnvironmentStatusResult | null> {
  const row = await repo.findEnvironment(db, environmentId);
  if (!row) return null;
  const verifications = (await repo.verificationsOf(db, [environmentId])).map(presentVerification);
  return environmentStatus({ containerDigest: row.container_digest, driverVersion: row.driver_version, verifications }, today);
}

/** Environments (equipment) of the test lab and their verifications by reference runs. */
export class LabEnvironmentService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  private async load(rows: readonly LabEnvironmentTable[]) {
    const [verifications, units] = await Promise.all([repo.verificationsOf(this.db, rows.map((r) => r.id)), unitNames(this.db, rows.map((r) => r.org_unit_id))]);
    return (row: LabEnvironmentTable) => ({ unitName: units.get(row.org_unit_id) ?? '', verifications: verifications.filter((v) => v.environment_id === row.id).map(presentVerification) });
  }

  async list(actor: Actor, query: LabEnvironmentListQuery): Promise<ListPage<LabEnvironmentSummary>> {
    const scope = await unitScope(this.db, actor, 'lab.read');
    const rows = await repo.listEnvironmentsInScope(this.db, scope, await chosenUnits(this.db, query.orgUnitId));
    const of = await this.load(rows);
    const today = officeToday();
    let items = rows.map((row) => {
      const d = of(row);
      return presentEnvironmentSummary(row, d.unitName, d.verifications, today);
    });
    if (query.status) items = items.filter((e) => e.status === query.status);
    return pageOf(matching(items, query.q, (e) => [e.name, e.hardware.gpuModel, e.hardware.cpu, e.location, e.containerDigest ?? '']), query);
  }

  async get(actor: Actor, id: string): Promise<LabEnvironmentDetail> {
    const row = await repo.findEnvironment(this.db, id);
    if (!row) throw notFound('Environment');
    await assertInScope(this.db, actor, 'lab.read', row.org_unit_id);
    const d = (await this.load([row]))(row);
    return presentEnvironmentDetail(row, d.unitName, d.verifications, officeToday());
  }

  async create(actor: Actor, input: LabEnvironmentCreate): Promise<LabEnvironmentDetail> {
    await assertUnit(this.db, input.orgUnitId);
    await assertInScope(this.db, actor, 'lab.manage', input.orgUnitId);
    const now = new Date().toISOString();
    const row: LabEnvironmentTable = {
      id: randomUUID(), org_unit_id: input.orgUnitId, name: input.name, hardware: json(input.hardware), driver_version: input.driverVersion, runtime: json(input.runtime),
      container_digest: input.containerDigest, location: input.location, notes: input.notes, verification_validity_months: input.verificationValidityMonths,
      version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await createLabRecord(this.database, actor, ENVIRONMENT, row, now);
    return this.get(actor, row.id);
  }

  /** A change; a new container digest or driver makes the environment need verification (the status rule sees it). */
  async update(actor: Actor, id: string, input: LabEnvironmentUpdate): Promise<LabEnvironmentDetail> {
    await changeLabRecord(this.database, actor, ENVIRONMENT, id, input, (row) => ({
      ...row,
      org_unit_id: input.orgUnitId ?? row.org_unit_id,
      name: input.name ?? row.name,
      hardware: input.hardware !== undefined ? json(input.hardware) : row.hardware,
      driver_version: input.driverVersion ?? row.driver_version,
      runtime: input.runtime !== undefined ? json(input.runtime) : row.runtime,
      container_digest: input.containerDigest !== undefined ? input.containerDigest : row.container_digest,
      location: input.location ?? row.location,
      notes: input.notes ?? row.notes,
      verification_validity_months: input.verificationValidityMonths ?? row.verification_validity_months,
    }));
    return this.get(actor, id);
  }

  /**
   * Records a verification by a reference run (ISO/IEC 17025 6.4.4): passed is computed, never sent; it holds for
   * the environment's current digest and driver until `validUntil` (default: verified on + the environment's months).
   */
  async verify(actor: Actor, id: string, input: LabVerificationCreate): Promise<LabVerification> {
    const env = await repo.findEnvironment(this.db, id);
    if (!env) throw notFound('Environment');
    await assertInScope(this.db, actor, 'lab.manage', env.org_unit_id);
    const today = officeToday();
    const verifiedOn = input.verifiedOn ?? today;
    if (verifiedOn > today) throw invalid('verifiedOn', 'A verification cannot lie in the future');
    const validUntil = input.validUntil ?? defaultVerificationValidUntil(verifiedOn, Number(env.verification_validity_months));
    if (validUntil < verifiedOn) throw invalid('validUntil', 'Must not lie before the day of verification');
    const now = new Date().toISOString();
    const verifiedBy = personOf(actor);
    let created: LabEnvironmentVerificationTable | null = null;
    await this.db.transaction().execute(async (trx) => {
      // Read the configuration inside the transaction, so the verification names what was current when it was stored.
      const row = await repo.findEnvironmentForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Environment');
      created = {
        id: randomUUID(), environment_id: id, reference_run: input.referenceRun, metric: input.metric, expected_value: input.expectedValue,
        measured_value: input.measuredValue, tolerance: input.tolerance, passed: verificationPassed(input.expectedValue, input.measuredValue, input.tolerance) ? 1 : 0,
        verified_on: verifiedOn, valid_until: validUntil, container_digest: row.container_digest, driver_version: row.driver_version, notes: input.notes,
        verified_by: verifiedBy, verified_by_label: actor.label, recorded_at: now,
      };
      await repo.insertVerification(trx, created);
      const { id: vid, environmentId: _e, recordedAt: _r, verifiedBy: _b, verifiedByLabel: _l, ...fields } = presentVerification(created);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-environment.verify', entityType: LAB_ENVIRONMENT_ENTITY, entityId: id, changes: diffRecords(null, { verification: vid, ...fields }) }, now);
    });
    return presentVerification(created!);
  }
}
