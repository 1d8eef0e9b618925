import { heldPermissions, type Permission } from '@konform/core';
import { withDatabase, type DbFlags } from './cli-database.js';
import { createServices, type Services } from './app.js';
import type { Database } from './db/database.js';
import type { Actor } from './access/actor.js';
import { HttpProblem } from './http/errors.js';
import { actorLabel } from './modules/auth/auth-service.js';
import { clearanceOf, findUserByEmail, rolesOf } from './modules/users/repository.js';

/** Opens the database named by the flags and environment, migrates it and runs `work` with the services. */
export function withServices<T>(flags: DbFlags, work: (services: Services, database: Database) => Promise<T>): Promise<T> {
  return withDatabase(flags, (database, config) =>
    work(
      createServices(database, config.sessionHours, { sessionIdleMinutes: config.sessionIdleMinutes, aiActTimeline: config.aiActTimeline, dataDir: config.dataDir, catalogDir: process.env.KONFORM_CATALOG_DIR, defaultMarking: config.defaultMarking }),
      database,
    ));
}

/** A problem as the lines a terminal shows: what failed and each place in the file. */
export function explain(error: unknown): never {
  if (error instanceof HttpProblem) {
    const lines = [error.message, ...(error.errors ?? []).map((e) => `  at ${e.path}: ${e.message}`)];
    throw new Error(lines.join('\n'));
  }
  throw error;
}

/**
 * The user named by `--as` as the actor of a CLI command: active, holding `permission` somewhere (the permission the
 * matching API route declares), with the user's roles and clearance. The audit trail names the user "… via CLI".
 */
export async function cliActor(database: Database, email: string | undefined, permission: Permission): Promise<Actor> {
  if (!email) throw new Error('Name the acting user with --as EMAIL');
  const user = await findUserByEmail(database.db, email.trim());
  if (!user || user.active !== 1) throw new Error(`There is no active user ${email}`);
  const assignments = (await rolesOf(database.db, [user.id])).get(user.id) ?? [];
  if (!heldPermissions(assignments).includes(permission)) throw new Error(`${email} does not hold the permission ${permission}`);
  return { userId: user.id, label: `${actorLabel(user)} via CLI`, assignments, clientAddress: null, via: 'system', clearance: clearanceOf(user) };
}
