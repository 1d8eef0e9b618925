import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
}

/** Anything with zod's safeParse: the same core schema the server validated with. */
export interface SchemaLike {
  safeParse: (value: unknown) => { error?: { issues: readonly IssueLike[] } | undefined };
}

export type FieldErrors = Record<string, string>;

function numberProp(issue: IssueLike, key: 'maximum' | 'minimum'): number | undefined {
  const value = (issue as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
}

function translateIssue(issue: IssueLike, t: TFunction, custom: Record<string, string>): string {
  const path = issue.path.map(String).join('.');
  const top = String(issue.path[0] ?? '');
  if (issue.code === 'custom') return custom[path] ?? custom[top] ?? t('errors.invalid');
  if (issue.code === 'too_big') return t('errors.tooLong', { max: numberProp(issue, 'maximum') ?? 0 });
  if (issue.code === 'too_small') {
    const min = numberProp(issue, 'minimum') ?? 1;
    const tooSmall = custom[`${top}:too_small`];
    if (tooSmall !== undefined) return tooSmall;
    return min <= 1 ? t('common.required') : t('errors.tooShort', { min });
  }
  if (issue.code === 'invalid_format' || issue.code === 'invalid_value' || issue.code === 'invalid_type') {
    return custom[`${top}:invalid`] ?? t('errors.invalid');
  }
  return t('errors.invalid');
}

/**
 * The server's field errors (400 problem `errors`), keyed by top-level field, e.g. `tags.0` → `tags`.
 * Each message is translated by re-reading the same core schema on the sent payload; when the
 * schema has nothing to say about that path (a rule only the server knows), the server's own
 * message is shown.
 */
export function serverFieldErrors(
  error: unknown,
  t: TFunction,
  local?: { schema: SchemaLike; payload: unknown; custom?: Record<string, string> },
): FieldErrors {
  if (!isApiError(error) || error.status !== 400) return {};
  const issues = local?.schema.safeParse(local.payload).error?.issues ?? [];
  const result: FieldErrors = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const top = path.split('.')[0] ?? path;
    if (result[top] !== undefined) continue;
    const issue = issues.find((i) => i.path.map(String).join('.') === path);
    result[top] = issue === undefined ? message : translateIssue(issue, t, local?.custom ?? {});
  }
  return result;
}
