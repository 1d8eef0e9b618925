import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** Which engine this test run uses: the runner sets KONFORM_TEST_DIALECT=postgres for the PostgreSQL pass. */
export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.KONFORM_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  database: Database;
  /** SQLite data directory (for CLI tests), or null on PostgreSQL. */
  dataDir: string | null;
  /** The connection URL of the per-file PostgreSQL database, or undefined on SQLite. */
  url: string | undefined;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.KONFORM_TEST_DATABASE_URL;
  if (!url) throw new Error('KONFORM_TEST_DIALECT=postgres needs KONFORM_TEST_DATABASE_URL');
  return url;
}

/** Creates a PostgreSQL database named `prefix_<random>` on the test server; answers its URL and how to drop it. */
async function newPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database per test file: a temporary SQLite file, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'postgres') {
    const created = await newPostgresDatabase(`konform_test_${process.env.KONFORM_TEST_RUN_ID ?? 'run'}`);
    const database = openDatabase({ databaseUrl: created.url, dataDir: tmpdir() });
    await migrateToLatest(database);
    return {
      database,
      dataDir: null,
      url: created.url,
      drop: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'konform-test-'));
  const database = openDatabase({ dataDir });
  await migrateToLatest(database);
  return {
    database,
    dataDir,
    url: undefined,
    drop: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty (unmigrated) PostgreSQL database, for tests of what instances do on first start. */
export function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return newPostgresDatabase('konform_fresh');
}
