import {
  AiSystemCreate,
  AiSystemUpdate,
  BULK_ROW_LIMIT,
  RiskCreate,
  RiskUpdate,
  cellError,
  changedFields,
  exportMarking,
  isBlankRow,
  mapHeader,
  markDuplicateIds,
  mayRead,
  officeToday,
  readBulkRow,
  type BulkCellError,
  type BulkImportResult,
  type BulkKind,
  type BulkPreview,
  type BulkRiskExportQuery,
  type BulkRowResult,
  type BulkSystemExportQuery,
  type ParsedBulkRow,
  type RiskMatrixConfig,
} from '@konform/core';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope } from '../../access/scope.js';
import { HttpProblem } from '../../http/errors.js';
import type { ExportFile } from '../../http/send-file.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import type { CatalogService } from '../catalogs/service.js';
import type { SystemService } from '../systems/service.js';
import type { RiskService } from '../risks/service.js';
import { findSystem } from '../systems/repository.js';
import { presentSystem } from '../systems/presenter.js';
import { findRisk } from '../risks/repository.js';
import { presentRisk } from '../risks/presenter.js';
import { bulkFile, withoutMarkingLines } from './sheet.js';
import { readTable } from './read-table.js';

type Lang = 'de' | 'en';
type Outcome = Pick<BulkRowResult, 'action' | 'id' | 'label' | 'changes'>;
interface RowContext {
  actor: Actor;
  now: string;
  config: RiskMatrixConfig;
  registry: CatalogRegistry | undefined;
}

const ALL = { limit: 1_000_000, offset: 0 };
const SAVEPOINT = 'bulk_row';

/** A row's problem, from a service's refusal: field errors keep their field, others go to the column given. */
function rowErrors(error: unknown, fallbackColumn: string): BulkCellError[] {
  if (!(error instanceof HttpProblem)) throw error;
  if (error.errors?.length) return error.errors.map((e) => ({ column: e.path.split('.')[0] || fallbackColumn, message: e.message }));
  if (error.code === 'version-conflict') return [cellError('version', 'version-conflict', 'The record was changed since this file was exported; export it again')];
  if (error.status === 403) return [cellError(fallbackColumn, 'out-of-scope', error.message)];
  if (error.code === 'archived') return [cellError(fallbackColumn, 'archived', error.message)];
  return [{ column: fallbackColumn, message: error.message }];
}

function zodErrors(error: z.ZodError, input: Record<string, unknown>): BulkCellError[] {
  return error.issues.map((i) => {
    const column = String(i.path[0] ?? 'row');
    if (i.code === 'too_small' && Number(i.minimum) === 1) return cellError(column, 'required', i.message);
    if (i.code === 'invalid_type' && (input[column] === null || input[column] === undefined)) return cellError(column, 'required', i.message);
    if (i.code === 'too_big') return cellError(column, 'too-long', i.message, String(i.maximum));
    return { column, message: i.message };
  });
}

class RowRefused extends Error {
  constructor(readonly errors: BulkCellError[]) {
    super('row refused');
  }
}

const parsed = <T extends z.ZodType>(schema: T, value: Record<string, unknown>): z.output<T> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new RowRefused(zodErrors(result.error, value));
  return result.data;
};

const pick = (values: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, values[k]]));

/**
 * XLSX/CSV export and import of the inventory and the risk registers. An import runs every row through the same
 * service functions as single writes, in one transaction with a savepoint per row: the preview rolls the whole
 * transaction back, the import commits only when no row failed (all or nothing).
 */
export class BulkService {
  constructor(
    private readonly database: Database,
    private readonly systems: SystemService,
    private readonly risks: RiskService,
    private readonly catalogs: CatalogService,
    private readonly defaultMarking: string | null,
    /** The largest file accepted, in bytes (checked while the upload streams in). */
    readonly sizeLimitBytes = 10 * 1024 * 1024,
  ) {}

  /** The inventory list as the reader sees it (same filters, scope and clearance), unpaged. */
  async exportSystems(actor: Actor, query: BulkSystemExportQuery): Promise<ExportFile> {
    const { format, lang, ...filters } = query;
    const { items } = await this.systems.list(actor, { ...filters, ...ALL });
    const units = new Map((await this.database.db.selectFrom('org_unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
    const records = items.map((s) => ({ ...s, orgUnitName: units.get(s.orgUnitId) ?? '', riskClass: s.riskClass ?? '' }));
    const marking = exportMarking(this.defaultMarking, items.map((s) => s.classification));
    return bulkFile('systems', records, format, lang, marking, `konform-inventory-${officeToday()}`);
  }

  /** One system's risk register, or every risk in the reader's scope (the portfolio list). */
  async exportRisks(actor: Actor, query: BulkRiskExportQuery): Promise<ExportFile> {
    let items: { systemId: string; systemName: string; number: number }[];
    if (query.systemId) {
      const system = await this.systems.get(actor, query.systemId);
      items = (await this.risks.listForSystem(actor, system.id, ALL)).items.map((r) => ({ ...r, systemName: system.name }));
    } else {
      items = (await this.risks.listAll(actor, ALL)).items;
    }
    const ids = [...new Set(items.map((r) => r.systemId))];
    const levels = ids.length ? (await this.database.db.selectFrom('ai_system').select('classification').where('id', 'in', ids).execute()).map((s) => s.classification) : [];
    const records = items.map((r) => ({ ...r, number: `R-${r.number}` }));
    return bulkFile('risks', records, query.format, query.lang, exportMarking(this.defaultMarking, levels), `konform-risks-${officeToday()}`);
  }

  /** The empty file: the header row only. */
  template(kind: BulkKind, format: 'xlsx' | 'csv', lang: Lang): Promise<ExportFile> {
    return bulkFile(kind, [], format, lang, null, `konform-${kind}-template`);
  }

  /** Reads and checks every row as the import would, and writes nothing. */
  previewImport(actor: Actor, kind: BulkKind, bytes: Buffer, fileName: string): Promise<BulkPreview> {
    return this.process(actor, kind, bytes, fileName, false);
  }

  /** Writes every row in one transaction, or nothing: a file with any error is refused (422) with the rows' errors. */
  async runImport(actor: Actor, kind: BulkKind, bytes: Buffer, fileName: string): Promise<BulkImportResult> {
    const result = await this.process(actor, kind, bytes, fileName, true);
    if (!result.ready) {
      const errors = [
        ...result.fileErrors.map((e) => ({ path: `file.${e.column}`, message: e.message })),
        ...result.rows.flatMap((r) => r.errors.map((e) => ({ path: `rows.${r.row}.${e.column}`, message: e.message }))),
      ];
      throw new HttpProblem(422, 'import-refused', `Nothing was imported: ${result.summary.error || 'the file'} ${result.summary.error === 1 ? 'row has' : result.summary.error ? 'rows have' : 'has'} errors`, errors);
    }
    return { ...result, imported: true };
  }

  private async process(actor: Actor, kind: BulkKind, bytes: Buffer, fileName: string, commit: boolean): Promise<BulkPreview> {
    const table = withoutMarkingLines(await readTable(bytes, fileName, BULK_ROW_LIMIT));
    const empty = { create: 0, update: 0, unchanged: 0, error: 0 };
    if (table.length === 0) return { kind, fileName, fileErrors: [cellError('file', 'no-header', 'The file has no header row')], rows: [], summary: empty, ready: false };
    const { columns, errors: fileErrors } = mapHeader(kind, table[0]!);
    if (fileErrors.length > 0) return { kind, fileName, fileErrors, rows: [], summary: empty, ready: false };
    const rows: ParsedBulkRow[] = [];
    table.forEach((cells, i) => {
      if (i > 0 && !isBlankRow(cells)) rows.push(readBulkRow(columns, cells, i + 1));
    });
    if (rows.length > BULK_ROW_LIMIT) throw new HttpProblem(400, 'too-many-rows', 'The file cannot be read', [{ path: 'file', message: `The file has more than ${BULK_ROW_LIMIT} rows; split it` }]);
    markDuplicateIds(rows);
    // Read before the transaction: on SQLite every query inside it must use the transaction's one connection.
    const ctx: RowContext = { actor, now: new Date().toISOString(), config: (await this.risks.matrix()).config, registry: kind === 'risks' ? await this.catalogs.current() : undefined };
    const results: BulkRowResult[] = [];
    const trx = await this.database.db.startTransaction().execute();
    try {
      for (const row of rows) {
        const base = { row: row.row, id: row.id, label: String(row.values.name ?? row.values.title ?? ''), changes: [] as string[] };
        if (row.errors.length > 0) {
          results.push({ ...base, action: 'error', errors: row.errors });
          continue;
        }
        const sp = await trx.savepoint(SAVEPOINT).execute();
        try {
          const outcome = kind === 'systems' ? await this.systemRow(sp, row, ctx) : await this.riskRow(sp, row, ctx);
          await sp.releaseSavepoint(SAVEPOINT).execute();
          results.push({ ...base, ...outcome, errors: [] });
        } catch (error) {
          await sp.rollbackToSavepoint(SAVEPOINT).execute();
          const errors = error instanceof RowRefused ? error.errors : rowErrors(error, row.id ? 'id' : kind === 'systems' ? 'orgUnitId' : 'systemId');
          results.push({ ...base, action: 'error', errors });
        }
      }
      const summary = { ...empty };
      for (const r of results) summary[r.action]++;
      const ready = summary.error === 0;
      if (commit && ready) await trx.commit().execute();
      else await trx.rollback().execute();
      return { kind, fileName, fileErrors: [], rows: results, summary, ready };
    } catch (error) {
      if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
      throw error;
    }
  }

  private async systemRow(trx: Transaction<DB>, row: ParsedBulkRow, { actor, now }: RowContext): Promise<Outcome> {
    if (row.id === null) {
      const input = parsed(AiSystemCreate, row.values);
      const created = await this.systems.createInTransaction(trx, actor, input, now);
      return { action: 'create', id: created.id, label: created.name, changes: Object.keys(row.values) };
    }
    const current = await findSystem(trx, row.id);
    if (!current) throw new RowRefused([cellError('id', 'unknown-id', 'No AI system has this id')]);
    await this.readable(() => assertInScope(trx, actor, 'system.read', current.org_unit_id, current.id), 'No AI system has this id');
    const system = presentSystem(current);
    const changes = changedFields(row.values, system);
    if (changes.length === 0) return { action: 'unchanged', id: system.id, label: system.name, changes };
    const input = parsed(AiSystemUpdate, { version: row.version, ...pick(row.values, changes) });
    const after = await this.systems.updateInTransaction(trx, actor, system.id, input, now);
    return { action: 'update', id: after.id, label: after.name, changes };
  }

  private async riskRow(trx: Transaction<DB>, row: ParsedBulkRow, { actor, now, config, registry }: RowContext): Promise<Outcome> {
    const { systemId, status, ...fields } = row.values;
    if (row.id === null) {
      if (status !== undefined) throw new RowRefused([cellError('status', 'new-risk-status', 'A new risk starts as identified (or assessed, once rated): leave the status empty')]);
      if (typeof systemId !== 'string') throw new RowRefused([cellError('systemId', 'required', 'Name the AI system of a new risk by its id')]);
      const input = parsed(RiskCreate, fields);
      const id = await this.risks.createInTransaction(trx, actor, systemId, input, now, registry!);
      return { action: 'create', id, label: input.title, changes: Object.keys(row.values) };
    }
    const current = await findRisk(trx, row.id);
    const system = current ? await findSystem(trx, current.system_id) : undefined;
    if (!current || !system || !mayRead(actor.clearance, system.classification ?? 'offen')) throw new RowRefused([cellError('id', 'unknown-id', 'No risk has this id')]);
    await this.readable(() => assertInScope(trx, actor, 'risk.read', system.org_unit_id, system.id), 'No risk has this id');
    if (systemId !== undefined && systemId !== current.system_id) throw new RowRefused([cellError('systemId', 'risk-moves', 'A risk stays with its AI system; record it anew for another system')]);
    const risk = presentRisk(current, config, [], officeToday());
    const changes = changedFields({ ...fields, ...(status !== undefined ? { status } : {}) }, risk);
    if (changes.length === 0) return { action: 'unchanged', id: risk.id, label: risk.title, changes };
    const input = parsed(RiskUpdate, { version: row.version, ...pick({ ...fields, status }, changes) });
    await this.risks.updateInTransaction(trx, actor, risk.id, input, now, config, registry);
    return { action: 'update', id: risk.id, label: String(fields.title ?? risk.title), changes };
  }

  /** Records the reader may not see are reported as unknown ids (their existence is not revealed). */
  private async readable(check: () => Promise<void>, message: string): Promise<void> {
    try {
      await check();
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 403) throw new RowRefused([cellError('id', 'unknown-id', message)]);
      throw error;
    }
  }
}

