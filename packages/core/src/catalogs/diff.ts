import type { Catalog, CatalogRequirement } from './catalog.js';

/** The fields of a requirement the diff compares; `date` is the effective date it applies from. */
export const DIFF_FIELDS = ['ref', 'kind', 'parent', 'title', 'description', 'roles', 'appliesWhen', 'timelineGroup', 'appliesFrom', 'date', 'evidence'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface DiffFieldChange {
  field: DiffField;
  before: unknown;
  after: unknown;
}

export interface DiffEntry {
  id: string;
  ref: string;
  kind: 'group' | 'requirement';
  title: { de: string; en: string };
}

export interface CatalogDiffResult {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: (DiffEntry & { changes: DiffFieldChange[] })[];
  unchanged: number;
}

/** The effective date of a requirement under one side of the comparison (timeline group resolved). */
export type DateOf = (requirement: CatalogRequirement) => string | null;

function entry(r: CatalogRequirement): DiffEntry {
  return { id: r.id, ref: r.ref, kind: r.kind, title: r.title };
}

/** Key order must not count as a change: compare canonical JSON. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function fieldValue(r: CatalogRequirement, field: Exclude<DiffField, 'date'>): unknown {
  const value = r[field];
  if (field === 'roles') return [...(value as string[])].sort();
  return value ?? null;
}

/**
 * What changes from one catalogue version to another, requirement by requirement (matched by id): added, removed,
 * and changed with each changed field. With `dates`, a changed effective date is reported as field `date` even
 * when only the timeline behind it moved (e.g. switching the AI Act from "as published" to "as amended").
 */
export function diffCatalogs(from: Catalog, to: Catalog, dates?: { from: DateOf; to: DateOf }): CatalogDiffResult {
  const before = new Map(from.requirements.map((r) => [r.id, r]));
  const after = new Map(to.requirements.map((r) => [r.id, r]));
  const result: CatalogDiffResult = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const r of to.requirements) if (!before.has(r.id)) result.added.push(entry(r));
  for (const r of from.requirements) if (!after.has(r.id)) result.removed.push(entry(r));
  for (const r of to.requirements) {
    const old = before.get(r.id);
    if (!old) continue;
    const changes: DiffFieldChange[] = [];
    for (const field of DIFF_FIELDS) {
      if (field === 'date') continue;
      const a = fieldValue(old, field);
      const b = fieldValue(r, field);
      if (canonical(a) !== canonical(b)) changes.push({ field, before: a, after: b });
    }
    if (dates) {
      const a = dates.from(old);
      const b = dates.to(r);
      if (a !== b) changes.push({ field: 'date', before: a, after: b });
    }
    if (changes.length > 0) result.changed.push({ ...entry(r), changes });
    else result.unchanged++;
  }
  return result;
}
