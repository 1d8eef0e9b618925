import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, Permission } from '@konform/core';
import type { ApiTokenTable, DB } from '../../db/schema.js';

export type ApiTokenRow = Selectable<ApiTokenTable>;

/** Names of the systems and units that tokens are limited to, by id. */
export interface Names {
  systems: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, string>;
}

function list(text: string | null): string[] | null {
  return text === null ? null : (JSON.parse(text) as string[]);
}

/** A system or unit deleted since keeps its id as its name, so the limit stays visible. */
export function presentToken(row: ApiTokenRow, names: Names): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    permissions: list(row.permissions) as Permission[] | null,
    systems: list(row.system_ids)?.map((id) => ({ id, name: names.systems.get(id) ?? id })) ?? null,
    orgUnits: list(row.org_unit_ids)?.map((id) => ({ id, name: names.units.get(id) ?? id })) ?? null,
  };
}

export async function referencedNames(db: Kysely<DB>, rows: readonly ApiTokenRow[]): Promise<Names> {
  const systemIds = [...new Set(rows.flatMap((r) => list(r.system_ids) ?? []))];
  const unitIds = [...new Set(rows.flatMap((r) => list(r.org_unit_ids) ?? []))];
  const [systems, units] = await Promise.all([
    systemIds.length === 0 ? [] : db.selectFrom('ai_system').select(['id', 'name']).where('id', 'in', systemIds).execute(),
    unitIds.length === 0 ? [] : db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unitIds).execute(),
  ]);
  return { systems: new Map(systems.map((s) => [s.id, s.name])), units: new Map(units.map((u) => [u.id, u.name])) };
}
