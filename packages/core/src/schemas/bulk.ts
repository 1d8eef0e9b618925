import { z } from 'zod';
import { BULK_KINDS } from '../bulk/columns.js';
import { AiSystemListQuery } from './systems.js';
import { Id } from './common.js';

export const BulkKind = z.enum(BULK_KINDS);
export type BulkKind = z.infer<typeof BulkKind>;
export const BulkFormat = z.enum(['xlsx', 'csv']);
export type BulkFormat = z.infer<typeof BulkFormat>;
export const BulkLangQuery = z.enum(['de', 'en']).default('de');

/** GET /api/bulk/systems/export: the inventory list's filters (without paging), the format and the header language. */
export const BulkSystemExportQuery = AiSystemListQuery.omit({ limit: true, offset: true }).extend({ format: BulkFormat.default('xlsx'), lang: BulkLangQuery });
export type BulkSystemExportQuery = z.infer<typeof BulkSystemExportQuery>;

/** GET /api/bulk/risks/export: the risks of one system, or of the portfolio in scope. */
export const BulkRiskExportQuery = z.strictObject({ systemId: Id.optional(), format: BulkFormat.default('xlsx'), lang: BulkLangQuery });
export type BulkRiskExportQuery = z.infer<typeof BulkRiskExportQuery>;

/** GET /api/bulk/{kind}/template: the empty file with the header row. */
export const BulkTemplateQuery = z.strictObject({ format: BulkFormat.default('xlsx'), lang: BulkLangQuery });

/** A problem of a cell; `code` (with `detail`) lets clients word it in their language, `message` is English. */
export const BulkCellProblem = z.object({ column: z.string(), message: z.string(), code: z.string().optional(), detail: z.string().optional() });

export const BULK_ACTIONS = ['create', 'update', 'unchanged', 'error'] as const;

export const BulkRowResult = z.object({
  row: z.number().int(),
  action: z.enum(BULK_ACTIONS),
  id: Id.nullable(),
  /** What the row names (the system's name, the risk's title), for orientation. */
  label: z.string(),
  /** The API keys of the fields the row sets or changes. */
  changes: z.array(z.string()),
  /** Each problem names its column by the API key (`row` for the row as a whole). */
  errors: z.array(BulkCellProblem),
});
export type BulkRowResult = z.infer<typeof BulkRowResult>;

export const BulkPreview = z.object({
  kind: BulkKind,
  fileName: z.string(),
  /** Problems of the file itself (header, format); rows are not read when there are any. */
  fileErrors: z.array(BulkCellProblem),
  rows: z.array(BulkRowResult),
  summary: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  /** Whether `import` would write this file. */
  ready: z.boolean(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkImportResult = BulkPreview.extend({ imported: z.boolean() });
export type BulkImportResult = z.infer<typeof BulkImportResult>;
