// `konform serve` with KONFORM_WORKERS=2: one primary and two worker processes on one port and one database (the
// SQLite file, or a new PostgreSQL database in the PostgreSQL pass). Writes sent to both workers at once all land in
// one intact audit chain (on SQLite the processes' transactions take turns: `begin immediate`); a killed worker is
// started again; SIGTERM to the primary stops everything.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { verifyAuditChain } from '../../src/audit/audit-log.js';
import { createEmptyPostgresDatabase, TEST_DIALECT } from '../support/database.js';
import { killProcess, signInOverHttp, startServerProcess, type ServerProcess } from '../support/server-process.js';

const ADMIN = { email: 'betrieb@test.example', password: 'Zwei-Arbeiter-Kennwort-2026' };
const WRITES = 60;

let work: string | null = null;
let fresh: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | null = null;
let server: ServerProcess | null = null;
let database: Database | null = null;

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: the command name may contain spaces and parentheses, so read after its last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // the process ended while the directory was read
    }
  }
  return children.sort((a, b) => a - b);
}

/** User + system CPU time of a process in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  if (server) {
    const workers = childrenOf(server.child.pid!);
    await killProcess(server.child);
    for (const pid of workers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await database?.close();
  await fresh?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('konform serve with two worker processes', () => {
  it('takes writes on both workers at once into one intact chain, restarts a killed worker and stops on SIGTERM', { timeout: 180_000 }, async () => {
    work = mkdtempSync(path.join(tmpdir(), 'konform-workers-'));
    const dataDir = path.join(work, 'data');
    const env: Record<string, string> = { KONFORM_WORKERS: '2', KONFORM_ADMIN_EMAIL: ADMIN.email, KONFORM_ADMIN_PASSWORD: ADMIN.password };
    if (TEST_DIALECT === 'postgres') {
      fresh = await createEmptyPostgresDatabase();
      env.DATABASE_URL = fresh.url;
    }
    server = await startServerProcess(dataDir, env);
    const primary = server.child.pid!;
    const workers = await until('two workers', () => {
      const found = childrenOf(primary);
      return found.length === 2 ? found : undefined;
    });
    database = openDatabase({ databaseUrl: fresh?.url, dataDir });
    const unitId = (await database.db.selectFrom('org_unit').select('id').executeTakeFirstOrThrow()).id;

    const session = await signInOverHttp(server.baseUrl, ADMIN);
    const before = workers.map(cpuTicks);
    // Each request on a connection of its own, all at once: the primary hands the connections to the workers in turn.
    const replies = await Promise.all(
      Array.from({ length: WRITES }, async (_, n) => {
        const response = await fetch(`${server!.baseUrl}/api/systems`, {
          method: 'POST',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ name: `Auswertung ${n}`, purpose: 'Zwei Arbeitsprozesse', orgUnitId: unitId, roles: ['deployer'] }),
        });
        return { status: response.status, body: await response.text() };
      }),
    );
    for (const reply of replies) expect(reply.status, reply.body).toBe(201);
    // Both workers did part of the work.
    workers.forEach((pid, i) => expect(cpuTicks(pid), `worker ${pid}`).toBeGreaterThan(before[i]!));
    const stored = await database.db.selectFrom('ai_system').select('name').where('name', 'like', 'Auswertung %').execute();
    expect(stored).toHaveLength(WRITES);
    const chain = await verifyAuditChain(database.db);
    expect(chain.ok, JSON.stringify(chain.firstBroken)).toBe(true);
    const created = await database.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'system.create').execute();
    expect(created).toHaveLength(WRITES);

    // A worker killed outright is started again, and the service goes on.
    process.kill(workers[0]!, 'SIGKILL');
    const replaced = await until('a new worker', () => {
      const found = childrenOf(primary);
      return found.length === 2 && !found.includes(workers[0]!) ? found : undefined;
    });
    expect(replaced).toContain(workers[1]);
    const again = await fetch(`${server.baseUrl}/api/systems?limit=1`, { headers: { cookie: session.cookie, connection: 'close' } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { total: number }).total).toBe(WRITES);

    // SIGTERM to the primary stops the workers and then the primary itself.
    const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the workers to stop', () => (replaced.every((pid) => !readdirSync('/proc').includes(String(pid))) ? true : undefined));
    server = null;
  });
});
