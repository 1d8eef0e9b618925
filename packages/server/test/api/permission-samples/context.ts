import type { Role } from '@konform/core';
import type { Actor } from '../../../src/access/actor.js';
import type { TestApp } from '../../support/test-app.js';
import type { TestClient } from '../../support/client.js';

/** One request the permission-matrix test sends for a route, per role. */
export interface Sample {
  method: string;
  path: string;
  body?: unknown;
  /** The route answers a browser navigation with a redirect (single sign-on): a 3xx counts as allowed. */
  redirects?: boolean;
}
export type SampleFactory = (role: Role) => Promise<Sample>;

/**
 * What the matrix test sets up before any sample runs: the app, one unit with one user per role, a plain system, a
 * classified system with a signed revision, an intake, an evidence file, a user to read and change, and the platform
 * actor for setup writes. Shared setup helpers are in `helpers.ts`. Area files (`permission-samples/<area>.ts`) export
 * `function <area>Samples(ctx: MatrixContext): Record<string, SampleFactory>`; a factory reads `ctx` only when called.
 */
export interface MatrixContext {
  readonly t: TestApp;
  readonly unit: string;
  readonly systemId: string;
  readonly users: ReadonlyMap<Role, { id: string; email: string; client: TestClient }>;
  readonly actor: Actor;
  /** A system with a decided classification (revision 1), approved by the administrator. */
  readonly classifiedSystemId: string;
  readonly revisionId: string;
  /** The administrator's signature on that revision. */
  readonly signatureId: string;
  readonly intakeId: string;
  /** An evidence file on the plain system. */
  readonly evidenceId: string;
  /** A user without roles, for the user routes. */
  readonly targetUserId: string;
}
