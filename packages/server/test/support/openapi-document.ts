import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/database.js';

/** The OpenAPI document as the app generates it, from a throwaway database. */
export async function openApiDocument(): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'konform-openapi-'));
  const database = openDatabase({ dataDir: dir });
  try {
    const app = await buildApp({ database, logLevel: 'silent', webDir: '/nonexistent' });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
