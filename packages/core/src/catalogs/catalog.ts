import { z } from 'zod';
import { OperatorRole } from '../schemas/systems.js';
import { TIMELINE_GROUPS } from '../classification/timeline.js';
import { ApplicabilityCondition } from './condition.js';

const Text = z.strictObject({ de: z.string().trim().min(1), en: z.string().trim().min(1) });
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, underscore and hyphen');

/** A requirement (or a grouping node such as a chapter, when `kind` is `group`). */
export const CatalogRequirement = z.strictObject({
  id: Id,
  /** Legal or document reference as printed, e.g. `Art. 26(6)`, `GOVERN 1.1`, `A.6.2.8`. */
  ref: z.string().trim().min(1),
  parent: Id.optional(),
  kind: z.enum(['group', 'requirement']).default('requirement'),
  title: Text,
  description: Text.optional(),
  /** Operator roles the requirement binds; empty = the organisation as a whole. */
  roles: z.array(OperatorRole).default([]),
  /** When the requirement applies to a system; absent = to every system inside the Act's scope. */
  appliesWhen: ApplicabilityCondition.optional(),
  /** The timeline group its date comes from (per act in force), or a fixed date. */
  timelineGroup: z.enum(TIMELINE_GROUPS).optional(),
  appliesFrom: z.iso.date().optional(),
  /** What would prove it. */
  evidence: z.array(Text).default([]),
});
export type CatalogRequirement = z.infer<typeof CatalogRequirement>;

export const CatalogAct = z.strictObject({
  id: Id,
  title: Text,
  status: z.enum(['in-force', 'amending', 'proposal', 'standard', 'guidance']),
  /** How sure the facts are: verified, secondary sources only, unverified. */
  certainty: z.enum(['V', 'S', 'U']),
});

/** A regulatory, standard or internal catalogue: catalogs/<id>/catalog.yaml. */
export const Catalog = z
  .strictObject({
    id: Id,
    version: z.string().min(1),
    kind: z.enum(['regulation', 'standard', 'framework', 'criteria', 'internal']),
    title: Text,
    publisher: z.string().min(1),
    source: z.string().min(1),
    licence: z.string().min(1),
    acts: z.array(CatalogAct).default([]),
    requirements: z.array(CatalogRequirement).min(1),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.requirements.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'id'], message: `Duplicate requirement id ${r.id}` });
      ids.add(r.id);
    });
    c.requirements.forEach((r, i) => {
      if (r.parent !== undefined && !ids.has(r.parent)) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'parent'], message: `Unknown parent ${r.parent}` });
    });
  });
export type Catalog = z.infer<typeof Catalog>;
export type CatalogInput = z.input<typeof Catalog>;

/** A requirement across catalogues is named `<catalogId>:<requirementId>`. */
export const RequirementKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*$/, 'catalogId:requirementId');

export const Measure = z.strictObject({
  id: Id,
  title: Text,
  description: Text,
  type: z.enum(['technical', 'organisational']),
  /** Typical evidence that the measure is in place. */
  evidence: z.array(Text).min(1),
  /** Requirements it helps meet, across all catalogues. */
  requirements: z.array(RequirementKey).min(1),
});
export type Measure = z.infer<typeof Measure>;

/** catalogs/measures/measures.yaml */
export const MeasureCatalog = z.strictObject({
  id: Id,
  version: z.string().min(1),
  title: Text,
  measures: z.array(Measure).min(1),
});
export type MeasureCatalog = z.infer<typeof MeasureCatalog>;

export const MAPPING_RELATIONS = ['equal', 'subset', 'superset', 'intersects'] as const;

/** catalogs/mappings/*.yaml: how requirements of two catalogues relate (from is a <relation> of to). */
export const MappingSet = z.strictObject({
  id: Id,
  version: z.string().min(1),
  title: Text,
  mappings: z
    .array(
      z.strictObject({
        from: RequirementKey,
        to: RequirementKey,
        relation: z.enum(MAPPING_RELATIONS),
        rationale: Text,
      }),
    )
    .min(1),
});
export type MappingSet = z.infer<typeof MappingSet>;

/**
 * What one import brings: a catalogue and, from formats that carry them (CISO Assistant), measures derived from its
 * reference controls and mapping sets. Measure ids of an imported bundle are prefixed with the catalogue id.
 */
export const CatalogBundle = z.strictObject({
  catalog: Catalog,
  measures: MeasureCatalog.optional(),
  mappings: z.array(MappingSet).default([]),
});
export type CatalogBundle = z.infer<typeof CatalogBundle>;
