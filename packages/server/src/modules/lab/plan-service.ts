import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  diffRecords,
  latestRevision,
  methodStatus,
  planAllows,
  planFixProblems,
  unitsOnOneLine,
  type LabCaseMethod,
  type LabHarness,
  type LabPlanAction,
  type LabPlanCreate,
  type LabPlanDetail,
  type LabPlanListQuery,
  type LabPlanRetire,
  type LabPlanStatus,
  type LabPlanSummary,
  type LabPlanTransition,
  type LabPlanUpdate,
  type LabTestCaseInput,
  type ListPage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, LabPlanTable, LabTestCaseTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import type { CatalogService } from '../catalogs/service.js';
import { findSystem } from '../systems/repository.js';
import { findItem, versionsWithItems } from '../models/repository.js';
import { validationsOf } from './method-repository.js';
import { assertUnit, chosenUnits, matching, pageOf, unitTree } from './lab-records.js';
import * as repo from './plan-repository.js';
import { planFields, presentCase, presentPlanDetail, presentPlanRef, presentPlanSummary, type CaseContext } from './plan-presenter.js';

export const LAB_PLAN_ENTITY = 'lab-plan';

type Db = Kysely<DB>;
type FieldError = { path: string; message: string };
type Transition = Exclude<LabPlanAction, 'edit'>;

/** Loads what the given cases show of their methods (with the status now), dataset versions and requirements. */
export async function caseContext(db: Db, registry: CatalogRegistry, cases: readonly Pick<LabTestCaseTable, 'method_id' | 'dataset_version_id'>[]): Promise<CaseContext> {
  const methodIds = [...new Set(cases.map((c) => c.method_id))];
  const [methods, validations, datasets] = await Promise.all([
    repo.methodsByIds(db, methodIds),
    validationsOf(db, methodIds),
    versionsWithItems(db, 'dataset', [...new Set(cases.flatMap((c) => (c.dataset_version_id === null ? [] : [c.dataset_version_id])))]),
  ]);
  const facts = (methodId: string) => validations.filter((v) => v.method_id === methodId).map((v) => ({ result: v.result as 'passed' | 'failed', harnessVersion: v.harness_version, recordedAt: v.recorded_at }));
  return {
    methods: new Map(methods.map((m): [string, LabCaseMethod] => [m.id, { id: m.id, name: m.name, harness: m.harness as LabHarness, harnessVersion: m.harness_version, status: methodStatus({ harnessVersion: m.harness_version }, facts(m.id)) }])),
    datasetVersions: new Map(datasets.map((v) => [v.id, { id: v.id, itemId: v.item_id, itemName: v.item_name, label: v.label, manifestDigest: v.manifest_digest }])),
    requirement: (key) => {
      const entry = registry.requirement(key);
      const catalogId = key.slice(0, Math.max(0, key.indexOf(':')));
      return entry ? { key, catalogId, ref: entry.requirement.ref, title: entry.requirement.title } : { key, catalogId, ref: null, title: null };
    },
  };
}

const CONFLICTS: Record<Transition, [code: string, message: string]> = {
  fix: ['not-draft', 'Only a draft can be fixed'],
  revise: ['not-fixed', 'Only a fixed plan can be revised'],
  retire: ['already-retired', 'The plan was retired already'],
};

/**
 * Test plans (#8 point 4): per AI system or model, test cases whose metric, comparator and threshold are fixed before
 * testing. Read with lab.read, written with lab.manage, both in the plan's unit (and for its system, for tokens).
 */
export class LabPlanService {
  constructor(
    private readonly database: Database,
    private readonly catalogs: CatalogService,
  ) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: LabPlanListQuery): Promise<ListPage<LabPlanSummary>> {
    const scope = await unitScope(this.db, actor, 'lab.read');
    const rows = await repo.listPlans(this.db, scope, {
      units: await chosenUnits(this.db, query.orgUnitId), systemId: query.systemId, modelId: query.modelId, status: query.status, tokenSystemIds: tokenSystemIds(actor),
    });
    const page = pageOf(matching(rows, query.q, (r) => [r.name, r.description, r.system_name ?? '', r.model_name ?? '']), query);
    const cases = await repo.casesOfPlans(this.db, page.items.map((r) => r.id));
    return { ...page, items: page.items.map((r) => presentPlanSummary(r, cases.filter((c) => c.plan_id === r.id))) };
  }

  private async readable(actor: Actor, id: string) {
    const row = await repo.findPlanWithNames(this.db, id);
    if (!row) throw notFound('Test plan');
    await assertInScope(this.db, actor, 'lab.read', row.org_unit_id, row.system_id);
    return row;
  }

  async get(actor: Actor, id: string): Promise<LabPlanDetail> {
    const row = await this.readable(actor, id);
    const [cases, registry, revisions, revises] = await Promise.all([
      repo.casesOf(this.db, id),
      this.catalogs.current(),
      repo.revisionsOf(this.db, id),
      row.revises_plan_id === null ? Promise.resolve(undefined) : repo.planRef(this.db, row.revises_plan_id),
    ]);
    const ctx = await caseContext(this.db, registry, cases);
    const revisedBy = latestRevision(revisions.map((r) => ({ ...r, fixedAt: r.fixed_at, createdAt: r.created_at })));
    return presentPlanDetail(row, cases.map((c) => presentCase(c, ctx)), revises ? presentPlanRef(revises) : null, revisedBy ? presentPlanRef(revisedBy) : null);
  }

  async create(actor: Actor, input: LabPlanCreate): Promise<LabPlanDetail> {
    let orgUnitId: string;
    if (input.systemId !== undefined) {
      const system = await findSystem(this.db, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      await assertInScope(this.db, actor, 'lab.manage', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw invalid('systemId', 'The AI system is archived');
      orgUnitId = system.org_unit_id;
    } else {
      const model = await findItem(this.db, 'model', input.modelId!);
      if (!model) throw invalid('modelId', 'Unknown model');
      await assertInScope(this.db, actor, 'model.read', model.org_unit_id);
      orgUnitId = input.orgUnitId ?? model.org_unit_id;
      await assertUnit(this.db, orgUnitId);
      await assertInScope(this.db, actor, 'lab.manage', orgUnitId);
    }
    await this.assertCases(actor, orgUnitId, input.cases);
    const now = new Date().toISOString();
    const row: LabPlanTable = {
      id: randomUUID(), org_unit_id: orgUnitId, system_id: input.systemId ?? null, model_id: input.modelId ?? null, name: input.name, description: input.description,
      status: 'draft', revises_plan_id: null, fixed_at: null, fixed_by_label: null, retired_at: null, retired_by_label: null, retirement_reason: null,
      version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    const cases = caseRows(row.id, input.cases);
    await this.db.transaction().execute(async (trx) => {
      await repo.insertPlan(trx, row);
      await repo.replaceCases(trx, row.id, cases);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-plan.create', entityType: LAB_PLAN_ENTITY, entityId: row.id, changes: diffRecords(null, planFields(row, cases)) }, now);
    });
    return this.get(actor, row.id);
  }

  /** Changes a draft: name, description, and (when sent) all its cases at once. */
  async update(actor: Actor, id: string, input: LabPlanUpdate): Promise<LabPlanDetail> {
    const plan = await this.managed(actor, id);
    if (!planAllows(plan.status as LabPlanStatus, 'edit')) throw frozen();
    if (input.cases !== undefined) await this.assertCases(actor, plan.org_unit_id, input.cases);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, id, input.version, 'edit');
      const before = await repo.casesOf(trx, id);
      const next: LabPlanTable = { ...row, name: input.name ?? row.name, description: input.description ?? row.description };
      const cases = input.cases === undefined ? before : caseRows(id, input.cases);
      const changes = diffRecords(planFields(row, before), planFields(next, cases));
      if (changes.length === 0) return;
      if (!(await repo.updatePlan(trx, id, Number(row.version), { name: next.name, description: next.description, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      if (input.cases !== undefined) await repo.replaceCases(trx, id, cases);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-plan.update', entityType: LAB_PLAN_ENTITY, entityId: id, changes, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  /**
   * Fixes a draft: its cases freeze and runs may be recorded against it. The cases are checked again (a requirement may
   * have left the catalogues, a method another unit). Fixing a revision retires the plan it revises.
   */
  async fix(actor: Actor, id: string, input: LabPlanTransition): Promise<LabPlanDetail> {
    const plan = await this.managed(actor, id);
    if (!planAllows(plan.status as LabPlanStatus, 'fix')) throw conflict(...CONFLICTS.fix);
    const stored = await repo.casesOf(this.db, id);
    const problems = planFixProblems(stored.map((c) => ({ mandatory: Number(c.mandatory) === 1 })));
    if (problems.length > 0) {
      throw invalid('cases', problems[0] === 'no-cases' ? 'A plan needs at least one test case to be fixed' : 'A plan needs at least one mandatory test case to be fixed');
    }
    await this.assertCases(actor, plan.org_unit_id, stored.map(caseValues));
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, id, input.version, 'fix');
      if (!(await repo.updatePlan(trx, id, Number(row.version), { status: 'fixed', fixed_at: now, fixed_by_label: actor.label, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-plan.fix', entityType: LAB_PLAN_ENTITY, entityId: id, changes: [{ field: 'status', before: 'draft', after: 'fixed' }] }, now);
      if (row.revises_plan_id === null) return;
      const old = await repo.findPlanForUpdate(trx, this.database.dialect, row.revises_plan_id);
      if (!old || old.status !== 'fixed') return;
      if (!(await repo.updatePlan(trx, old.id, Number(old.version), { status: 'retired', retired_at: now, retired_by_label: actor.label, retirement_reason: null, version: Number(old.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-plan.retire', entityType: LAB_PLAN_ENTITY, entityId: old.id,
        changes: [{ field: 'status', before: 'fixed', after: 'retired' }, { field: 'supersededBy', before: null, after: id }],
      }, now);
    });
    return this.get(actor, id);
  }

  /** Copies a fixed plan into a new draft that revises it; the plan stays in force until the revision is fixed. */
  async revise(actor: Actor, id: string, input: LabPlanTransition): Promise<LabPlanDetail> {
    await this.managed(actor, id);
    const now = new Date().toISOString();
    const newId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const source = await this.locked(trx, id, input.version, 'revise');
      const open = (await repo.revisionsOf(trx, id)).find((r) => r.status === 'draft');
      if (open) throw conflict('revision-open', `The plan has a revision in the making already: "${open.name}"`);
      const row: LabPlanTable = {
        ...source, id: newId, status: 'draft', revises_plan_id: id, fixed_at: null, fixed_by_label: null, retired_at: null, retired_by_label: null, retirement_reason: null,
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      const cases = (await repo.casesOf(trx, id)).map((c): LabTestCaseTable => ({ ...c, id: randomUUID(), plan_id: newId }));
      await repo.insertPlan(trx, row);
      await repo.replaceCases(trx, newId, cases);
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-plan.revise', entityType: LAB_PLAN_ENTITY, entityId: newId, changes: diffRecords(null, { revisesPlanId: id, ...planFields(row, cases) }),
      }, now);
    });
    return this.get(actor, newId);
  }

  /** Retires a draft that will not be used or a fixed plan no longer tested against; the reason is kept. */
  async retire(actor: Actor, id: string, input: LabPlanRetire): Promise<LabPlanDetail> {
    await this.managed(actor, id);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, id, input.version, 'retire');
      const values = { status: 'retired', retired_at: now, retired_by_label: actor.label, retirement_reason: input.reason, version: Number(row.version) + 1, updated_at: now };
      if (!(await repo.updatePlan(trx, id, Number(row.version), values))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-plan.retire', entityType: LAB_PLAN_ENTITY, entityId: id, changes: [{ field: 'status', before: row.status, after: 'retired' }], reason: input.reason,
      }, now);
    });
    return this.get(actor, id);
  }

  /** The plan, when the actor holds lab.manage in its unit (and, for a token, its system). */
  private async managed(actor: Actor, id: string) {
    const plan = await repo.findPlan(this.db, id);
    if (!plan) throw notFound('Test plan');
    await assertInScope(this.db, actor, 'lab.manage', plan.org_unit_id, plan.system_id);
    return plan;
  }

  /** The plan row locked, in a state that allows the action and still at the version the client saw. */
  private async locked(trx: Db, id: string, version: number, action: LabPlanAction): Promise<LabPlanTable> {
    const row = await repo.findPlanForUpdate(trx, this.database.dialect, id);
    if (!row) throw notFound('Test plan');
    if (!planAllows(row.status as LabPlanStatus, action)) throw action === 'edit' ? frozen() : conflict(...CONFLICTS[action]);
    if (Number(row.version) !== version) throw versionConflict();
    return row;
  }

  /**
   * Every case names a method that exists and serves the plan's unit (the same unit, one above or below) or that the
   * actor may read; a dataset version that exists; requirements of the catalogues in force. All problems at once.
   */
  private async assertCases(actor: Actor, orgUnitId: string, cases: readonly LabTestCaseInput[]) {
    if (cases.length === 0) return;
    const [methods, datasets, registry, tree, readable] = await Promise.all([
      repo.methodsByIds(this.db, cases.map((c) => c.methodId)),
      versionsWithItems(this.db, 'dataset', cases.flatMap((c) => (c.datasetVersionId === null ? [] : [c.datasetVersionId]))),
      this.catalogs.current(),
      unitTree(this.db),
      unitScope(this.db, actor, 'lab.read'),
    ]);
    const methodUnit = new Map(methods.map((m) => [m.id, m.org_unit_id]));
    const datasetIds = new Set(datasets.map((d) => d.id));
    const errors: FieldError[] = [];
    cases.forEach((c, i) => {
      const unit = methodUnit.get(c.methodId);
      if (unit === undefined) errors.push({ path: `cases.${i}.methodId`, message: 'Unknown method' });
      else if (!unitsOnOneLine(tree, unit, orgUnitId) && !inScope(readable, unit)) errors.push({ path: `cases.${i}.methodId`, message: "The method belongs to a unit outside the plan's line that you may not read" });
      if (c.datasetVersionId !== null && !datasetIds.has(c.datasetVersionId)) errors.push({ path: `cases.${i}.datasetVersionId`, message: 'Unknown dataset version' });
      c.requirementKeys.forEach((key, j) => {
        if (registry.requirement(key)?.requirement.kind !== 'requirement') errors.push({ path: `cases.${i}.requirementKeys.${j}`, message: 'Unknown requirement in the catalogues in force' });
      });
    });
    if (errors.length > 0) throw new HttpProblem(400, 'validation', 'The test cases are invalid', errors);
  }
}

const frozen = () => conflict('frozen', 'Only a draft plan can be changed; revise a fixed plan to change its cases');

function caseRows(planId: string, cases: readonly LabTestCaseInput[]): LabTestCaseTable[] {
  return cases.map((c, position) => ({
    id: randomUUID(), plan_id: planId, position, key: c.key, name: c.name, description: c.description, metric: c.metric, comparator: c.comparator, threshold: c.threshold,
    unit: c.unit, decision_rule: c.decisionRule, regression_tolerance: c.regressionTolerance, dataset_version_id: c.datasetVersionId, method_id: c.methodId,
    mandatory: c.mandatory ? 1 : 0, requirement_keys: JSON.stringify(c.requirementKeys),
  }));
}

/** A stored case in the shape the checks take. */
function caseValues(c: LabTestCaseTable): LabTestCaseInput {
  return {
    key: c.key, name: c.name, description: c.description, metric: c.metric, comparator: c.comparator as LabTestCaseInput['comparator'], threshold: Number(c.threshold), unit: c.unit,
    decisionRule: c.decision_rule as LabTestCaseInput['decisionRule'], regressionTolerance: c.regression_tolerance === null ? null : Number(c.regression_tolerance),
    datasetVersionId: c.dataset_version_id, methodId: c.method_id, mandatory: Number(c.mandatory) === 1, requirementKeys: JSON.parse(c.requirement_keys) as string[],
  };
}
