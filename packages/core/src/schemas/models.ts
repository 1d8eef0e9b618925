import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
import { CUSTODY_EVENTS } from '../models/custody.js';
import { manifestProblems } from '../models/manifest.js';

const IsoDate = z.iso.date();
const line = (max: number) => z.string().trim().min(1).max(max);
const free = (max: number) => z.string().trim().max(max);

/** What a model does (its kind). */
export const MODEL_KINDS = ['classifier', 'llm', 'speech-recognition', 'translation', 'object-detection', 'embedding', 'regression', 'generative-image', 'other'] as const;
export const ModelKind = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof ModelKind>;

/** What a dataset holds. */
export const DATASET_KINDS = ['text', 'audio', 'image', 'video', 'tabular', 'multimodal', 'other'] as const;
export const DatasetKind = z.enum(DATASET_KINDS);
export type DatasetKind = z.infer<typeof DatasetKind>;

export const TEST_ITEM_TYPES = ['model', 'dataset'] as const;
export const TestItemType = z.enum(TEST_ITEM_TYPES);
export type TestItemType = z.infer<typeof TestItemType>;

export const CustodyEventKind = z.enum(CUSTODY_EVENTS);
export const CustodyStateSchema = z.enum(['none', ...CUSTODY_EVENTS]);

/** How an AI system uses a model or dataset version. */
export const ITEM_ROLES = ['training', 'validation', 'test', 'fine-tuning', 'in-operation'] as const;
export const ItemRole = z.enum(ITEM_ROLES);
export type ItemRole = z.infer<typeof ItemRole>;

export const INDEPENDENCE = ['yes', 'no', 'unknown'] as const;
export const Independence = z.enum(INDEPENDENCE);
export type Independence = z.infer<typeof Independence>;

// ---- manifest -----------------------------------------------------------------------------------------------------

/** One file: path relative to the delivery's root, SHA-256 of its content (64 hex digits), size in bytes if known. */
export const ManifestEntrySchema = z.strictObject({
  path: z.string().max(1000),
  sha256: z.string().max(64),
  size: z.number().int().min(0).optional(),
});

/** At least one file, paths unique and relative, digests of 64 hex digits; errors name e.g. `manifest.3.sha256`. */
export const Manifest = z
  .array(ManifestEntrySchema)
  .max(100_000)
  .superRefine((entries, ctx) => {
    for (const p of manifestProblems(entries)) {
      ctx.addIssue({ code: 'custom', message: p.message, path: p.path === '' ? [] : p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) });
    }
  });

const ManifestOut = z.array(z.object({ path: z.string(), sha256: z.string(), size: z.number().int().optional() }));

// ---- models and datasets --------------------------------------------------------------------------------------------

const ItemBody = {
  name: line(300),
  provider: free(300),
  description: free(10_000),
  licence: free(300),
  orgUnitId: Id,
};

export const ModelCreate = z.strictObject({
  ...ItemBody,
  kind: ModelKind,
  gpai: z.boolean(),
}).partial({ provider: true, description: true, licence: true, gpai: true });
export type ModelCreate = z.infer<typeof ModelCreate>;

export const ModelUpdate = z.strictObject({
  ...ItemBody,
  kind: ModelKind,
  gpai: z.boolean(),
}).partial().extend({ version: z.number().int().min(1), reason: free(1000).optional() });
export type ModelUpdate = z.infer<typeof ModelUpdate>;

export const DatasetCreate = z.strictObject({ ...ItemBody, kind: DatasetKind }).partial({ provider: true, description: true, licence: true });
export type DatasetCreate = z.infer<typeof DatasetCreate>;

export const DatasetUpdate = z.strictObject({ ...ItemBody, kind: DatasetKind }).partial().extend({ version: z.number().int().min(1), reason: free(1000).optional() });
export type DatasetUpdate = z.infer<typeof DatasetUpdate>;

const ItemOut = {
  id: Id,
  name: z.string(),
  provider: z.string(),
  description: z.string(),
  licence: z.string(),
  orgUnitId: Id,
  versionCount: z.number().int(),
  /** The newest version's label (by receipt date, then recording), null before the first. */
  latestVersion: z.string().nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const Model = z.object({ ...ItemOut, kind: ModelKind, gpai: z.boolean() });
export type Model = z.infer<typeof Model>;
export const Dataset = z.object({ ...ItemOut, kind: DatasetKind });
export type Dataset = z.infer<typeof Dataset>;

export const ItemListQuery = z.strictObject({
  /** Words in name, provider or description (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  orgUnitId: Id.optional(),
  ...PageQuery,
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

// ---- versions ---------------------------------------------------------------------------------------------------------

const VersionBody = {
  label: line(100),
  /** Where it came from: a URL or the supplier. */
  source: free(1000),
  licence: free(300),
  receivedOn: IsoDate,
  manifest: Manifest,
  notes: free(10_000),
};

export const ModelVersionCreate = z.strictObject(VersionBody).partial({ source: true, licence: true, notes: true });
export type ModelVersionCreate = z.infer<typeof ModelVersionCreate>;

/** The datasheet facts of a dataset version. */
const DatasheetBody = {
  origin: free(5000),
  collectionFrom: IsoDate.nullable(),
  collectionTo: IsoDate.nullable(),
  personalData: z.boolean(),
  /** Required when the version holds personal data (e.g. Art. 6(1)(e) GDPR with § 3 BDSG). */
  legalBasis: free(2000),
  gapsAndBiases: free(10_000),
  intendedUse: free(5000),
  independentOfTraining: Independence,
  independenceNote: free(5000),
};

export const DatasetVersionCreate = z
  .strictObject({ ...VersionBody, ...DatasheetBody })
  .partial({ source: true, licence: true, notes: true, origin: true, collectionFrom: true, collectionTo: true, legalBasis: true, gapsAndBiases: true, intendedUse: true, independentOfTraining: true, independenceNote: true })
  .superRefine((v, ctx) => {
    if (v.personalData && !v.legalBasis?.trim()) ctx.addIssue({ code: 'custom', path: ['legalBasis'], message: 'Name the legal basis for processing the personal data' });
    if (v.collectionFrom && v.collectionTo && v.collectionTo < v.collectionFrom) ctx.addIssue({ code: 'custom', path: ['collectionTo'], message: 'The collection period ends before it starts' });
  });
export type DatasetVersionCreate = z.infer<typeof DatasetVersionCreate>;

/** A recorded version never changes its files or facts; only the notes (a new version for changed files). */
export const VersionNotesUpdate = z.strictObject({ version: z.number().int().min(1), notes: free(10_000) });
export type VersionNotesUpdate = z.infer<typeof VersionNotesUpdate>;

/** Where a version is used: the systems (readable by the caller) that link it. */
export const VersionUsage = z.object({ systemId: Id, systemName: z.string(), role: ItemRole });
export type VersionUsage = z.infer<typeof VersionUsage>;

const VersionOut = {
  id: Id,
  itemId: Id,
  label: z.string(),
  source: z.string(),
  licence: z.string(),
  receivedOn: IsoDate,
  manifest: ManifestOut,
  /** SHA-256 of the canonical manifest (see docs/guide: models-datasets). */
  manifestDigest: z.string(),
  notes: z.string(),
  custodyState: CustodyStateSchema,
  /** The AI systems (that the reader may see) using this version, and how. */
  usedBy: z.array(VersionUsage),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: z.string(),
};

export const ModelVersion = z.object(VersionOut);
export type ModelVersion = z.infer<typeof ModelVersion>;

export const Datasheet = z.object({
  origin: z.string(),
  collectionFrom: IsoDate.nullable(),
  collectionTo: IsoDate.nullable(),
  personalData: z.boolean(),
  legalBasis: z.string(),
  gapsAndBiases: z.string(),
  intendedUse: z.string(),
  independentOfTraining: Independence,
  independenceNote: z.string(),
});
export type Datasheet = z.infer<typeof Datasheet>;

export const DatasetVersion = z.object({ ...VersionOut, datasheet: Datasheet });
export type DatasetVersion = z.infer<typeof DatasetVersion>;

export const VersionParams = z.strictObject({ id: Id, versionId: Id });

/** POST …/versions/{v}/compare: a pipeline states the files it holds (or only their digest) before it uses them. */
export const ManifestCompareRequest = z.union([z.strictObject({ manifest: Manifest }), z.strictObject({ manifestDigest: z.string().trim().max(64) })]);
export type ManifestCompareRequest = z.infer<typeof ManifestCompareRequest>;

export const ManifestCompareResult = z.object({
  match: z.boolean(),
  registered: z.string(),
  presented: z.string(),
  /** Only when a manifest was sent: files registered but not presented, presented but not registered, with another digest. */
  missing: z.array(z.string()),
  unexpected: z.array(z.string()),
  changed: z.array(z.string()),
});
export type ManifestCompareResult = z.infer<typeof ManifestCompareResult>;

// ---- chain of custody ---------------------------------------------------------------------------------------------------

export const CustodyEventCreate = z.strictObject({
  event: CustodyEventKind,
  /** When it happened; now when left out. */
  at: Timestamp.optional(),
  /** Who handed over or took the item; the signed-in person when left out. */
  by: free(300).optional(),
  /** Where the item is kept (required for "stored"). */
  location: free(500).optional(),
  note: free(5000).optional(),
});
export type CustodyEventCreate = z.infer<typeof CustodyEventCreate>;

export const CustodyEntry = z.object({
  id: Id,
  versionId: Id,
  seq: z.number().int(),
  event: CustodyEventKind,
  at: Timestamp,
  by: z.string(),
  location: z.string(),
  note: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

// ---- which versions an AI system uses ------------------------------------------------------------------------------------

export const SystemItemLinkInput = z.strictObject({ type: TestItemType, versionId: Id, role: ItemRole, note: free(1000).optional() });

/** PUT /api/systems/{id}/models: the full list replaces the previous one. */
export const SystemItemsUpdate = z
  .strictObject({ version: z.number().int().min(0), items: z.array(SystemItemLinkInput).max(500), reason: free(1000).optional() })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((item, i) => {
      const key = `${item.type}:${item.versionId}:${item.role}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i, 'versionId'], message: 'This version is listed twice with the same role' });
      seen.add(key);
    });
  });
export type SystemItemsUpdate = z.infer<typeof SystemItemsUpdate>;

export const SystemItemLink = z.object({
  type: TestItemType,
  itemId: Id,
  itemName: z.string(),
  versionId: Id,
  versionLabel: z.string(),
  manifestDigest: z.string(),
  role: ItemRole,
  note: z.string(),
  /** Whether the reader may open the model or dataset (model.read in its unit). */
  readable: z.boolean(),
});
export type SystemItemLink = z.infer<typeof SystemItemLink>;

export const SystemItems = z.object({ systemId: Id, version: z.number().int(), items: z.array(SystemItemLink) });
export type SystemItems = z.infer<typeof SystemItems>;
