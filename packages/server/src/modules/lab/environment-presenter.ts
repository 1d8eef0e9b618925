import { environmentStatus, type LabEnvironmentDetail, type LabEnvironmentSummary, type LabHardware, type LabRuntime, type LabVerification } from '@konform/core';
import type { LabEnvironmentTable, LabEnvironmentVerificationTable } from '../../db/schema.js';

/** The fields a user writes, as the audit trail compares them. */
export function environmentFields(row: LabEnvironmentTable) {
  return {
    orgUnitId: row.org_unit_id,
    name: row.name,
    hardware: JSON.parse(row.hardware) as LabHardware,
    driverVersion: row.driver_version,
    runtime: JSON.parse(row.runtime) as LabRuntime,
    containerDigest: row.container_digest,
    location: row.location,
    notes: row.notes,
    verificationValidityMonths: Number(row.verification_validity_months),
  };
}

export function presentVerification(row: LabEnvironmentVerificationTable): LabVerification {
  return {
    id: row.id, environmentId: row.environment_id, referenceRun: row.reference_run, metric: row.metric, expectedValue: Number(row.expected_value),
    measuredValue: Number(row.measured_value), tolerance: Number(row.tolerance), passed: Number(row.passed) === 1, verifiedOn: row.verified_on,
    validUntil: row.valid_until, containerDigest: row.container_digest, driverVersion: row.driver_version, notes: row.notes, verifiedBy: row.verified_by,
    verifiedByLabel: row.verified_by_label, recordedAt: row.recorded_at,
  };
}

export function presentEnvironmentSummary(row: LabEnvironmentTable, unitName: string, verifications: readonly LabVerification[], today: string): LabEnvironmentSummary {
  const status = environmentStatus({ containerDigest: row.container_digest, driverVersion: row.driver_version, verifications }, today);
  return {
    id: row.id, orgUnitId: row.org_unit_id, orgUnitName: unitName, name: row.name, hardware: JSON.parse(row.hardware) as LabHardware,
    driverVersion: row.driver_version, containerDigest: row.container_digest, location: row.location, ...status, version: Number(row.version), updatedAt: row.updated_at,
  };
}

export function presentEnvironmentDetail(row: LabEnvironmentTable, unitName: string, verifications: LabVerification[], today: string): LabEnvironmentDetail {
  return {
    ...presentEnvironmentSummary(row, unitName, verifications, today),
    runtime: JSON.parse(row.runtime) as LabRuntime,
    notes: row.notes,
    verificationValidityMonths: Number(row.verification_validity_months),
    createdAt: row.created_at,
    createdByLabel: row.created_by_label,
    verifications,
  };
}
