import type { Problem } from '@konform/core';

/** A failed API call, carrying the server's RFC 9457 problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** True when another user changed the record since it was loaded. */
  get isVersionConflict(): boolean {
    return this.status === 409 && this.problem.code === 'version-conflict';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Field errors keyed by their dotted path, plus by the top-level field name they belong to. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.status !== 400) return {};
  const result: Record<string, string> = {};
  for (const { path, message } of error.problem.errors ?? []) {
    const top = path.split('.')[0] ?? path;
    result[path] ??= message;
    result[top] ??= message;
  }
  return result;
}
