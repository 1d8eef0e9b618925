import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  NONCONFORMITY_NEXT,
  expandUnitScope,
  nonconformityStepBlocker,
  permissionScope,
  type ActionOwner,
  type CapaAction,
  type CapaActionInput,
  type ListPage,
  type Nonconformity,
  type NonconformityCreate,
  type NonconformityListItem,
  type NonconformityListQuery,
  type NonconformityStatus,
  type NonconformityTransition,
  type NonconformityUpdate,
  type Permission,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB, NonconformityTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, tokenSystemIds, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, HttpProblem, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { parseActions, presentListItem, presentNonconformity } from './presenter.js';
import * as repo from './repository.js';

export const NONCONFORMITY_ENTITY = 'nonconformity';

const json = (value: unknown) => JSON.stringify(value);

/** Named owners of actions must be able to see the non-conformity; the picker offers those who may also edit it. */
const OWNER_NEEDS: Permission = 'nonconformity.read';
const PICKER_OFFERS: Permission = 'nonconformity.edit';

/** Whether a user's role assignments grant a permission in a unit (global roles everywhere, others in their subtree). */
function grants(assignments: repo.UserWithRoles['assignments'], permission: Permission, unitId: string, tree: { id: string; parentId: string | null }[]): boolean {
  const scope = permissionScope(assignments, permission);
  return scope.all || expandUnitScope(scope.roots, tree).has(unitId);
}

function matchesText(row: NonconformityTable, q: string): boolean {
  const term = q.toLocaleLowerCase('de');
  return row.title.toLocaleLowerCase('de').includes(term) || row.description.toLocaleLowerCase('de').includes(term);
}

/** Fields a user writes, in the order the audit trail lists them. */
const FIELDS = [
  ['title', 'title'], ['description', 'description'], ['source', 'source'], ['severity', 'severity'],
  ['requirementKeys', 'requirement_keys'], ['rootCause', 'root_cause'], ['actions', 'actions'],
] as const;
const JSON_COLUMNS = new Set(['requirement_keys', 'actions']);

/**
 * Gives new actions an id and fills the owner's label from the named user. A user named anew must exist, be active and
 * be able to read the non-conformity; an owner kept from before stays even if that has changed since (their name is
 * refreshed).
 */
async function resolveActions(db: Kysely<DB>, orgUnitId: string, input: readonly CapaActionInput[], previous: readonly CapaAction[]): Promise<CapaAction[]> {
  const before = new Map(previous.map((a) => [a.id, a.ownerId]));
  const ids = [...new Set(input.map((a) => a.ownerId).filter((id): id is string => typeof id === 'string'))];
  const users = new Map((await repo.usersWithRoles(db, ids)).map((u) => [u.id, u]));
  const tree = ids.length > 0 ? await repo.unitTree(db) : [];
  const errors: { path: string; message: string }[] = [];
  const actions = input.map((a, index): CapaAction => {
    const id = a.id ?? randomUUID();
    const ownerId = a.ownerId ?? null;
    const action = { id, kind: a.kind, description: a.description, ownerId, owner: a.owner, dueDate: a.dueDate, done: a.done };
    if (ownerId === null) return action;
    const user = users.get(ownerId);
    const path = `actions.${index}.ownerId`;
    if (user === undefined) {
      errors.push({ path, message: 'Unknown user' });
      return action;
    }
    if (before.get(id) !== ownerId) {
      if (!user.active) errors.push({ path, message: 'The user is deactivated' });
      else if (!grants(user.assignments, OWNER_NEEDS, orgUnitId, tree)) errors.push({ path, message: 'The user may not read non-conformities of this unit' });
    }
    return { ...action, owner: user.displayName };
  });
  if (errors.length > 0) throw new HttpProblem(400, 'validation', 'The request is invalid', errors);
  return actions;
}

/** Non-conformities and their corrective/preventive actions (CAPA), with a four-eyes verification of effectiveness. */
export class NonconformityService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  /**
   * Non-conformities in the reader's scope, newest first, filtered by system, status, severity, source and words;
   * `actionOwner=me` keeps those with an action not yet done whose owner is the caller.
   */
  async list(actor: Actor, query: NonconformityListQuery): Promise<ListPage<NonconformityListItem>> {
    const page = { limit: query.limit, offset: query.offset };
    const ownerId = query.actionOwner === 'me' ? actor.userId : undefined;
    if (ownerId === null) return { items: [], total: 0, ...page };
    const rows = await repo.listNonconformitiesInScope(this.db, await unitScope(this.db, actor, 'nonconformity.read'), { ...query, actionOwnerId: ownerId, tokenSystemIds: tokenSystemIds(actor), viewer: actor });
    const q = query.q ?? '';
    const matching = rows.filter(
      (row) => (ownerId === undefined || parseActions(row.actions).some((a) => a.ownerId === ownerId && !a.done)) && (q === '' || matchesText(row, q)),
    );
    const items = matching.slice(query.offset, query.offset + query.limit).map(presentListItem);
    return { items, total: matching.length, ...page };
  }

  /** Active users who hold nonconformity.edit in the unit: the people an action can be assigned to. */
  async actionOwners(actor: Actor, orgUnitId: string): Promise<{ items: ActionOwner[] }> {
    const unit = await this.db.selectFrom('org_unit').select('id').where('id', '=', orgUnitId).executeTakeFirst();
    if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
    await assertInScope(this.db, actor, 'nonconformity.edit', orgUnitId);
    const [users, tree] = await Promise.all([repo.usersWithRoles(this.db), repo.unitTree(this.db)]);
    return { items: users.filter((u) => grants(u.assignments, PICKER_OFFERS, orgUnitId, tree)).map((u) => ({ id: u.id, displayName: u.displayName })) };
  }

  async get(actor: Actor, id: string): Promise<Nonconformity> {
    const row = await repo.findNonconformity(this.db, id);
    if (!row) throw notFound('Non-conformity');
    await assertInScope(this.db, actor, 'nonconformity.read', row.org_unit_id, row.system_id);
    return presentNonconformity(row);
  }

  async create(actor: Actor, input: NonconformityCreate): Promise<Nonconformity> {
    const now = new Date().toISOString();
    const id = await this.db.transaction().execute((trx) => this.createWithin(trx, actor, input, now));
    return this.get(actor, id);
  }

  /**
   * Records a non-conformity inside the caller's transaction (an audit finding opens one with the finding). With
   * `scopeChecked` the caller has already checked its own permission for the record (e.g. auditing.record).
   */
  async createWithin(trx: Transaction<DB>, actor: Actor, input: NonconformityCreate, now: string, options: { scopeChecked?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    let orgUnitId: string;
    if (input.systemId) {
      const system = await findSystem(trx, input.systemId);
      if (!system) throw invalid('systemId', 'Unknown AI system');
      if (input.orgUnitId && input.orgUnitId !== system.org_unit_id) throw invalid('orgUnitId', "A system's non-conformity belongs to the system's unit");
      orgUnitId = system.org_unit_id;
    } else {
      if (!input.orgUnitId) throw invalid('orgUnitId', 'An organisation-wide non-conformity needs an organisational unit');
      const unit = await trx.selectFrom('org_unit').select('id').where('id', '=', input.orgUnitId).executeTakeFirst();
      if (!unit) throw invalid('orgUnitId', 'Unknown organisational unit');
      orgUnitId = input.orgUnitId;
    }
    if (!options.scopeChecked) await assertInScope(trx, actor, 'nonconformity.edit', orgUnitId, input.systemId);
    const row: NonconformityTable = {
      id, system_id: input.systemId ?? null, org_unit_id: orgUnitId, title: input.title, description: input.description ?? '',
      source: input.source, severity: input.severity, requirement_keys: json(input.requirementKeys ?? []), root_cause: input.rootCause ?? '',
      actions: json(await resolveActions(trx, orgUnitId, input.actions ?? [], [])), implemented_by: null, verification: null, status: 'open',
      version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await repo.insertNonconformity(trx, row);
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'nonconformity.create',
      entityType: NONCONFORMITY_ENTITY,
      entityId: id,
      changes: [
        { field: 'systemId', before: null, after: row.system_id },
        { field: 'orgUnitId', before: null, after: orgUnitId },
        { field: 'title', before: null, after: row.title },
        { field: 'severity', before: null, after: row.severity },
      ],
    }, now);
    return id;
  }

  async update(actor: Actor, id: string, input: NonconformityUpdate): Promise<Nonconformity> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findNonconformityForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Non-conformity');
      await assertInScope(trx, actor, 'nonconformity.edit', row.org_unit_id, row.system_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      if (row.status === 'closed') throw conflict('closed', 'A closed non-conformity is not changed');
      // What was reported implemented is what the verifier judges: the analysis and the actions stay as they are until
      // the verification is recorded (an ineffective one reopens them).
      if ((row.status === 'implemented' || row.status === 'verified') && (input.actions !== undefined || input.rootCause !== undefined)) {
        const frozen = input.actions !== undefined && json(await resolveActions(trx, row.org_unit_id, input.actions, parseActions(row.actions))) !== row.actions;
        if (frozen || (input.rootCause !== undefined && input.rootCause !== row.root_cause)) {
          throw conflict('frozen', 'Root cause and actions are not changed between implementation and verification');
        }
      }
      const next: NonconformityTable = { ...row };
      const actions = input.actions === undefined ? undefined : await resolveActions(trx, row.org_unit_id, input.actions, parseActions(row.actions));
      for (const [key, column] of FIELDS) {
        const value = key === 'actions' ? actions : input[key];
        if (value === undefined) continue;
        (next as unknown as Record<string, unknown>)[column] = JSON_COLUMNS.has(column) ? json(value) : value;
      }
      const changed = FIELDS.filter(([, c]) => row[c] !== next[c]).map(([key, c]) => ({
        field: key,
        before: JSON_COLUMNS.has(c) ? (JSON.parse(row[c]) as unknown) : row[c],
        after: JSON_COLUMNS.has(c) ? (JSON.parse(next[c]) as unknown) : next[c],
      }));
      if (changed.length === 0) return;
      if (!(await repo.updateNonconformity(trx, id, Number(row.version), { ...next, version: Number(row.version) + 1, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, { action: 'nonconformity.update', entityType: NONCONFORMITY_ENTITY, entityId: id, changes: changed, reason: input.reason }, now);
    });
    return this.get(actor, id);
  }

  /**
   * One step of open → analysed → actions-planned → implemented → verified → closed. Verification needs
   * `nonconformity.verify` and someone other than the implementer; an ineffective one returns to actions-planned.
   */
  async transition(actor: Actor, id: string, input: NonconformityTransition): Promise<Nonconformity> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findNonconformityForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Non-conformity');
      await assertInScope(trx, actor, input.to === 'verified' ? 'nonconformity.verify' : 'nonconformity.edit', row.org_unit_id, row.system_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const from = row.status as NonconformityStatus;
      const next = NONCONFORMITY_NEXT[from];
      if (next !== input.to) throw conflict('invalid-transition', `A non-conformity goes from ${from} to ${next ?? 'nowhere'}, not to ${input.to}`);
      const verificationBefore = row.verification === null ? null : (JSON.parse(row.verification) as { effective: boolean });
      const blocker = nonconformityStepBlocker({ status: from, rootCause: row.root_cause, actions: parseActions(row.actions), verification: verificationBefore });
      const values: Partial<NonconformityTable> = { status: input.to };
      const changes: { field: string; before: unknown; after: unknown }[] = [];
      switch (input.to) {
        case 'analysed':
          if (blocker === 'root-cause') throw invalid('rootCause', 'Record the root cause before the analysis is complete');
          break;
        case 'actions-planned':
          if (blocker === 'plan') throw invalid('actions', 'Plan at least one action with an owner and a due date');
          break;
        case 'implemented':
          if (blocker === 'actions-open') throw invalid('actions', 'Every action must be done before the non-conformity is implemented');
          values.implemented_by = actor.userId;
          changes.push({ field: 'implementedBy', before: row.implemented_by, after: actor.userId });
          break;
        case 'verified': {
          if (row.implemented_by !== null && row.implemented_by === actor.userId) throw conflict('four-eyes', 'The implementer may not verify the effectiveness of their own actions');
          if (!input.note) throw invalid('note', 'A verification needs a note');
          if (input.effective === undefined) throw invalid('effective', 'State whether the actions were effective');
          const verification = { by: actor.userId ?? actor.label, at: now, effective: input.effective, note: input.note };
          values.verification = json(verification);
          changes.push({ field: 'verification', before: row.verification === null ? null : (JSON.parse(row.verification) as unknown), after: verification });
          if (!input.effective) values.status = 'actions-planned';
          break;
        }
        case 'closed':
          if (blocker === 'not-effective') throw conflict('invalid-transition', 'Only an effectively verified non-conformity is closed');
          break;
      }
      changes.unshift({ field: 'status', before: from, after: values.status });
      const version = Number(row.version) + 1;
      if (!(await repo.updateNonconformity(trx, id, Number(row.version), { ...values, version, updated_at: now }))) throw versionConflict();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'nonconformity.transition', entityType: NONCONFORMITY_ENTITY, entityId: id, changes, reason: input.note,
      }, now);
    });
    return this.get(actor, id);
  }
}
