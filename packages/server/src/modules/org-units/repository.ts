import type { Kysely } from 'kysely';
import type { OrgUnit } from '@konform/core';
import type { DB, OrgUnitTable } from '../../db/schema.js';

type Db = Kysely<DB>;

export function listOrgUnits(db: Db) {
  return db.selectFrom('org_unit').selectAll().orderBy('name').orderBy('id').execute();
}

export function findOrgUnit(db: Db, id: string) {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrgUnit(db: Db, row: OrgUnitTable) {
  await db.insertInto('org_unit').values(row).execute();
}

export async function updateOrgUnitRow(db: Db, id: string, expectedVersion: number, values: Partial<OrgUnitTable>) {
  const result = await db.updateTable('org_unit').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function presentOrgUnit(row: OrgUnitTable): OrgUnit {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    parentId: row.parent_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}
