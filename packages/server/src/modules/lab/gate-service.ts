import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  assignSignoffRoles,
  diffRecords,
  gateFindingText,
  LAB_GATE_SIGNOFF_ROLES,
  type LabGateCreate,
  type LabGateDetail,
  type LabGateListQuery,
  type LabGateSign,
  type LabGateSignoffRole,
  type LabGateSummary,
  type LabGateWithdraw,
  type ListPage,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, LabGateTable } from '../../db/schema.js';
import type { DialectName } from '../../db/dialect.js';
import { systemActor, type Actor } from '../../access/actor.js';
import { assertInScope, rolesInUnit, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { stateHash, type SignatureService } from '../signatures/service.js';
import type { CatalogService } from '../catalogs/service.js';
import { findPlan } from './plan-repository.js';
import { chosenUnits, matching, pageOf } from './lab-records.js';
import { digestChanges, evaluateGate, signedState } from './gate-checks.js';
import { gateFields, presentGateRef, presentGateSummary, presentSignoffs, signoffsOf, type StoredSignoff } from './gate-presenter.js';
import * as repo from './gate-repository.js';

export const LAB_GATE_ENTITY = 'lab-gate';

type Db = Kysely<DB>;
const json = (value: unknown) => JSON.stringify(value);

/** Who writes an invalidation found while reading: the platform, not the reader. */
const DIGEST_CHECK = systemActor('Konform (digest check)');

/** Ends a release whose test items changed, in the caller's transaction, with its audit event. */
async function invalidateGate(trx: Transaction<DB>, dialect: DialectName, actor: Actor, gate: LabGateTable, changes: readonly string[], now: string) {
  const reason = `The test items changed after the release: ${changes.join('; ')}`;
  if (!(await repo.updateGate(trx, gate.id, Number(gate.version), { status: 'invalidated', invalidated_at: now, invalidation_reason: reason, version: Number(gate.version) + 1, updated_at: now }))) {
    throw versionConflict();
  }
  await appendAuditEvent(trx, dialect, actor, { action: 'lab-gate.invalidate', entityType: LAB_GATE_ENTITY, entityId: gate.id, changes: [{ field: 'status', before: 'released', after: 'invalidated' }], reason }, now);
}

/**
 * The hook of a system's models and data (PUT /api/systems/{id}/models): in the same transaction as the change, every
 * released gate of the system whose items no longer match what it released is invalidated, with the reason.
 */
export async function invalidateReleasedGatesOfSystem(trx: Transaction<DB>, dialect: DialectName, actor: Actor, systemId: string, now: string): Promise<void> {
  for (const gate of await repo.releasedGatesOfSystem(trx, systemId)) {
    const changes = await digestChanges(trx, gate);
    if (changes.length > 0) await invalidateGate(trx, dialect, actor, gate, changes, now);
  }
}

/**
 * Release gates (#8 point 6): created against a fixed plan of an AI system or a model, checked live while open,
 * released by two signatures (lab and governance, two people), frozen at release; the next release of the same subject
 * supersedes it, and a change of the released digests invalidates it.
 */
export class LabGateService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly catalogs: CatalogService,
  ) {
    signatures.register(LAB_GATE_ENTITY, {
      readPermission: 'lab.read',
      unitOf: async (db, id) => (await repo.findGate(db, id))?.org_unit_id,
      currentState: async (db, id) => {
        const gate = await repo.findGate(db, id);
        return gate ? (await this.state(db, gate)).state : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  /** The state a signature binds: frozen once released, else computed now. */
  private async state(db: Db, gate: LabGateTable) {
    if (gate.checks !== null) {
      const checks = JSON.parse(gate.checks) as LabGateDetail['checks'];
      const items = JSON.parse(gate.released_items ?? '[]') as LabGateDetail['items'];
      return { checks, items, baseline: null, state: signedState(gate, checks, items), frozen: true };
    }
    const evaluation = await evaluateGate(db, await this.catalogs.current(), gate);
    return { ...evaluation, state: signedState(gate, evaluation.checks, evaluation.items), frozen: false };
  }

  /** Releases whose digests changed since are invalidated as soon as they are read; true when one was. */
  private async reconcile(rows: readonly LabGateTable[]): Promise<boolean> {
    let changed = false;
    for (const row of rows.filter((r) => r.status === 'released')) {
      if ((await digestChanges(this.db, row)).length === 0) continue;
      await this.db.transaction().execute(async (trx) => {
        const gate = await repo.findGateForUpdate(trx, this.database.dialect, row.id);
        const changes = gate?.status === 'released' ? await digestChanges(trx, gate) : [];
        if (gate && changes.length > 0) await invalidateGate(trx, this.database.dialect, DIGEST_CHECK, gate, changes, new Date().toISOString());
      });
      changed = true;
    }
    return changed;
  }

  async list(actor: Actor, query: LabGateListQuery): Promise<ListPage<LabGateSummary>> {
    const scope = await unitScope(this.db, actor, 'lab.read');
    const filter = { units: await chosenUnits(this.db, query.orgUnitId), tokenSystems: tokenSystemIds(actor), status: query.status, systemId: query.systemId, modelId: query.modelId };
    let rows = await repo.listGates(this.db, scope, filter);
    if (await this.reconcile(rows)) rows = await repo.listGates(this.db, scope, filter);
    const items = rows.map(presentGateSummary);
    return pageOf(matching(items, query.q, (g) => [g.title, g.planName, g.subject.systemName ?? '', g.subject.modelName ?? '', `${g.number}`]), query);
  }

  async get(actor: Actor, id: string): Promise<LabGateDetail> {
    let row = await repo.findGate(this.db, id);
    if (!row) throw notFound('Release gate');
    await assertInScope(this.db, actor, 'lab.read', row.org_unit_id, row.system_id);
    if (await this.reconcile([row])) row = (await repo.findGate(this.db, id))!;
    return this.detail(row);
  }

  private async detail(row: repo.GateRow): Promise<LabGateDetail> {
    const { checks, items, baseline, state, frozen } = await this.state(this.db, row);
    const hash = frozen && row.state_hash ? row.state_hash : stateHash(state);
    const signoffs = presentSignoffs(signoffsOf(row), await repo.signaturesOf(this.db, row.id), hash);
    const current = signoffsOf(row).filter((s) => signoffs.some((p) => p.signatureId === s.signatureId && p.current));
    const baselineRef = frozen ? (row.baseline_gate_id ? await repo.findGateRef(this.db, row.baseline_gate_id) : undefined) : baseline ?? undefined;
    const successor = row.status === 'superseded' ? await repo.findSuccessor(this.db, row.id) : undefined;
    return {
      ...presentGateSummary(row),
      checks,
      checksFrozen: frozen,
      passed: checks.every((c) => c.passed),
      items,
      stateHash: hash,
      signoffs,
      missingRoles: row.status === 'open' ? assignSignoffRoles(current.map((s) => s.eligible)).missing : [],
      baseline: baselineRef ? presentGateRef(baselineRef) : null,
      supersededBy: successor ? presentGateRef(successor) : null,
      invalidationReason: row.invalidation_reason,
      withdrawalReason: row.withdrawal_reason,
    };
  }

  async create(actor: Actor, input: LabGateCreate): Promise<LabGateDetail> {
    const plan = await findPlan(this.db, input.planId);
    let unit: string;
    if (input.systemId !== undefined) {
      const system = await findSystem(this.db, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      await assertInScope(this.db, actor, 'lab.manage', system.org_unit_id, system.id);
      if (system.archived_at !== null) throw conflict('archived', 'An archived AI system is not released');
      if (!plan || plan.system_id !== system.id) throw invalid('planId', 'Not a test plan of this AI system');
      unit = system.org_unit_id;
    } else {
      const version = await repo.findModelVersion(this.db, input.modelVersionId!);
      if (!version) throw invalid('modelVersionId', 'Unknown model version');
      if (!plan || plan.model_id !== version.model_id) throw invalid('planId', "Not a test plan of this version's model");
      // A model version's gate belongs to the unit of the plan it is checked against (the lab that tests it).
      unit = plan.org_unit_id;
      await assertInScope(this.db, actor, 'lab.manage', unit);
    }
    if (plan.status !== 'fixed') throw invalid('planId', 'Only a fixed test plan can be the basis of a release');
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const open = await repo.openGateOf(trx, { systemId: input.systemId ?? null, modelVersionId: input.modelVersionId ?? null });
      if (open) throw conflict('gate-open', `Release gate ${open.number} of this subject is still open; withdraw it or finish it first`);
      const row: LabGateTable = {
        id, number: await repo.nextGateNumber(trx), org_unit_id: unit, system_id: input.systemId ?? null, model_version_id: input.modelVersionId ?? null, plan_id: plan.id,
        title: input.title, regression_tolerance: input.regressionTolerance ?? 0.01, baseline_gate_id: null, status: 'open', checks: null, released_items: null, state_hash: null,
        released_at: null, invalidated_at: null, invalidation_reason: null, signoffs: '[]', withdrawn_at: null, withdrawal_reason: null,
        version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
      };
      await repo.insertGate(trx, row);
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'lab-gate.create', entityType: LAB_GATE_ENTITY, entityId: id, changes: diffRecords(null, gateFields(row)) }, now);
    });
    return this.get(actor, id);
  }

  /**
   * One release signature (meaning `released`) over the checks and items as they are now. Every check must pass; the
   * signer must hold the lab or the governance role in the gate's unit (the administrator role alone counts as
   * neither); two different people must sign, one counting as lab and one as governance. The second signature
   * releases: checks, items and state hash are frozen and the subject's previous release is superseded.
   */
  async sign(actor: Actor, id: string, input: LabGateSign): Promise<LabGateDetail> {
    const found = await repo.findGate(this.db, id);
    if (!found) throw notFound('Release gate');
    await assertInScope(this.db, actor, 'lab.release', found.org_unit_id, found.system_id);
    if (actor.via !== 'session' || !actor.userId) throw new HttpProblem(403, 'reauth-required', 'Signing needs a person who re-enters their password; API tokens cannot sign');
    const registry = await this.catalogs.current();
    const dialect = this.database.dialect;
    await this.signatures.transaction(actor, async (trx) => {
      const gate = await repo.findGateForUpdate(trx, dialect, id);
      if (!gate) throw notFound('Release gate');
      if (gate.status !== 'open') throw conflict('not-open', `Release gate ${gate.number} is ${gate.status}; only an open gate is signed`);
      // A plan retired since (e.g. by a fixed revision) no longer says what must be met: open a gate against the plan in force.
      if ((await findPlan(trx, gate.plan_id))?.status !== 'fixed') throw conflict('plan-not-fixed', 'The test plan of this gate is no longer in force; withdraw the gate and open one against the plan in force');
      const { checks, items, baseline } = await evaluateGate(trx, registry, gate);
      const state = signedState(gate, checks, items);
      const hash = stateHash(state);
      if (input.stateHash !== undefined && input.stateHash !== hash) throw conflict('state-changed', 'The checks or items changed since you loaded them; review them again before signing');
      const failed = checks.filter((c) => !c.passed);
      if (failed.length > 0) {
        throw new HttpProblem(409, 'checks-failed', `Not every check passed: ${failed.map((c) => c.key).join(', ')}`, failed.map((c) => ({
          path: `checks.${c.key}`, message: c.findings.filter((f) => f.blocking).map((f) => gateFindingText(f, 'en')).join(' '),
        })));
      }
      const eligible = (await rolesInUnit(trx, actor, gate.org_unit_id)).filter((r): r is LabGateSignoffRole => (LAB_GATE_SIGNOFF_ROLES as readonly string[]).includes(r));
      if (eligible.length === 0) {
        throw forbidden("A release is signed by a holder of the lab role and a holder of the governance role in the gate's unit; you hold neither there (the administrator role alone counts as neither)");
      }
      const signatures = await repo.signaturesOf(trx, id);
      const stored = signoffsOf(gate);
      const current = stored.filter((s) => signatures.some((x) => x.id === s.signatureId && x.state_hash === hash));
      if (current.some((s) => signatures.find((x) => x.id === s.signatureId)?.signer_id === actor.userId)) {
        throw conflict('four-eyes', 'Four eyes: you have signed this release already; a second person must sign');
      }
      const assignment = assignSignoffRoles([...current.map((s) => s.eligible), eligible]);
      if (assignment.roles.some((r) => r === null)) {
        const first = current[0]!;
        const missing = assignSignoffRoles(current.map((s) => s.eligible)).missing;
        const by = signatures.find((x) => x.id === first.signatureId)?.signer_label ?? '';
        throw conflict('role-missing', `The ${missing.join(' or ')} role is still missing: ${by} signed as ${first.role}; a holder of the ${missing.join(' or ')} role must sign`);
      }
      const signature = await this.signatures.sign(trx, dialect, actor, { entityType: LAB_GATE_ENTITY, entityId: id, meaning: 'released', state, credentials: { password: input.password, code: input.code }, comment: input.comment });
      const now = signature.signedAt;
      const role = assignment.roles.at(-1)!;
      const roleOf = new Map(current.map((s, i) => [s.signatureId, assignment.roles[i]!]));
      const signoffs: StoredSignoff[] = [...stored.map((s) => ({ ...s, role: roleOf.get(s.signatureId) ?? s.role })), { signatureId: signature.id, role, eligible }];
      const release = assignment.complete
        ? { status: 'released', checks: json(checks), released_items: json(items), state_hash: hash, released_at: now, baseline_gate_id: baseline?.id ?? null }
        : {};
      if (!(await repo.updateGate(trx, id, Number(gate.version), { signoffs: json(signoffs), ...release, version: Number(gate.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, dialect, actor, {
        action: 'lab-gate.sign', entityType: LAB_GATE_ENTITY, entityId: id,
        changes: [{ field: 'signature', before: null, after: signature.id }, { field: 'role', before: null, after: role }, { field: 'stateHash', before: null, after: hash }],
        reason: input.comment,
      }, now);
      if (!assignment.complete) return;
      await appendAuditEvent(trx, dialect, actor, {
        action: 'lab-gate.release', entityType: LAB_GATE_ENTITY, entityId: id,
        changes: [{ field: 'status', before: 'open', after: 'released' }, { field: 'stateHash', before: null, after: hash }, { field: 'baselineGateId', before: null, after: baseline?.id ?? null }],
      }, now);
      if (baseline) {
        if (!(await repo.updateGate(trx, baseline.id, Number(baseline.version), { status: 'superseded', version: Number(baseline.version) + 1, updated_at: now }))) throw versionConflict();
        await appendAuditEvent(trx, dialect, actor, {
          action: 'lab-gate.supersede', entityType: LAB_GATE_ENTITY, entityId: baseline.id,
          changes: [{ field: 'status', before: 'released', after: 'superseded' }, { field: 'supersededBy', before: null, after: id }],
        }, now);
      }
    });
    return this.get(actor, id);
  }

  /** Withdraws an open gate, or takes a release back, with the reason (lab.manage in the gate's unit). */
  async withdraw(actor: Actor, id: string, input: LabGateWithdraw): Promise<LabGateDetail> {
    const found = await repo.findGate(this.db, id);
    if (!found) throw notFound('Release gate');
    await assertInScope(this.db, actor, 'lab.manage', found.org_unit_id, found.system_id);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const gate = await repo.findGateForUpdate(trx, this.database.dialect, id);
      if (!gate) throw notFound('Release gate');
      if (Number(gate.version) !== input.version) throw versionConflict();
      if (gate.status !== 'open' && gate.status !== 'released') throw conflict('not-withdrawable', `Release gate ${gate.number} is ${gate.status}; only an open gate or a release can be withdrawn`);
      if (!(await repo.updateGate(trx, id, input.version, { status: 'withdrawn', withdrawn_at: now, withdrawal_reason: input.reason, version: input.version + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'lab-gate.withdraw', entityType: LAB_GATE_ENTITY, entityId: id, changes: [{ field: 'status', before: gate.status, after: 'withdrawn' }], reason: input.reason,
      }, now);
    });
    return this.get(actor, id);
  }
}
