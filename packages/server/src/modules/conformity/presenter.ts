import {
  ANNEX_VI_STEPS,
  certificateValidity,
  nextStep,
  stepSignRefusal,
  type AnnexViStep,
  type ConformityAssessment,
  type ConformityAssessmentSummary,
  type ConformityChecks,
  type ConformityEntry,
  type ConformityProcedure,
  type StepState,
  type SystemChange,
} from '@konform/core';
import type { ConformityAssessmentTable, ConformityEntryTable, ConformityStepTable, SystemChangeTable } from '../../db/schema.js';

export const stepStates = (steps: readonly ConformityStepTable[]): StepState[] =>
  steps.map((s) => ({ key: s.step_key as AnnexViStep, prepared: s.prepared_at !== null, signed: s.signature_id !== null }));

export const certificateOf = (row: ConformityAssessmentTable) => ({ certificateNumber: row.certificate_number, validFrom: row.valid_from, validUntil: row.valid_until });

export function presentAssessment(
  row: ConformityAssessmentTable,
  systemName: string,
  steps: readonly ConformityStepTable[],
  entries: readonly ConformityEntryTable[],
  checks: ConformityChecks,
  today: string,
): ConformityAssessment {
  const states = stepStates(steps);
  const ordered = ANNEX_VI_STEPS.map((k) => steps.find((s) => s.step_key === k)).filter((s): s is ConformityStepTable => s !== undefined);
  return {
    id: row.id,
    systemId: row.system_id,
    systemName,
    orgUnitId: row.org_unit_id,
    procedure: row.procedure as ConformityProcedure,
    status: row.status as ConformityAssessment['status'],
    steps: ordered.map((s) => ({
      key: s.step_key as AnnexViStep,
      evidenceIds: JSON.parse(s.evidence_ids) as string[],
      notes: s.notes,
      preparedBy: s.prepared_by_label,
      preparedById: s.prepared_by_id,
      preparedAt: s.prepared_at,
      signatureId: s.signature_id,
      signedBy: s.signed_by_label,
      signedAt: s.signed_at,
      signRefusal: stepSignRefusal(states, s.step_key as AnnexViStep),
    })),
    nextStep: row.procedure === 'annex-vi' ? nextStep(states) : null,
    body: { kind: row.body_kind as ConformityAssessment['body']['kind'], name: row.body_name, number: row.body_number },
    certificate: { number: row.certificate_number, validFrom: row.valid_from, validUntil: row.valid_until, conditions: row.conditions, validity: certificateValidity(certificateOf(row), today) },
    entries: entries.map(presentEntry),
    checks,
    declarationDocumentId: row.declaration_document_id,
    ceMarking: { date: row.ce_marking_date, place: row.ce_marking_place },
    registration: { number: row.registration_number, date: row.registration_date },
    completedAt: row.completed_at,
    reopenedAt: row.reopened_at,
    reopenReason: row.reopen_reason,
    version: Number(row.version),
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentSummary(row: ConformityAssessmentTable & { system_name: string }, steps: readonly ConformityStepTable[], today: string): ConformityAssessmentSummary {
  return {
    id: row.id,
    systemId: row.system_id,
    systemName: row.system_name,
    procedure: row.procedure as ConformityProcedure,
    status: row.status as ConformityAssessment['status'],
    nextStep: row.procedure === 'annex-vi' ? nextStep(stepStates(steps)) : null,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    certificateValidity: certificateValidity(certificateOf(row), today),
    validUntil: row.valid_until,
  };
}

export const presentEntry = (e: ConformityEntryTable): ConformityEntry => ({
  id: e.id, kind: e.kind as ConformityEntry['kind'], date: e.entry_date, text: e.text, createdBy: e.created_by_label, createdAt: e.created_at,
});

export const presentChange = (row: SystemChangeTable): SystemChange => ({
  id: row.id,
  systemId: row.system_id,
  number: Number(row.number),
  kind: row.kind as SystemChange['kind'],
  description: row.description,
  date: row.change_date,
  substantial: row.substantial === null ? null : Number(row.substantial) === 1,
  rationale: row.rationale,
  signatureId: row.signature_id,
  assessedBy: row.assessed_by_label,
  assessedAt: row.assessed_at,
  followUps: JSON.parse(row.follow_ups) as SystemChange['followUps'],
  version: Number(row.version),
  createdBy: row.created_by_label,
  createdAt: row.created_at,
});
