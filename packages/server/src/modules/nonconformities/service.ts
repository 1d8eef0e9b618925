import { randomUUID } from 'node:crypto';
import type {
  CapaAction,
  CapaActionInput,
  ListPage,
  Nonconformity,
  NonconformityCreate,
  NonconformityListQuery,
  NonconformityStatus,
  NonconformityTransition,
  NonconformityUpdate,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { NonconformityTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { conflict, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { presentNonconformity } from './presenter.js';
import * as repo from './repository.js';

export const NONCONFORMITY_ENTITY = 'nonconformity';

const json = (value: unknown) => JSON.stringify(value);

/** The one step each status may take (verification may also send it back to actions-planned). */
const NEXT: Partial<Record<NonconformityStatus, NonconformityStatus>> = {
  open: 'analysed',
  analysed: 'actions-planned',
  'actions-planned': 'implemented',
  implemented: 'verified',
  verified: 'closed',
};

/** Fields a user writes, in the order the audit trail lists them. */
const FIELDS = [
  ['title', 'title'], ['description', 'description'], ['source', 'source'], ['severity', 'severity'],
  ['requirementKeys', 'requirement_keys'], ['rootCause', 'root_cause'], ['actions', 'actions'],
] as const;
const JSON_COLUMNS = new Set(['requirement_keys', 'actions']);

const withIds = (actions: readonly CapaActionInput[]): CapaAction[] => actions.map((a) => ({ ...a, id: a.id ?? randomUUID() }));

/** Non-conformities and their corrective/preventive actions (CAPA), with a four-eyes verification of effectiveness. */
export class NonconformityService {
  constructor(private readonly database: Database) {}

  private get db() {
    return this.database.db;
  }

  async list(actor: Actor, query: NonconformityListQuery): Promise<ListPage<Nonconformity>> {
    const rows = await repo.listNonconformitiesInScope(this.db, await unitScope(this.db, actor, 'nonconformity.read'), query);
    const items = rows.slice(query.offset, query.offset + query.limit).map(presentNonconformity);
    return { items, total: rows.length, limit: query.limit, offset: query.offset };
  }

  async get(actor: Actor, id: string): Promise<Nonconformity> {
    const row = await repo.findNonconformity(this.db, id);
    if (!row) throw notFound('Non-conformity');
    await assertInScope(this.db, actor, 'nonconformity.read', row.org_unit_id);
    return presentNonconformity(row);
  }

  async create(actor: Actor, input: NonconformityCreate): Promise<Nonconformity> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
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
      await assertInScope(trx, actor, 'nonconformity.edit', orgUnitId);
      const row: NonconformityTable = {
        id, system_id: input.systemId ?? null, org_unit_id: orgUnitId, title: input.title, description: input.description ?? '',
        source: input.source, severity: input.severity, requirement_keys: json(input.requirementKeys ?? []), root_cause: input.rootCause ?? '',
        actions: json(withIds(input.actions ?? [])), implemented_by: null, verification: null, status: 'open',
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
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: NonconformityUpdate): Promise<Nonconformity> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.findNonconformityForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Non-conformity');
      await assertInScope(trx, actor, 'nonconformity.edit', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      if (row.status === 'closed') throw conflict('closed', 'A closed non-conformity is not changed');
      const next: NonconformityTable = { ...row };
      for (const [key, column] of FIELDS) {
        const value = key === 'actions' && input.actions ? withIds(input.actions) : input[key];
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
      await assertInScope(trx, actor, input.to === 'verified' ? 'nonconformity.verify' : 'nonconformity.edit', row.org_unit_id);
      if (Number(row.version) !== input.version) throw versionConflict();
      const from = row.status as NonconformityStatus;
      if (NEXT[from] !== input.to) throw conflict('invalid-transition', `A non-conformity goes from ${from} to ${NEXT[from] ?? 'nowhere'}, not to ${input.to}`);
      const actions = JSON.parse(row.actions) as CapaAction[];
      const values: Partial<NonconformityTable> = { status: input.to };
      const changes: { field: string; before: unknown; after: unknown }[] = [];
      switch (input.to) {
        case 'analysed':
          if (!row.root_cause.trim()) throw invalid('rootCause', 'Record the root cause before the analysis is complete');
          break;
        case 'actions-planned':
          if (!actions.some((a) => a.owner.trim() && a.dueDate)) throw invalid('actions', 'Plan at least one action with an owner and a due date');
          break;
        case 'implemented':
          if (actions.length === 0 || actions.some((a) => !a.done)) throw invalid('actions', 'Every action must be done before the non-conformity is implemented');
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
        case 'closed': {
          const verification = row.verification === null ? null : (JSON.parse(row.verification) as { effective: boolean });
          if (!verification?.effective) throw conflict('invalid-transition', 'Only an effectively verified non-conformity is closed');
          break;
        }
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
