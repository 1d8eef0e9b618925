import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database.js';
import { waitFor } from '../support/wait.js';

let t: TestDatabase;
/** A second, separate Database object (own SQLite handle or own PostgreSQL pool) on the same database: a second instance. */
let other: Database;

beforeAll(async () => {
  t = await createTestDatabase();
  other = TEST_DIALECT === 'postgres' ? openDatabase({ databaseUrl: t.url, dataDir: '/nonexistent' }) : openDatabase({ dataDir: t.dataDir! });
});
afterAll(async () => {
  await other.close();
  await t.drop();
});

async function jobStates(kind: string) {
  return t.database.db.selectFrom('job').select(['state', 'attempts', 'last_error', 'lease_owner']).where('kind', '=', kind).execute();
}

describe('job scheduler', () => {
  it('runs each job exactly once when two instances claim from the same database', async () => {
    const runs: { instance: string; n: number }[] = [];
    const handler = (instance: string) => async (payload: unknown) => {
      await new Promise((r) => setImmediate(r));
      runs.push({ instance, n: (payload as { n: number }).n });
    };
    const a = new JobScheduler(t.database, { instanceId: 'a', batchSize: 3 }).register('count', handler('a'));
    const b = new JobScheduler(other, { instanceId: 'b', batchSize: 3 }).register('count', handler('b'));
    const past = new Date(Date.now() - 1000);
    for (let n = 0; n < 60; n++) await (n % 2 ? a : b).enqueue('count', past, { n });
    await Promise.all([a.runUntilIdle(), b.runUntilIdle(), a.runUntilIdle(), b.runUntilIdle()]);
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const states = await jobStates('count');
    expect(states).toHaveLength(60);
    expect(states.every((s) => s.state === 'done' && Number(s.attempts) === 1 && s.lease_owner === null)).toBe(true);
  });

  it('does not run a job before its time, and enqueues a unique key once', async () => {
    const a = new JobScheduler(t.database, { instanceId: 'a' }).register('later', async () => undefined);
    expect(await a.enqueue('later', new Date(Date.now() + 3_600_000), {}, 'later:1')).toBe(true);
    expect(await a.enqueue('later', new Date(), {}, 'later:1')).toBe(false);
    expect(await a.runUntilIdle()).toBe(0);
    expect((await jobStates('later')).map((s) => s.state)).toEqual(['queued']);
  });

  it('lets another instance reclaim a job whose lease ran out, and the first one cannot finish it', async () => {
    const ran: string[] = [];
    const a = new JobScheduler(t.database, { instanceId: 'a', leaseMs: 60_000 }).register('lease', async () => {
      ran.push('a');
    });
    await a.enqueue('lease', new Date(Date.now() - 1000), {});
    const claimed = await a.claim(); // a claims and then dies without running it
    expect(claimed).toHaveLength(1);

    const bNow = new JobScheduler(other, { instanceId: 'b' }).register('lease', async () => {
      ran.push('b');
    });
    expect(await bNow.claim()).toHaveLength(0); // the lease still holds

    const later = new Date(Date.now() + 61_000);
    const bLater = new JobScheduler(other, { instanceId: 'b', now: () => later }).register('lease', async (_payload, context) => {
      expect(await context.holdsLease(other.db)).toBe(true);
      ran.push('b');
    });
    expect(await bLater.runUntilIdle()).toBe(1);
    expect(ran).toEqual(['b']);
    const [state] = await jobStates('lease');
    expect(state).toMatchObject({ state: 'done', lease_owner: null });
    expect(Number(state!.attempts)).toBe(2);
  });

  it('retries a failing job later and marks it failed after the last attempt', async () => {
    let clock = new Date();
    let calls = 0;
    const a = new JobScheduler(t.database, { instanceId: 'a', maxAttempts: 2, now: () => clock }).register('flaky', async () => {
      calls++;
      throw new Error('connection to smtp://user:geheim@mail.example failed');
    });
    await a.enqueue('flaky', clock, {});
    expect(await a.runUntilIdle()).toBe(1);
    let [state] = await jobStates('flaky');
    expect(state).toMatchObject({ state: 'queued' });
    expect(state!.last_error).not.toContain('geheim');
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await a.runUntilIdle()).toBe(1);
    [state] = await jobStates('flaky');
    expect(state).toMatchObject({ state: 'failed' });
    expect(calls).toBe(2);
  });

  it('polls after start() and waits for the running job on stop()', async () => {
    let finished = 0;
    const a = new JobScheduler(t.database, { instanceId: 'a', pollMs: 10, batchSize: 2 }).register('tick', async () => {
      await new Promise((r) => setTimeout(r, 5));
      finished++;
    });
    for (let i = 0; i < 5; i++) await a.enqueue('tick', new Date(Date.now() - 1000), {});
    a.start();
    await waitFor(async () => (await jobStates('tick')).every((s) => s.state === 'done'));
    await a.enqueue('tick', new Date(Date.now() - 1000), {});
    await waitFor(async () => (await jobStates('tick')).some((s) => s.state === 'running') || finished === 6);
    await a.stop();
    // Nothing is left running after stop(): the job that had started was finished.
    expect((await jobStates('tick')).every((s) => s.state === 'done')).toBe(true);
    expect(finished).toBe(6);
  });
});
