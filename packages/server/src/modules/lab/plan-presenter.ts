import {
  planFixProblems,
  type LabCaseDatasetVersion,
  type LabCaseMethod,
  type LabCaseRequirement,
  type LabComparator,
  type LabDecisionRule,
  type LabPlanDetail,
  type LabPlanRef,
  type LabPlanStatus,
  type LabPlanSummary,
  type LabTestCase,
} from '@konform/core';
import type { LabPlanTable, LabTestCaseTable } from '../../db/schema.js';
import type { PlanRow } from './plan-repository.js';

/** What a case shows of the records it names, loaded once for all cases at hand (see `caseContext`). */
export interface CaseContext {
  methods: ReadonlyMap<string, LabCaseMethod>;
  datasetVersions: ReadonlyMap<string, LabCaseDatasetVersion>;
  requirement: (key: string) => LabCaseRequirement;
}

/** A stored case as the API shows it, with its method (and its status now), dataset version and requirements. */
export function presentCase(row: LabTestCaseTable, ctx: CaseContext): LabTestCase {
  const keys = JSON.parse(row.requirement_keys) as string[];
  return {
    id: row.id,
    position: Number(row.position),
    key: row.key,
    name: row.name,
    description: row.description,
    metric: row.metric,
    comparator: row.comparator as LabComparator,
    threshold: Number(row.threshold),
    unit: row.unit,
    decisionRule: row.decision_rule as LabDecisionRule,
    regressionTolerance: row.regression_tolerance === null ? null : Number(row.regression_tolerance),
    datasetVersionId: row.dataset_version_id,
    datasetVersion: row.dataset_version_id === null ? null : (ctx.datasetVersions.get(row.dataset_version_id) ?? null),
    methodId: row.method_id,
    // Methods are never deleted, so the fallback only covers a row read while its method is being created.
    method: ctx.methods.get(row.method_id) ?? { id: row.method_id, name: '', harness: 'other', harnessVersion: '', status: 'not-validated' },
    mandatory: Number(row.mandatory) === 1,
    requirementKeys: keys,
    requirements: keys.map(ctx.requirement),
  };
}

/** The fields a user writes, as the audit trail compares them: one entry per case, by key, so a diff names the case. */
export function planFields(row: LabPlanTable, cases: readonly LabTestCaseTable[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    orgUnitId: row.org_unit_id,
    systemId: row.system_id,
    modelId: row.model_id,
    name: row.name,
    description: row.description,
    status: row.status,
    caseOrder: cases.map((c) => c.key).join(', '),
  };
  for (const c of cases) {
    fields[`case ${c.key}`] = {
      name: c.name, description: c.description, metric: c.metric, comparator: c.comparator, threshold: Number(c.threshold), unit: c.unit, decisionRule: c.decision_rule,
      regressionTolerance: c.regression_tolerance === null ? null : Number(c.regression_tolerance), datasetVersionId: c.dataset_version_id, methodId: c.method_id,
      mandatory: Number(c.mandatory) === 1, requirementKeys: JSON.parse(c.requirement_keys) as string[],
    };
  }
  return fields;
}

export function presentPlanSummary(row: PlanRow, cases: readonly Pick<LabTestCaseTable, 'mandatory'>[]): LabPlanSummary {
  return {
    id: row.id, orgUnitId: row.org_unit_id, orgUnitName: row.unit_name, systemId: row.system_id, systemName: row.system_name, modelId: row.model_id, modelName: row.model_name,
    name: row.name, status: row.status as LabPlanStatus, caseCount: cases.length, mandatoryCount: cases.filter((c) => Number(c.mandatory) === 1).length,
    revisesPlanId: row.revises_plan_id, fixedAt: row.fixed_at, version: Number(row.version), updatedAt: row.updated_at,
  };
}

export function presentPlanRef(row: { id: string; name: string; status: string; fixed_at: string | null }): LabPlanRef {
  return { id: row.id, name: row.name, status: row.status as LabPlanStatus, fixedAt: row.fixed_at };
}

export function presentPlanDetail(row: PlanRow, cases: LabTestCase[], revises: LabPlanRef | null, revisedBy: LabPlanRef | null): LabPlanDetail {
  return {
    ...presentPlanSummary(row, cases.map((c) => ({ mandatory: c.mandatory ? 1 : 0 }))),
    description: row.description,
    fixedByLabel: row.fixed_by_label,
    retiredAt: row.retired_at,
    retiredByLabel: row.retired_by_label,
    retirementReason: row.retirement_reason,
    createdAt: row.created_at,
    createdByLabel: row.created_by_label,
    revises,
    revisedBy,
    fixProblems: row.status === 'draft' ? planFixProblems(cases) : [],
    cases,
  };
}
