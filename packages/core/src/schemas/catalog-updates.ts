import { z } from 'zod';
import { DIFF_FIELDS } from '../catalogs/diff.js';
import { RequirementStatus } from './requirements.js';
import { Timestamp } from './common.js';

const Text = z.object({ de: z.string(), en: z.string() });
const IsoDate = z.iso.date();
const CatalogId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
const Version = z.string().trim().min(1).max(100);

/** The exchange formats a catalogue can be imported from. */
export const CATALOG_IMPORT_FORMATS = ['konform-yaml', 'oscal-json', 'ciso-assistant-yaml', 'xlsx'] as const;
export const CatalogImportFormat = z.enum(CATALOG_IMPORT_FORMATS);
export type CatalogImportFormat = z.infer<typeof CatalogImportFormat>;

/** The formats a catalogue can be exported to. */
export const CATALOG_EXPORT_FORMATS = ['oscal', 'yaml', 'xlsx'] as const;
export const CatalogExportFormat = z.enum(CATALOG_EXPORT_FORMATS);
export type CatalogExportFormat = z.infer<typeof CatalogExportFormat>;

/** A version's place in its life: proposed (imported, waiting), active (accepted, in use), superseded, discarded. */
export const CATALOG_VERSION_STATES = ['proposed', 'active', 'superseded', 'discarded'] as const;
export const CatalogVersionState = z.enum(CATALOG_VERSION_STATES);
export type CatalogVersionState = z.infer<typeof CatalogVersionState>;

/** POST /api/catalogs/import query (the file itself is the multipart field `file`). */
export const CatalogImportQuery = z.strictObject({
  /** true: parse, validate and compute the preview; write nothing. */
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Detected from the content when absent. */
  format: CatalogImportFormat.optional(),
  /** Overrides the catalogue id derived from the file (OSCAL and CISO Assistant files carry no Konform id). */
  catalogId: CatalogId.max(100).optional(),
});
export type CatalogImportQuery = z.input<typeof CatalogImportQuery>;

export const CatalogDiffChange = z.object({ field: z.enum(DIFF_FIELDS), before: z.unknown(), after: z.unknown() });
export const CatalogDiffEntry = z.object({ id: z.string(), ref: z.string(), kind: z.enum(['group', 'requirement']), title: Text });
export const CatalogDiff = z.object({
  catalogId: z.string(),
  /** null when the catalogue is new. */
  from: z.string().nullable(),
  to: z.string(),
  added: z.array(CatalogDiffEntry),
  removed: z.array(CatalogDiffEntry),
  changed: z.array(CatalogDiffEntry.extend({ changes: z.array(CatalogDiffChange) })),
  unchanged: z.number().int(),
});
export type CatalogDiff = z.infer<typeof CatalogDiff>;

export const CatalogDiffQuery = z.strictObject({ from: Version.optional(), to: Version.optional() });
export type CatalogDiffQuery = z.infer<typeof CatalogDiffQuery>;

/** One matrix row that an update makes appear, disappear or move. */
export const ImpactRow = z.object({
  requirementId: z.string(),
  ref: z.string(),
  title: Text,
  /** The row's stored status (open when never changed). */
  status: RequirementStatus,
  /** Evidence linked to the row. */
  evidenceCount: z.number().int(),
  before: IsoDate.nullable(),
  after: IsoDate.nullable(),
});
export type ImpactRow = z.infer<typeof ImpactRow>;

export const SystemImpact = z.object({
  systemId: z.string(),
  name: z.string(),
  orgUnitName: z.string(),
  /** Rows that become applicable. */
  appear: z.array(ImpactRow),
  /** Rows that stop applying; `removed` when their requirement leaves the catalogue (kept read-only). */
  disappear: z.array(ImpactRow.extend({ removed: z.boolean() })),
  /** Rows that stay and whose date changes. */
  dueDateChanged: z.array(ImpactRow),
});
export type SystemImpact = z.infer<typeof SystemImpact>;

export const CatalogImpact = z.object({
  /** Only systems with at least one change, in the actor's scope. */
  systems: z.array(SystemImpact),
  totals: z.object({ systems: z.number().int(), appear: z.number().int(), disappear: z.number().int(), dueDateChanged: z.number().int() }),
});
export type CatalogImpact = z.infer<typeof CatalogImpact>;

/** One problem of an imported file, named by its place: `rows[7].title_en`, `catalog.controls[3].id`, `line 12`. */
export const ImportIssue = z.object({ path: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;

/** The preview of an import (dry run) or of a stored proposed version: what would change, for whom. */
export const CatalogUpdatePreview = z.object({
  catalogId: z.string(),
  title: Text.nullable(),
  version: z.string().nullable(),
  format: CatalogImportFormat,
  /** false: the file has errors (listed); nothing can be stored. */
  valid: z.boolean(),
  errors: z.array(ImportIssue),
  /** Things imported differently than written (e.g. a CISO Assistant mapping kind Konform has no equivalent for). */
  warnings: z.array(z.string()),
  requirementCount: z.number().int(),
  measureCount: z.number().int(),
  mappingCount: z.number().int(),
  diff: CatalogDiff.nullable(),
  impact: CatalogImpact.nullable(),
});
export type CatalogUpdatePreview = z.infer<typeof CatalogUpdatePreview>;

/** A stored version of an imported catalogue or an update to a bundled one. */
export const CatalogVersionEntry = z.object({
  catalogId: z.string(),
  version: z.string(),
  title: Text,
  state: CatalogVersionState,
  format: CatalogImportFormat,
  fileName: z.string().nullable(),
  importedAt: Timestamp,
  importedBy: z.string(),
  decidedAt: Timestamp.nullable(),
  decidedBy: z.string().nullable(),
});
export type CatalogVersionEntry = z.infer<typeof CatalogVersionEntry>;

export const CatalogVersionParams = z.strictObject({ id: CatalogId, version: Version });

/** Accepting checks that the version it replaces is still the active one (null: none was active). */
export const CatalogAccept = z.strictObject({ expectedActive: Version.nullable().optional() });
export type CatalogAccept = z.infer<typeof CatalogAccept>;

export const CatalogAcceptResult = z.object({
  catalogId: z.string(),
  version: z.string(),
  /** Matrix rows kept read-only because their requirement left the catalogue. */
  retiredRows: z.number().int(),
  /** Rows that came back because their requirement returned. */
  restoredRows: z.number().int(),
  systemsAffected: z.number().int(),
});
export type CatalogAcceptResult = z.infer<typeof CatalogAcceptResult>;

export const CatalogExportQuery = z.strictObject({ format: CatalogExportFormat.default('yaml'), version: Version.optional() });
export type CatalogExportQuery = z.infer<typeof CatalogExportQuery>;

/** The AI Act's text versions (acts of the timeline) and the one whose dates apply. */
export const ActInForce = z.object({
  actInForce: z.string(),
  acts: z.array(z.object({ id: z.string(), title: Text, reference: z.string(), certainty: z.enum(['V', 'S', 'U']) })),
  changedAt: Timestamp.nullable(),
  changedBy: z.string().nullable(),
});
export type ActInForce = z.infer<typeof ActInForce>;

export const ActParams = z.strictObject({ act: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100) });

export const MATRIX_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const MatrixExportQuery = z.strictObject({
  format: z.enum(MATRIX_EXPORT_FORMATS).default('xlsx'),
  /** Column headers and texts in this language. */
  lang: z.enum(['de', 'en']).default('de'),
  /** Only applicable rows (default) or all. */
  applies: z.enum(['true', 'all']).default('true'),
});
export type MatrixExportQuery = z.infer<typeof MatrixExportQuery>;
