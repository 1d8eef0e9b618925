import type { LabGateRef, LabGateSignoff, LabGateSignoffRole, LabGateStatus, LabGateSummary } from '@konform/core';
import type { LabGateTable, SignatureTable } from '../../db/schema.js';
import type { GateRow } from './gate-repository.js';

/** One stored sign-off: the signature, the role it counts in and the roles the signer held when signing. */
export interface StoredSignoff {
  signatureId: string;
  role: LabGateSignoffRole;
  eligible: LabGateSignoffRole[];
}

export function signoffsOf(row: Pick<LabGateTable, 'signoffs'>): StoredSignoff[] {
  return JSON.parse(row.signoffs) as StoredSignoff[];
}

export function presentGateSummary(row: GateRow): LabGateSummary {
  return {
    id: row.id,
    number: Number(row.number),
    orgUnitId: row.org_unit_id,
    orgUnitName: row.unit_name,
    subject: {
      type: row.system_id ? 'system' : 'model-version',
      systemId: row.system_id,
      systemName: row.system_name,
      modelId: row.model_id,
      modelName: row.model_name,
      modelVersionId: row.model_version_id,
      modelVersionLabel: row.model_version_label,
    },
    planId: row.plan_id,
    planName: row.plan_name,
    title: row.title,
    status: row.status as LabGateStatus,
    regressionTolerance: Number(row.regression_tolerance),
    releasedAt: row.released_at,
    invalidatedAt: row.invalidated_at,
    withdrawnAt: row.withdrawn_at,
    version: Number(row.version),
    createdAt: row.created_at,
    createdByLabel: row.created_by_label,
    updatedAt: row.updated_at,
  };
}

export function presentGateRef(row: { id: string; number: number; title: string; status: string; released_at: string | null }): LabGateRef {
  return { id: row.id, number: Number(row.number), title: row.title, status: row.status as LabGateStatus, releasedAt: row.released_at };
}

/** The sign-offs with their signatures; one counts while it signed `stateHash` (the current or the released state). */
export function presentSignoffs(stored: readonly StoredSignoff[], signatures: readonly SignatureTable[], stateHash: string): LabGateSignoff[] {
  return stored.flatMap((s) => {
    const sig = signatures.find((x) => x.id === s.signatureId);
    if (!sig) return [];
    return [{
      signatureId: sig.id, signer: { id: sig.signer_id, label: sig.signer_label }, role: s.role, signedAt: sig.signed_at, comment: sig.comment,
      stateHash: sig.state_hash, current: sig.state_hash === stateHash,
    }];
  });
}

/** The fields the audit trail compares when a gate is created. */
export function gateFields(row: LabGateTable): Record<string, unknown> {
  return {
    number: Number(row.number), orgUnitId: row.org_unit_id, systemId: row.system_id, modelVersionId: row.model_version_id, planId: row.plan_id,
    title: row.title, regressionTolerance: Number(row.regression_tolerance), status: row.status,
  };
}
