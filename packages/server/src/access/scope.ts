import type { Kysely } from 'kysely';
import { GLOBAL_ROLES, expandUnitScope, mayRead, permissionScope, type Permission, type Role } from '@konform/core';
import type { DB } from '../db/schema.js';
import type { Actor, TokenLimits } from './actor.js';
import { forbidden } from '../http/errors.js';
import { assertCleared, levelOf, systemLevel } from './clearance.js';

/** The units in which an actor holds a permission: 'all', or the explicit set including sub-units. */
export type UnitScope = 'all' | ReadonlySet<string>;

export async function unitScope(db: Kysely<DB>, actor: Actor, permission: Permission): Promise<UnitScope> {
  const limits = actor.limits;
  // A scoped API token without this permission reaches nowhere, whatever its owner's roles.
  if (limits?.permissions && !limits.permissions.includes(permission)) return new Set();
  const scope = permissionScope(actor.assignments, permission);
  if (!scope.all && scope.roots.length === 0) return new Set();
  const narrowed = limits && (limits.orgUnitIds || limits.systemIds);
  // A global grant without token limits needs no unit tree: the common case (administrators, auditors) reads nothing.
  if (scope.all && !narrowed) return 'all';
  const units = await allUnits(db);
  const owner: UnitScope = scope.all ? 'all' : expandUnitScope(scope.roots, units);
  if (narrowed) return narrowByToken(db, limits, owner, units);
  // A role held on every root reaches every unit: the same as a global grant (e.g. an auditor at the top).
  return owner === 'all' || owner.size >= units.length ? 'all' : owner;
}

/**
 * A scoped token reaches only the intersection of its owner's scope with its units (and their sub-units) and
 * with the units of its systems. Records are refused exactly by system in `assertInScope`/`assertSystemAllowed`.
 */
async function narrowByToken(db: Kysely<DB>, limits: TokenLimits, owner: UnitScope, units: Awaited<ReturnType<typeof allUnits>>): Promise<UnitScope> {
  let allowed: Set<string> = owner === 'all' ? new Set(units.map((u) => u.id)) : new Set(owner);
  if (limits.orgUnitIds) {
    const reach = expandUnitScope(limits.orgUnitIds, units);
    allowed = new Set([...allowed].filter((u) => reach.has(u)));
  }
  if (limits.systemIds) {
    const rows = limits.systemIds.length === 0 ? [] : await db.selectFrom('ai_system').select('org_unit_id').where('id', 'in', [...limits.systemIds]).execute();
    const reach = new Set(rows.map((r) => r.org_unit_id));
    allowed = new Set([...allowed].filter((u) => reach.has(u)));
  }
  return allowed;
}

/** The systems a scoped API token is limited to, or null: lists filter by them so other systems of a unit stay hidden. */
export function tokenSystemIds(actor: Actor): readonly string[] | null {
  return actor.limits?.systemIds ?? null;
}

export function systemAllowed(actor: Actor, systemId: string): boolean {
  const ids = actor.limits?.systemIds;
  return !ids || ids.includes(systemId);
}

/** Throws 403 when the actor is an API token limited to other AI systems. */
export function assertSystemAllowed(actor: Actor, systemId: string): void {
  if (!systemAllowed(actor, systemId)) throw forbidden('This API token is limited to other AI systems');
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

/**
 * An AI system by id, or its row when the caller has loaded it (whole: its classification then needs no second read;
 * a row without the column is looked up as an id is).
 */
export type SystemRef = string | { id: string; classification?: string | null | undefined };

/**
 * Record-level check: throws 403 unless the actor holds the permission in the record's unit. Pass the record's
 * AI system (when it has one) so that an API token limited to other systems is refused too, and so that the records
 * of a classified (VS-NfD) system are refused with 403 `clearance` to actors not cleared for its level. Pass the
 * system's row rather than its id when it was just loaded: its classification is then taken from it.
 */
export async function assertInScope(db: Kysely<DB>, actor: Actor, permission: Permission, orgUnitId: string, system?: SystemRef | null): Promise<void> {
  const systemId = typeof system === 'string' ? system : system?.id;
  if (systemId) assertSystemAllowed(actor, systemId);
  if (!inScope(await unitScope(db, actor, permission), orgUnitId)) {
    throw forbidden(`Your roles do not grant ${permission} in this organisational unit`);
  }
  // Need-to-know: at most one lookup, only for actors not cleared for the highest level.
  if (systemId && !mayRead(actor.clearance, 'VS-NfD')) {
    const known = typeof system === 'object' && system ? system.classification : undefined;
    assertCleared(actor, known !== undefined ? levelOf(known) : await systemLevel(db, systemId));
  }
}

/** The roles an actor holds in a unit: global roles anywhere, others where the unit lies in their assignment's subtree. */
export async function rolesInUnit(db: Kysely<DB>, actor: Actor, orgUnitId: string): Promise<Role[]> {
  const roles = new Set<Role>();
  let units: Awaited<ReturnType<typeof allUnits>> | null = null;
  // A scoped API token holds no role outside its units.
  if (actor.limits?.orgUnitIds) {
    units = await allUnits(db);
    if (!expandUnitScope(actor.limits.orgUnitIds, units).has(orgUnitId)) return [];
  }
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
