// No lost write after a crash: a real server process is killed with SIGKILL at random moments while clients stream
// writes; after each restart every acknowledged write must be there, the audit chain intact and the database
// consistent. KONFORM_CRASH_CYCLES sets the number of cycles (default 50; nightly runs use more).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { killProcess, signInOverHttp, startServerProcess, type HttpSession, type ServerProcess } from '../support/server-process.js';

const CYCLES = Number(process.env.KONFORM_CRASH_CYCLES ?? 50);
const WRITERS = 3;
const ADMIN = { email: 'crash@test.example', password: 'Absturz-Test-Passwort-2026' };

let db: TestDatabase;
let dataDir: string;

function start(): Promise<ServerProcess> {
  return startServerProcess(dataDir, { DATABASE_URL: db.url ?? '', KONFORM_ADMIN_EMAIL: ADMIN.email, KONFORM_ADMIN_PASSWORD: ADMIN.password, KONFORM_KEY_DIR: path.join(dataDir, 'keys') });
}

async function post(baseUrl: string, session: HttpSession, url: string, body: unknown): Promise<{ status: number; body: { id?: string } }> {
  const response = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as { id?: string } };
}

async function checkConsistency(database: Database, acknowledged: Set<string>): Promise<void> {
  const ids = new Set((await database.db.selectFrom('ai_system').select('id').execute()).map((r) => r.id));
  const lost = [...acknowledged].filter((id) => !ids.has(id));
  expect(lost, 'acknowledged writes missing after the crash').toEqual([]);
  const chain = await verifyAuditChain(database.db);
  expect(chain.ok, JSON.stringify(chain.firstBroken)).toBe(true);
  // Every stored system has its creation event: no write without its audit event, no event without its write.
  const created = new Set((await database.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'system.create').execute()).map((r) => r.entity_id));
  expect([...ids].filter((id) => !created.has(id))).toEqual([]);
  expect([...created].filter((id) => !ids.has(id))).toEqual([]);
  if (database.dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
    expect(integrity.rows.map((r) => r.integrity_check)).toEqual(['ok']);
    expect((await sql`pragma foreign_key_check`.execute(database.db)).rows).toEqual([]);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  // The server owns the database while it runs; this handle is reopened for each check.
  await db.database.close();
  dataDir = db.dataDir ?? mkdtempSync(path.join(tmpdir(), 'konform-crash-'));
});

afterAll(async () => {
  if (TEST_DIALECT === 'postgres') await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`crash recovery on ${TEST_DIALECT}`, () => {
  it(`keeps every acknowledged write through ${CYCLES} SIGKILLs`, { timeout: 30 * 60_000 }, async () => {
    const acknowledged = new Set<string>();
    let unitId: string | null = null;
    let killedWithWritesInFlight = 0;
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      const { child, baseUrl } = await start();
      const session = await signInOverHttp(baseUrl, ADMIN);
      if (!unitId) {
        const unit = await post(baseUrl, session, '/api/org-units', { name: 'Absturztest' });
        expect(unit.status).toBe(201);
        unitId = unit.body.id!;
      }
      let stop = false;
      let inFlight = 0;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n += 1) {
          inFlight += 1;
          try {
            const reply = await post(baseUrl, session, '/api/systems', { name: `Zyklus ${cycle} Schreiber ${w} Nr. ${n}`, purpose: 'Absturztest', orgUnitId: unitId, roles: ['deployer'] });
            if (reply.status === 201 && reply.body.id) acknowledged.add(reply.body.id);
            else if (!stop) throw new Error(`unexpected answer ${reply.status}`);
          } catch (error) {
            // The connection breaks when the process dies: that write was never acknowledged.
            if (!stop) throw error;
          } finally {
            inFlight -= 1;
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 450)));
      if (inFlight > 0) killedWithWritesInFlight += 1;
      stop = true;
      await killProcess(child);
      await Promise.allSettled(writers);
      const database = openDatabase({ databaseUrl: db.url, dataDir });
      try {
        await checkConsistency(database, acknowledged);
      } finally {
        await database.close();
      }
    }
    expect(acknowledged.size).toBeGreaterThan(CYCLES);
    // The kills must have hit writes under way, or the test proves nothing.
    expect(killedWithWritesInFlight).toBeGreaterThan(CYCLES / 2);
  });
});
