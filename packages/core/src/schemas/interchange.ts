import { z } from 'zod';
import { Id } from './common.js';

// Exchange formats of the ML world: CycloneDX ML-BOMs and Hugging Face model cards (Inspect logs are lab runs).

/** POST /api/interchange/cyclonedx: the unit that receives models and datasets not recorded yet. */
export const CycloneDxImportQuery = z.strictObject({ orgUnitId: Id });
export type CycloneDxImportQuery = z.infer<typeof CycloneDxImportQuery>;

const Outcome = z.enum(['created', 'updated', 'unchanged']);

/** What an import did with one model or dataset of the BOM. */
export const CycloneDxImportedItem = z.object({
  type: z.enum(['model', 'dataset']),
  /** Where it stands in the BOM, e.g. `components.0`. */
  path: z.string(),
  name: z.string(),
  itemId: Id,
  item: Outcome,
  versionId: Id.nullable(),
  versionLabel: z.string().nullable(),
  /** `skipped` when the BOM names no version of the component. */
  version: z.enum(['created', 'unchanged', 'skipped']),
});
export type CycloneDxImportedItem = z.infer<typeof CycloneDxImportedItem>;

export const CycloneDxImportResult = z.object({
  specVersion: z.string(),
  serialNumber: z.string().nullable(),
  items: z.array(CycloneDxImportedItem),
  ignored: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type CycloneDxImportResult = z.infer<typeof CycloneDxImportResult>;

/** What a model card import took over into the version and what it left. */
export const ModelCardImportResult = z.object({
  modelId: Id,
  versionId: Id,
  taken: z.array(z.object({ field: z.string(), value: z.string() })),
  /** The evaluation results of the card's `model-index`, one row per metric (kept in the version's notes). */
  results: z.array(z.object({ task: z.string(), dataset: z.string(), split: z.string(), metric: z.string(), value: z.union([z.number(), z.string()]) })),
  ignored: z.array(z.object({ field: z.string(), reason: z.string() })),
  /** Whether the version's licence was filled from the card (only when none was recorded). */
  licenceTaken: z.boolean(),
  notes: z.string(),
});
export type ModelCardImportResult = z.infer<typeof ModelCardImportResult>;
