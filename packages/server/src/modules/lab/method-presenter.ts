import { authorisationState, latestValidation, methodStatus, type LabAuthorisation, type LabHarness, type LabMethodConfiguration, type LabMethodDetail, type LabMethodSummary, type LabMethodValidation, type LabValidationResult } from '@konform/core';
import type { LabMethodTable, LabMethodValidationTable } from '../../db/schema.js';
import type { AuthorisationRow } from './method-repository.js';

/** The fields a user writes, as the audit trail compares them. */
export function methodFields(row: LabMethodTable) {
  return {
    orgUnitId: row.org_unit_id,
    name: row.name,
    harness: row.harness,
    harnessVersion: row.harness_version,
    configuration: JSON.parse(row.configuration) as LabMethodConfiguration,
    description: row.description,
  };
}

export function presentValidation(row: LabMethodValidationTable): LabMethodValidation {
  return {
    id: row.id, methodId: row.method_id, result: row.result as LabValidationResult, harnessVersion: row.harness_version, validatedOn: row.validated_on,
    report: row.report, validatedBy: row.validated_by, validatedByLabel: row.validated_by_label, recordedAt: row.recorded_at,
  };
}

export function presentAuthorisation(row: AuthorisationRow, today: string): LabAuthorisation {
  return {
    id: row.id, methodId: row.method_id, userId: row.user_id, userName: row.user_name, userEmail: row.user_email, authorisedBy: row.authorised_by,
    authorisedByLabel: row.authorised_by_label, since: row.since, until: row.until, note: row.note, createdAt: row.created_at, revokedAt: row.revoked_at,
    revokedByLabel: row.revoked_by_label, state: authorisationState({ userId: row.user_id, since: row.since, until: row.until, revokedAt: row.revoked_at }, today),
  };
}

export function presentMethodSummary(row: LabMethodTable, unitName: string, validations: readonly LabMethodValidation[], authorisations: readonly LabAuthorisation[]): LabMethodSummary {
  return {
    id: row.id, orgUnitId: row.org_unit_id, orgUnitName: unitName, name: row.name, harness: row.harness as LabHarness, harnessVersion: row.harness_version,
    status: methodStatus({ harnessVersion: row.harness_version }, validations), lastValidation: latestValidation(validations),
    authorisedCount: authorisations.filter((a) => a.state === 'active').length, version: Number(row.version), updatedAt: row.updated_at,
  };
}

export function presentMethodDetail(row: LabMethodTable, unitName: string, validations: LabMethodValidation[], authorisations: LabAuthorisation[]): LabMethodDetail {
  return {
    ...presentMethodSummary(row, unitName, validations, authorisations),
    configuration: JSON.parse(row.configuration) as LabMethodConfiguration,
    description: row.description,
    createdAt: row.created_at,
    createdByLabel: row.created_by_label,
    validations,
    authorisations,
  };
}
