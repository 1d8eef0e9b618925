import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '@konform/server';

/** Runs `body` against a fresh SQLite database in a temporary data directory, removed afterwards. */
export async function withSqliteDatabase<T>(body: (database: Database, dataDir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-bench-'));
  const database = openDatabase({ dataDir: dir });
  try {
    return await body(database, dir);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app's pool closes its sockets a moment after it reports closed; wait for them instead of forcing them off. */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; attempt <= 40; attempt++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 40) throw error; // 55006: still in use
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Runs `body` against a fresh PostgreSQL database created on `serverUrl` (and dropped afterwards). */
export async function withPostgresDatabase<T>(serverUrl: string, body: (database: Database, dataDir: string, databaseUrl: string) => Promise<T>): Promise<T> {
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) throw new Error('KONFORM_BENCH_DATABASE_URL must be a postgres:// URL');
  const name = `konform_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-bench-'));
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = openDatabase({ databaseUrl: url.toString(), dataDir: dir });
    try {
      return await body(database, dir, url.toString());
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(admin, name);
    await admin.end();
  }
}
