import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEST_DIALECT } from '../support/database.js';

/** The migrations on disk, under the names migrate.ts gives them (file name without extension). */
const MIGRATION_FOLDER = new URL('../../src/db/migrations/', import.meta.url).pathname;
const BEFORE_VENDORS = '2026-11-26-0012-literacy';

/** Read through the test runner's module loader (the files are TypeScript). */
const onDisk: MigrationProvider = {
  getMigrations: async () => {
    const files = (await fs.readdir(MIGRATION_FOLDER)).filter((f) => /^\d{4}-\d{2}-\d{2}-\d{4}-.*\.ts$/.test(f));
    return Object.fromEntries(await Promise.all(files.map(async (f) => [f.replace(/\.ts$/, ''), (await import(path.join(MIGRATION_FOLDER, f))) as Migration] as const)));
  },
};

/** An empty database of this run's engine, migrated only up to `BEFORE_VENDORS`. */
async function databaseBeforeVendors(): Promise<{ database: Database; drop(): Promise<void> }> {
  let database: Database;
  let drop: () => Promise<void>;
  if (TEST_DIALECT === 'postgres') {
    const adminUrl = process.env.KONFORM_TEST_DATABASE_URL!;
    const name = `konform_test_vendormig_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir() });
    drop = async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'konform-vendormig-'));
    database = openDatabase({ dataDir });
    drop = async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const migrator = new Migrator({ db: database.db, provider: onDisk });
  const { error, results } = await migrator.migrateTo(BEFORE_VENDORS);
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  expect(results?.at(-1)?.migrationName).toBe(BEFORE_VENDORS);
  return { database, drop };
}

/** What the test expects of the rule, written out independently of the code under test. */
const key = (name: string) => name.normalize('NFC').trim().split(/\s+/u).filter(Boolean).join(' ').toLowerCase();

// Oldest first: within a group the first spelling names the vendor.
const VENDOR_TEXTS = [
  'Muster Software GmbH',
  'muster software gmbh',
  '  MUSTER   Software\tGmbH ',
  'Ärzte & Söhne KG',
  'ÄRZTE & SÖHNE KG',
  'O\'Brien "AI" Ltd.; DROP TABLE vendor; --',
  'Data_100% AG',
  'Data_100%  ag',
  '日本AI株式会社',
  'Café Ünïcødé',
  'Cafe\u0301 U\u0308nïcødé', // the same name, decomposed
  'Robo 🤖 GmbH',
  `Lange ${'x'.repeat(190)}`,
  'Archiv GmbH', // on an archived system
  'Inhouse Partner', // on an in-house system
  '',
  '   ',
];

let db: Awaited<ReturnType<typeof databaseBeforeVendors>>;
const systems: { id: string; vendor: string }[] = [];

beforeAll(async () => {
  db = await databaseBeforeVendors();
  const unit = randomUUID();
  const base = Date.parse('2025-03-01T08:00:00Z');
  await db.database.db.insertInto('org_unit').values({ id: unit, name: 'Behörde', short_name: '', parent_id: null, version: 1, created_at: new Date(base).toISOString(), updated_at: new Date(base).toISOString(), archived_at: null }).execute();
  for (const [i, vendor] of VENDOR_TEXTS.entries()) {
    const id = randomUUID();
    const at = new Date(base + i * 60_000).toISOString();
    systems.push({ id, vendor });
    // The columns as they were at migration 0012 (no vendor_id yet).
    await db.database.db
      .insertInto('ai_system')
      .values({
        id, name: `System ${i}`, short_name: `S${i}`, purpose: 'Zweck', description: '', org_unit_id: unit, responsible: '', lifecycle_stage: 'operation',
        roles: '["deployer"]', sourcing: vendor === 'Inhouse Partner' || vendor.trim() === '' ? 'in-house' : 'procured', vendor,
        deployment_context: '', affected_persons: '', autonomy: 'assistive', tags: '["Test"]', search_text: `system ${i}\n${vendor.toLocaleLowerCase('de')}`,
        classification_status: 'none', version: 3, created_at: at, updated_at: at, archived_at: vendor === 'Archiv GmbH' ? at : null,
      })
      .execute();
  }
  await migrateToLatest(db.database);
});
afterAll(async () => db?.drop());

describe('migration 0013: the free-text vendor becomes a vendor record', () => {
  it('links every system to a vendor whose name equals its old text, case and whitespace aside', async () => {
    const rows = await db.database.db.selectFrom('ai_system').select(['id', 'vendor', 'vendor_id', 'version', 'search_text']).execute();
    const vendors = await db.database.db.selectFrom('vendor').selectAll().execute();
    const byId = new Map(vendors.map((v) => [v.id, v]));
    for (const { id, vendor: old } of systems) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.version, old).toBe(3);
      if (old.trim() === '') {
        expect(row.vendor_id, JSON.stringify(old)).toBeNull();
        continue;
      }
      const vendor = byId.get(row.vendor_id!);
      expect(vendor, old).toBeDefined();
      expect(key(vendor!.name), old).toBe(key(old));
      expect(vendor!.name_key).toBe(key(old));
      // The system shows the vendor's name, and the inventory search finds it.
      expect(row.vendor).toBe(vendor!.name);
      expect(row.search_text).toContain(vendor!.name.toLocaleLowerCase('de'));
    }
  });

  it('creates one vendor per distinct name, keeps the first spelling and loses no name', async () => {
    const vendors = await db.database.db.selectFrom('vendor').selectAll().execute();
    const distinct = new Set(VENDOR_TEXTS.filter((v) => v.trim() !== '').map(key));
    expect(vendors).toHaveLength(distinct.size);
    expect(new Set(vendors.map((v) => v.name_key)).size).toBe(vendors.length);
    expect(vendors.map((v) => v.name).sort()).toEqual(
      [...distinct].map((k) => VENDOR_TEXTS.find((v) => key(v) === k)!.normalize('NFC').trim().replace(/\s+/gu, ' ')).sort(),
    );
    // Every spelling there was is still there: as the vendor's name, or listed in its notes.
    for (const old of VENDOR_TEXTS.filter((v) => v.trim() !== '')) {
      const vendor = vendors.find((v) => v.name_key === key(old))!;
      expect(vendor.name === old || vendor.notes.includes(`„${old}“`), JSON.stringify(old)).toBe(true);
    }
    const muster = vendors.find((v) => v.name_key === 'muster software gmbh')!;
    expect(muster.name).toBe('Muster Software GmbH');
    expect(muster).toMatchObject({ version: 1, contracts: '[]', products: '[]', created_by_label: 'Migration 2026-11-26-0013' });
    expect(vendors.find((v) => v.name === 'Robo 🤖 GmbH')!.notes).toBe('');
  });

  it('leaves a database that the new schema works with', async () => {
    const row = await db.database.db.selectFrom('ai_system').selectAll().where('vendor', '=', 'Archiv GmbH').executeTakeFirstOrThrow();
    expect(row.archived_at).not.toBeNull();
    expect(row.vendor_id).not.toBeNull();
    // Names stay unique regardless of case and whitespace, in the database too.
    await expect(
      db.database.db.insertInto('vendor').values({
        id: randomUUID(), name: 'MUSTER SOFTWARE GMBH', name_key: 'muster software gmbh', address: '', contact_person: '', email: '', phone: '', website: '', notes: '',
        contracts: '[]', products: '[]', version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', created_by_label: 'Test',
      }).execute(),
    ).rejects.toThrow();
  });
});
