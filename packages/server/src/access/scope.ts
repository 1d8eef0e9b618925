import type { Kysely } from 'kysely';
import { GLOBAL_ROLES, expandUnitScope, permissionScope, type Permission, type Role } from '@konform/core';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { forbidden } from '../http/errors.js';

/** The units in which an actor holds a permission: 'all', or the explicit set including sub-units. */
export type UnitScope = 'all' | ReadonlySet<string>;

export async function unitScope(db: Kysely<DB>, actor: Actor, permission: Permission): Promise<UnitScope> {
  const scope = permissionScope(actor.assignments, permission);
  if (scope.all) return 'all';
  if (scope.roots.length === 0) return new Set();
  const units = await allUnits(db);
  const expanded = expandUnitScope(scope.roots, units);
  // A role held on every root reaches every unit: the same as a global grant (e.g. an auditor at the top).
  return expanded.size >= units.length ? 'all' : expanded;
}

/** A unit and all units below it. */
export async function subtreeOf(db: Kysely<DB>, unitId: string): Promise<Set<string>> {
  return expandUnitScope([unitId], await allUnits(db));
}

function allUnits(db: Kysely<DB>) {
  return db.selectFrom('org_unit').select(['id', 'parent_id as parentId']).execute();
}

export function inScope(scope: UnitScope, orgUnitId: string): boolean {
  return scope === 'all' || scope.has(orgUnitId);
}

/** Record-level check: throws 403 unless the actor holds the permission in the record's unit. */
export async function assertInScope(db: Kysely<DB>, actor: Actor, permission: Permission, orgUnitId: string): Promise<void> {
  if (!inScope(await unitScope(db, actor, permission), orgUnitId)) {
    throw forbidden(`Your roles do not grant ${permission} in this organisational unit`);
  }
}

/** The roles an actor holds in a unit: global roles anywhere, others where the unit lies in their assignment's subtree. */
export async function rolesInUnit(db: Kysely<DB>, actor: Actor, orgUnitId: string): Promise<Role[]> {
  const roles = new Set<Role>();
  let units: Awaited<ReturnType<typeof allUnits>> | null = null;
  for (const a of actor.assignments) {
    if (GLOBAL_ROLES.includes(a.role) || a.orgUnitId === '*' || a.orgUnitId === orgUnitId) {
      roles.add(a.role);
      continue;
    }
    units ??= await allUnits(db);
    if (expandUnitScope([a.orgUnitId], units).has(orgUnitId)) roles.add(a.role);
  }
  return [...roles];
}
