import { z } from 'zod';
import { ApplicabilityCondition } from '../catalogs/condition.js';
import { Catalog, MAPPING_RELATIONS, Measure, RequirementKey } from '../catalogs/catalog.js';
import { RiskClass } from '../classification/result.js';
import { OperatorRole } from './systems.js';
import { CatalogVersionEntry } from './catalog-updates.js';

const Text = z.object({ de: z.string(), en: z.string() });
const IsoDate = z.iso.date();
const CatalogId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** Where a catalogue comes from: shipped in catalogs/ or imported by a user (internal catalogues, versioned). */
export const CatalogOrigin = z.enum(['bundled', 'imported']);
export type CatalogOrigin = z.infer<typeof CatalogOrigin>;

export const CatalogSummary = z.object({
  id: z.string(),
  title: Text,
  version: z.string(),
  kind: Catalog.shape.kind,
  publisher: z.string(),
  requirementCount: z.number().int(),
  source: CatalogOrigin,
});
export type CatalogSummary = z.infer<typeof CatalogSummary>;

/**
 * GET /api/catalogs/{id}: the whole catalogue document (the active version unless `version` names another), where
 * it comes from, the active version and the stored versions (imports and updates), newest first.
 */
export const CatalogDetail = z.object({
  catalog: Catalog,
  source: CatalogOrigin,
  /** null while the catalogue only has a proposed version. */
  activeVersion: z.string().nullable(),
  versions: z.array(CatalogVersionEntry),
});
export type CatalogDetail = z.infer<typeof CatalogDetail>;

export const CatalogParams = z.strictObject({ id: CatalogId });
export const CatalogVersionQuery = z.strictObject({ version: z.string().trim().min(1).max(100).optional() });
export type CatalogVersionQuery = z.infer<typeof CatalogVersionQuery>;

export const CatalogRequirementQuery = z.strictObject({
  /** Text in the reference, title or description (either language). */
  q: z.string().trim().max(200).optional(),
  /** Requirements that bind this operator role. */
  role: OperatorRole.optional(),
  /** Requirements that can apply to a system of this risk class (their condition does not rule the class out). */
  riskClass: RiskClass.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CatalogRequirementQuery = z.infer<typeof CatalogRequirementQuery>;

export const MappingRelation = z.enum(MAPPING_RELATIONS);

/** A mapping seen from one requirement: "this requirement is a <relation> of <key>". */
export const RequirementMappingRef = z.object({ key: z.string(), relation: MappingRelation, rationale: Text });

export const CatalogRequirementItem = z.object({
  /** The requirement's id inside its catalogue. */
  id: z.string(),
  /** `catalogId:requirementId`, the key used across catalogues. */
  key: z.string(),
  catalogId: z.string(),
  ref: z.string(),
  kind: z.enum(['group', 'requirement']),
  title: Text,
  description: Text.nullable(),
  roles: z.array(OperatorRole),
  appliesWhen: ApplicabilityCondition.nullable(),
  /** From the timeline group under the act in force, or the fixed date, or null. */
  appliesFrom: IsoDate.nullable(),
  parentId: z.string().nullable(),
  evidence: z.array(Text),
  /** Ids of the measures that link this requirement directly. */
  measures: z.array(z.string()),
  mappings: z.array(RequirementMappingRef),
});
export type CatalogRequirementItem = z.infer<typeof CatalogRequirementItem>;

export const MeasureListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  /** Measures linking this requirement (`catalogId:requirementId`). */
  requirement: RequirementKey.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MeasureListQuery = z.infer<typeof MeasureListQuery>;

export const MeasureItem = Measure;
export type MeasureItem = z.infer<typeof MeasureItem>;

/** 2 MB of YAML at most. */
export const CATALOG_IMPORT_MAX_CHARS = 2 * 1024 * 1024;

/** POST /api/catalogs/import: an internal catalogue in the catalogue format (kind `internal`). */
export const CatalogImport = z.strictObject({ yaml: z.string().min(1).max(CATALOG_IMPORT_MAX_CHARS) });
export type CatalogImport = z.infer<typeof CatalogImport>;
