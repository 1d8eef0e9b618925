import type { FieldChange } from '../schemas/audit.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-level before/after of two versions of a record, ignoring bookkeeping fields. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = ['version', 'createdAt', 'updatedAt'],
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...keys].sort()) {
    if (ignore.includes(field)) continue;
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (!same(b, a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}
