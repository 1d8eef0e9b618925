import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// Tests compile a route's writer when they first call it; this compiles every route's, including responses no test
// reaches, so production never falls back to zod for want of a JSON Schema.
it('compiles a response writer for every route and status', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-writers-'));
  const database = openDatabase({ dataDir: dir });
  try {
    const writers = new Map<string, () => void>();
    const app = await buildApp({ database, logLevel: 'silent', webDir: '/nonexistent', checkResponses: true, responseWriters: writers });
    await app.ready();
    const failed: string[] = [];
    for (const [route, compile] of writers) {
      try {
        compile();
      } catch (error) {
        failed.push(`${route}: ${String(error)}`);
      }
    }
    await app.close();
    expect(failed).toEqual([]);
    // Every API route has a 200 or 201 response schema; a few hundred of them.
    expect(writers.size).toBeGreaterThan(300);
    expect(writers.has('GET /api/systems/:id/requirements 200')).toBe(true);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('compiles every writer while the server starts when it warms up', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-writers-'));
  const database = openDatabase({ dataDir: dir });
  try {
    const compiled = new Set<string>();
    // Records which of the writers the app registers get compiled.
    class Recording extends Map<string, () => void> {
      override set(route: string, compile: () => void) {
        return super.set(route, () => {
          compiled.add(route);
          compile();
        });
      }
    }
    const writers = new Recording();
    await migrateToLatest(database);
    const app = await buildApp({ database, logLevel: 'silent', webDir: '/nonexistent', warmUp: true, responseWriters: writers });
    expect(compiled.size).toBe(0);
    await app.ready();
    await app.close();
    expect(writers.size).toBeGreaterThan(300);
    expect(compiled.size).toBe(writers.size);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
