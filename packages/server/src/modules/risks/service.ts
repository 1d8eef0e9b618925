import { randomUUID } from 'node:crypto';
import { officeToday, DEFAULT_RISK_MATRIX, RiskMatrixConfig, acceptanceRuleFor, canSignAcceptance, heatMapCounts, levelOf, type HeatMap, type ListPage, type Risk, type RiskAcceptRequest, type RiskCreate, type RiskListQuery, type RiskMatrix, type RiskMatrixUpdate, type RiskSourceCatalog, type RiskUpdate } from '@konform/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, RiskTable } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, rolesInUnit, unitScope } from '../../access/scope.js';
import { appendAuditEvent } from '../../audit/audit-log.js';
import { HttpProblem, conflict, forbidden, invalid, notFound, versionConflict } from '../../http/errors.js';
import { findSystem, findSystemForUpdate } from '../systems/repository.js';
import type { SignatureService } from '../signatures/service.js';
import type { CatalogService } from '../catalogs/service.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import { acceptanceLevel, acceptanceState, presentRisk } from './presenter.js';
import * as repo from './repository.js';

export const RISK_ENTITY = 'risk';

const today = () => officeToday();
const json = (value: unknown) => JSON.stringify(value);

/** Fields a user writes, in the order the audit trail lists them. */
const FIELDS = [
  ['title', 'title'], ['description', 'description'], ['sourceId', 'source_id'], ['affected', 'affected'], ['rights', 'rights'],
  ['affectedGroups', 'affected_groups'], ['likelihood', 'likelihood'], ['impact', 'impact'], ['treatment', 'treatment'], ['measures', 'measures'],
  ['residualLikelihood', 'residual_likelihood'], ['residualImpact', 'residual_impact'], ['owner', 'owner'], ['nextReview', 'next_review'],
] as const;
const JSON_COLUMNS = new Set(['affected', 'rights', 'measures']);

/** The levels of a risk under a matrix (null where unrated or outside the scales). */
function rated(matrix: RiskMatrixConfig, row: Pick<RiskTable, 'likelihood' | 'impact' | 'residual_likelihood' | 'residual_impact'>) {
  return {
    inherent_level: levelOf(matrix, row.likelihood, row.impact)?.id ?? null,
    residual_level: levelOf(matrix, row.residual_likelihood, row.residual_impact)?.id ?? null,
  };
}

/**
 * The risk register (per AI system), the organisation's risk matrix, and risk acceptance by signature: each level
 * names who may accept it and how many signatures it needs; a signature is bound to the risk's state, so any later
 * change (or a matrix change that re-rates it) makes the acceptance stale.
 */
export class RiskService {
  constructor(
    private readonly database: Database,
    private readonly signatures: SignatureService,
    private readonly catalogs: CatalogService,
    readonly sources: RiskSourceCatalog,
  ) {
    signatures.register(RISK_ENTITY, {
      readPermission: 'risk.read',
      unitOf: async (db, id) => {
        const risk = await repo.findRisk(db, id);
        return risk ? (await findSystem(db, risk.system_id))?.org_unit_id : undefined;
      },
      currentState: async (db, id) => {
        const risk = await repo.findRisk(db, id);
        return risk ? acceptanceState(risk) : undefined;
      },
    });
  }

  private get db() {
    return this.database.db;
  }

  async matrix(db: Kysely<DB> = this.db): Promise<RiskMatrix> {
    const row = await repo.findMatrix(db);
    if (!row) return { config: DEFAULT_RISK_MATRIX, version: 0, updatedAt: null, updatedBy: null };
    return { config: RiskMatrixConfig.parse(JSON.parse(row.config)), version: Number(row.version), updatedAt: row.updated_at, updatedBy: row.updated_by_label };
  }

  /** Sets the matrix and re-rates every risk in the same transaction; each re-rated risk records its new levels. */
  async updateMatrix(actor: Actor, input: RiskMatrixUpdate): Promise<RiskMatrix & { reRated: number; acceptancesStale: number }> {
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const current = await this.matrix(trx);
      if (current.version !== input.version) throw versionConflict();
      await repo.saveMatrix(trx, { id: 1, config: json(input.config), version: current.version + 1, updated_at: now, updated_by_label: actor.label }, current.version > 0);
      let reRated = 0;
      let acceptancesStale = 0;
      const risks = await repo.listAllRisks(trx);
      const accepted = new Set((await repo.acceptancesOf(trx, risks.map((r) => r.id))).map((a) => `${a.risk_id}|${a.risk_version}`));
      for (const risk of risks) {
        const next = rated(input.config, risk);
        if (next.inherent_level === risk.inherent_level && next.residual_level === risk.residual_level) continue;
        const version = Number(risk.version);
        const wasAccepted = accepted.has(`${risk.id}|${version}`);
        if (wasAccepted) acceptancesStale++;
        const status = risk.status === 'accepted' ? 'treated' : risk.status;
        if (!(await repo.updateRisk(trx, risk.id, version, { ...next, status, version: version + 1, updated_at: now }))) throw versionConflict();
        await appendAuditEvent(trx, this.database.dialect, actor, {
          action: 'risk.rerate',
          entityType: RISK_ENTITY,
          entityId: risk.id,
          changes: [
            { field: 'inherentLevel', before: risk.inherent_level, after: next.inherent_level },
            { field: 'residualLevel', before: risk.residual_level, after: next.residual_level },
            ...(status !== risk.status ? [{ field: 'status', before: risk.status, after: status }] : []),
          ],
          reason: 'risk matrix changed',
        }, now);
        reRated++;
      }
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'risk-matrix.update',
        entityType: 'risk-matrix',
        entityId: 'risk-matrix',
        changes: [
          { field: 'config', before: current.config, after: input.config },
          { field: 'reRated', before: null, after: reRated },
        ],
        reason: input.reason,
      }, now);
      return { config: input.config, version: current.version + 1, updatedAt: now, updatedBy: actor.label, reRated, acceptancesStale };
    });
  }

  private async present(db: Kysely<DB>, rows: RiskTable[]): Promise<Risk[]> {
    const { config } = await this.matrix(db);
    const acceptances = await repo.acceptancesOf(db, rows.map((r) => r.id));
    const day = today();
    return rows.map((row) => presentRisk(row, config, acceptances.filter((a) => a.risk_id === row.id), day));
  }

  private async systemInScope(actor: Actor, systemId: string, permission: 'risk.read' | 'risk.edit') {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, permission, system.org_unit_id, system);
    return system;
  }

  async listForSystem(actor: Actor, systemId: string, query: RiskListQuery): Promise<ListPage<Risk>> {
    await this.systemInScope(actor, systemId, 'risk.read');
    return this.filtered(await this.present(this.db, await repo.listRisksOfSystem(this.db, systemId)), query);
  }

  /** Every risk in the reader's scope (the portfolio), filtered like a system's register. */
  async listAll(actor: Actor, query: RiskListQuery): Promise<ListPage<Risk & { systemName: string }>> {
    // Filtered and paged in the database (the same filters as `filtered`): only one page of risks is presented.
    const [kind, cell] = query.cell ? (query.cell.split(':') as ['inherent' | 'residual', string]) : [];
    const [likelihood, impact] = cell ? (cell.split('-').map(Number) as [number, number]) : [];
    const { rows, total } = await repo.pageRisksInScope(this.db, await unitScope(this.db, actor, 'risk.read'), actor, {
      status: query.status,
      reviewOverdueOn: query.overdue === 'true' ? today() : undefined,
      cell: kind ? { kind, likelihood: likelihood!, impact: impact! } : undefined,
      systemIds: actor.limits?.systemIds ?? null,
    }, query);
    const names = new Map(rows.map((r) => [r.id, r.system_name]));
    const items = (await this.present(this.db, rows)).map((r) => ({ ...r, systemName: names.get(r.id) ?? '' }));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  private filtered<T extends Risk>(risks: T[], query: RiskListQuery): ListPage<T> {
    let items = risks;
    if (query.status) items = items.filter((r) => r.status === query.status);
    if (query.overdue === 'true') items = items.filter((r) => r.reviewOverdue);
    if (query.cell) {
      const [kind, cell] = query.cell.split(':') as ['inherent' | 'residual', string];
      const [l, i] = cell.split('-').map(Number) as [number, number];
      items = items.filter((r) => (kind === 'inherent' ? r.likelihood === l && r.impact === i : r.residualLikelihood === l && r.residualImpact === i));
    }
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length, limit: query.limit, offset: query.offset };
  }

  async heatMap(actor: Actor, systemId: string | null): Promise<HeatMap> {
    const risks = systemId
      ? (await this.listForSystem(actor, systemId, { limit: 100_000, offset: 0 })).items
      : (await this.listAll(actor, { limit: 100_000, offset: 0 })).items;
    const { config } = await this.matrix();
    const open = risks.filter((r) => r.status !== 'closed');
    return {
      likelihood: config.likelihood,
      impact: config.impact,
      inherent: heatMapCounts(config, open.map((r) => ({ likelihood: r.likelihood, impact: r.impact }))),
      residual: heatMapCounts(config, open.map((r) => ({ likelihood: r.residualLikelihood, impact: r.residualImpact }))),
      cells: config.cells.map((row) => row.map((id) => {
        const level = config.levels.find((l) => l.id === id)!;
        return { id: level.id, label: level.label, color: level.color, rank: level.rank };
      })),
      unrated: open.filter((r) => r.likelihood === null || r.impact === null).length,
      overdue: open.filter((r) => r.reviewOverdue).length,
    };
  }

  async get(actor: Actor, id: string): Promise<Risk> {
    const row = await repo.findRisk(this.db, id);
    if (!row) throw notFound('Risk');
    await this.systemInScope(actor, row.system_id, 'risk.read');
    return (await this.present(this.db, [row]))[0]!;
  }

  /** Ratings must lie on the matrix's scales; measures and the risk source must exist. */
  private async validate(input: Partial<RiskCreate>, matrix: RiskMatrixConfig, registry?: CatalogRegistry) {
    const errors: { path: string; message: string }[] = [];
    for (const [field, axis] of [['likelihood', 'likelihood'], ['impact', 'impact'], ['residualLikelihood', 'likelihood'], ['residualImpact', 'impact']] as const) {
      const value = input[field];
      if (value !== undefined && value !== null && value > matrix[axis].length) errors.push({ path: field, message: `The ${axis} scale has ${matrix[axis].length} steps` });
    }
    if (input.sourceId && !this.sources.sources.some((s) => s.id === input.sourceId)) errors.push({ path: 'sourceId', message: `Unknown risk source ${input.sourceId}` });
    if (input.measures?.length) {
      const measures = registry ?? (await this.catalogs.current());
      input.measures.forEach((m, i) => {
        if (!measures.measure(m)) errors.push({ path: `measures.${i}`, message: `Unknown measure ${m}` });
      });
    }
    if (errors.length) throw new HttpProblem(400, 'validation', 'The risk is invalid', errors);
  }

  async create(actor: Actor, systemId: string, input: RiskCreate): Promise<Risk> {
    const { config } = await this.matrix();
    await this.validate(input, config);
    const now = new Date().toISOString();
    const id = randomUUID();
    const row = await this.db.transaction().execute(async (trx) => this.insertInTransaction(trx, actor, systemId, input, config, id, now));
    // Presented from what was written: a new risk has no acceptances, and the scope was checked in the transaction.
    return presentRisk(row, config, [], today());
  }

  /**
   * Adds a risk inside the caller's transaction (e.g. from a supplier assessment's finding), with its audit event, and
   * returns its id. Measures are left out: checking them reads the catalogues outside the transaction.
   */
  async createInTransaction(trx: Transaction<DB>, actor: Actor, systemId: string, input: Omit<RiskCreate, 'measures'>, now: string): Promise<string>;
  /** With measures: the caller loads the catalogues (`catalogs.current()`) before its transaction and passes them. */
  async createInTransaction(trx: Transaction<DB>, actor: Actor, systemId: string, input: RiskCreate, now: string, registry: CatalogRegistry): Promise<string>;
  async createInTransaction(trx: Transaction<DB>, actor: Actor, systemId: string, input: RiskCreate, now: string, registry?: CatalogRegistry): Promise<string> {
    const { config } = await this.matrix(trx);
    await this.validate(input, config, registry);
    const id = randomUUID();
    await this.insertInTransaction(trx, actor, systemId, input, config, id, now);
    return id;
  }

  private async insertInTransaction(trx: Transaction<DB>, actor: Actor, systemId: string, input: RiskCreate, config: RiskMatrixConfig, id: string, now: string): Promise<RiskTable> {
    const system = await findSystemForUpdate(trx, this.database.dialect, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(trx, actor, 'risk.edit', system.org_unit_id, system);
    if (system.archived_at !== null) throw conflict('archived', 'An archived AI system takes no new risks');
    const values = {
      likelihood: input.likelihood ?? null, impact: input.impact ?? null, residual_likelihood: input.residualLikelihood ?? null, residual_impact: input.residualImpact ?? null,
    };
    const row: RiskTable = {
      id, system_id: systemId, number: await repo.nextNumber(trx, systemId), title: input.title, description: input.description ?? '',
      source_id: input.sourceId ?? null, affected: json(input.affected ?? []), rights: json(input.rights ?? []), affected_groups: input.affectedGroups ?? '',
      ...values, ...rated(config, values), treatment: input.treatment ?? null, measures: json(input.measures ?? []), owner: input.owner ?? '',
      status: values.likelihood !== null && values.impact !== null ? 'assessed' : 'identified', next_review: input.nextReview ?? null,
      version: 1, created_at: now, updated_at: now, created_by_label: actor.label,
    };
    await repo.insertRisk(trx, row);
    await appendAuditEvent(trx, this.database.dialect, actor, {
      action: 'risk.create',
      entityType: RISK_ENTITY,
      entityId: id,
      changes: [{ field: 'systemId', before: null, after: systemId }, { field: 'title', before: null, after: row.title }, { field: 'inherentLevel', before: null, after: row.inherent_level }],
    }, now);
    return row;
  }

  /** Changes a risk; the status follows the workflow, and a change to an accepted risk makes its acceptance stale. */
  async update(actor: Actor, id: string, input: RiskUpdate): Promise<Risk> {
    const { config } = await this.matrix();
    await this.validate(input, config);
    const now = new Date().toISOString();
    await this.db.transaction().execute((trx) => this.updateInTransaction(trx, actor, id, input, now, config));
    return this.get(actor, id);
  }

  /**
   * Changes a risk inside the caller's transaction (e.g. a bulk import) with its audit event. Given `registry`, the
   * input is validated here too (the caller loaded the catalogues before its transaction).
   */
  async updateInTransaction(trx: Transaction<DB>, actor: Actor, id: string, input: RiskUpdate, now: string, config: RiskMatrixConfig, registry?: CatalogRegistry): Promise<void> {
    if (registry) await this.validate(input, config, registry);
    const row = await repo.findRiskForUpdate(trx, this.database.dialect, id);
    if (!row) throw notFound('Risk');
    const system = await findSystem(trx, row.system_id);
    await assertInScope(trx, actor, 'risk.edit', system!.org_unit_id, system);
    if (Number(row.version) !== input.version) throw versionConflict();
    const next: RiskTable = { ...row };
    for (const [key, column] of FIELDS) {
      const value = input[key];
      if (value === undefined) continue;
      (next as unknown as Record<string, unknown>)[column] = JSON_COLUMNS.has(column) ? json(value) : value;
    }
    Object.assign(next, rated(config, next));
    const changed: { field: string; before: unknown; after: unknown }[] = FIELDS.filter(([, c]) => row[c] !== next[c]).map(([key, c]) => ({
      field: key, before: JSON_COLUMNS.has(c) ? (JSON.parse(row[c] as string) as unknown) : row[c], after: JSON_COLUMNS.has(c) ? (JSON.parse(next[c] as string) as unknown) : next[c],
    }));
    for (const [field, column] of [['inherentLevel', 'inherent_level'], ['residualLevel', 'residual_level']] as const) {
      if (row[column] !== next[column]) changed.push({ field, before: row[column], after: next[column] });
    }
    const contentChanged = changed.length > 0;
    let status = input.status ?? row.status;
    if (input.status === 'assessed' && (next.likelihood === null || next.impact === null)) throw invalid('status', 'A risk is assessed once likelihood and impact are rated');
    if (input.status === 'treated' && !next.treatment) throw invalid('status', 'Choose a treatment before marking the risk treated');
    // Accepted is what signatures make a risk; any change of content takes it back to treated (acceptance stale).
    if (row.status === 'accepted' && contentChanged && !input.status) status = 'treated';
    if (status !== row.status) changed.push({ field: 'status', before: row.status, after: status });
    if (changed.length === 0) return;
    const version = contentChanged ? Number(row.version) + 1 : Number(row.version);
    if (!(await repo.updateRisk(trx, id, Number(row.version), { ...next, status, version, updated_at: now }))) throw versionConflict();
    await appendAuditEvent(trx, this.database.dialect, actor, { action: 'risk.update', entityType: RISK_ENTITY, entityId: id, changes: changed, reason: input.reason }, now);
  }

  /**
   * One signature towards accepting the risk in its current state. The signer must hold a role the level's rule names
   * (or a deputy role) in the system's unit; once the level's number of signatures is reached the risk is accepted.
   */
  async accept(actor: Actor, id: string, input: RiskAcceptRequest): Promise<Risk> {
    const { config } = await this.matrix();
    await this.signatures.transaction(actor, async (trx) => {
      const row = await repo.findRiskForUpdate(trx, this.database.dialect, id);
      if (!row) throw notFound('Risk');
      const system = await findSystem(trx, row.system_id);
      await assertInScope(trx, actor, 'risk.accept', system!.org_unit_id, system);
      if (Number(row.version) !== input.version) throw versionConflict();
      if (row.status === 'closed') throw conflict('closed', 'A closed risk is not accepted');
      const level = acceptanceLevel(row);
      const rule = level ? acceptanceRuleFor(config, level) : null;
      if (!level || !rule) throw conflict('not-rated', 'Rate the risk (likelihood and impact) before it can be accepted');
      const roles = await rolesInUnit(trx, actor, system!.org_unit_id);
      if (!canSignAcceptance(rule, roles)) {
        throw forbidden(`A risk of level ${level} is accepted by ${rule.roles.join(', ')}${rule.deputies.length ? ` (deputies: ${rule.deputies.join(', ')})` : ''}`);
      }
      const role = roles.find((r) => rule.roles.includes(r)) ?? roles.find((r) => rule.deputies.includes(r))!;
      const signature = await this.signatures.sign(trx, this.database.dialect, actor, {
        entityType: RISK_ENTITY, entityId: id, meaning: 'accepted', state: acceptanceState(row), credentials: { password: input.password, code: input.code }, comment: input.justification,
      });
      const now = signature.signedAt;
      await repo.insertAcceptance(trx, {
        id: randomUUID(), risk_id: id, risk_version: Number(row.version), level, signature_id: signature.id, signer_id: actor.userId!, signer_label: actor.label,
        role, justification: input.justification, signed_at: now,
      });
      const count = (await repo.acceptancesOf(trx, [id])).filter((a) => Number(a.risk_version) === Number(row.version)).length;
      const complete = count >= rule.signatures;
      if (complete && row.status !== 'accepted') await trx.updateTable('risk').set({ status: 'accepted', updated_at: now }).where('id', '=', id).execute();
      await appendAuditEvent(trx, this.database.dialect, actor, {
        action: 'risk.accept',
        entityType: RISK_ENTITY,
        entityId: id,
        changes: [
          { field: 'signatures', before: count - 1, after: count },
          { field: 'required', before: null, after: rule.signatures },
          ...(complete && row.status !== 'accepted' ? [{ field: 'status', before: row.status, after: 'accepted' }] : []),
        ],
        reason: input.justification,
      }, now);
    });
    return this.get(actor, id);
  }
}
