import type { SessionEndedReason } from '@konform/core';

/** Domain errors that the error plugin turns into RFC 9457 problem documents. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
    /** Extra members of the problem document (e.g. `retryAt` of a locked account). */
    readonly extensions?: { retryAt?: string; sessionEnded?: SessionEndedReason },
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'not-found', `${what} not found`);
export const forbidden = (detail = 'You are not allowed to do this') => new HttpProblem(403, 'forbidden', detail);
export const unauthorized = (detail = 'Sign-in required') => new HttpProblem(401, 'unauthorized', detail);
/** A session cookie was sent but no longer signs in (see Problem.sessionEnded). */
export const sessionEnded = (reason: SessionEndedReason) =>
  new HttpProblem(401, 'session-ended', 'Your session has ended; sign in again', undefined, undefined, { sessionEnded: reason });
export const versionConflict = () =>
  new HttpProblem(409, 'version-conflict', 'The record was changed by someone else since you loaded it; reload and try again');
export const conflict = (code: string, detail: string) => new HttpProblem(409, code, detail);
export const invalid = (path: string, message: string) =>
  new HttpProblem(400, 'validation', 'The request is invalid', [{ path, message }]);
