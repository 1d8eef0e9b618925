import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB, JobTable } from '../db/schema.js';
import { redactCredentials } from './mailer.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What a handler learns about the job it runs. */
export interface JobContext {
  job: JobTable;
  scheduler: JobScheduler;
  /** True while this instance still holds the job's lease (check it inside a transaction before a side effect). */
  holdsLease(trx: Transaction<DB> | Kysely<DB>): Promise<boolean>;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export interface SchedulerOptions {
  /** Identifies this instance in leases; random when unset. */
  instanceId?: string;
  /** How often start() looks for due jobs, in milliseconds (default 30 s). */
  pollMs?: number;
  /** How long a claim lasts; a job still running after that may be claimed by another instance (default 5 min). */
  leaseMs?: number;
  /** Jobs claimed at once (default 10). */
  batchSize?: number;
  /** Attempts before a job is marked failed (default 5). */
  maxAttempts?: number;
  /** The clock (tests move it forward to let leases expire). */
  now?: () => Date;
  /** Where errors go; never given credentials. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Called once per start() and after each poll: e.g. to make sure a recurring job is queued. */
  onTick?: (scheduler: JobScheduler) => Promise<void>;
}

/** Inserts a job unless one with the same unique key exists; usable inside another transaction. Returns true if inserted. */
export async function enqueueJob(db: Kysely<DB> | Transaction<DB>, kind: string, runAt: Date, payload: unknown, uniqueKey: string | null = null, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .insertInto('job')
    .values({
      id: randomUUID(),
      kind,
      unique_key: uniqueKey,
      run_at: runAt.toISOString(),
      payload: JSON.stringify(payload ?? null),
      state: 'queued',
      attempts: 0,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Runs background jobs stored in the `job` table. Any number of instances may poll the same database: a claim is one
 * UPDATE of due rows (on PostgreSQL their ids selected `FOR UPDATE SKIP LOCKED`; on SQLite the single writer
 * serialises it) that sets this instance as lease owner until `lease_until`. A job whose lease ran out (its instance
 * died) is claimable again. Finishing a job checks the lease (owner and attempt), so a job taken over by another
 * instance is not finished twice.
 */
export class JobScheduler {
  readonly instanceId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly clock: () => Date;
  private readonly log: NonNullable<SchedulerOptions['log']>;
  private readonly onTick: SchedulerOptions['onTick'];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly database: Database,
    options: SchedulerOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `konform-${randomUUID()}`;
    this.pollMs = options.pollMs ?? 30_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 10;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.clock = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.onTick = options.onTick;
  }

  now(): Date {
    return this.clock();
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  enqueue(kind: string, runAt: Date, payload: unknown, uniqueKey?: string): Promise<boolean> {
    return enqueueJob(this.database.db, kind, runAt, payload, uniqueKey ?? null, this.now());
  }

  /** Claims up to `limit` due jobs (queued and due, or running with an expired lease) for this instance. */
  async claim(limit = this.batchSize): Promise<JobTable[]> {
    const now = this.now();
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const postgres = this.database.dialect === 'postgres';
    // One UPDATE is one transaction on both engines and holds no lock across an await: on SQLite the write lock is taken
    // for this statement only (single writer, busy_timeout queues other processes); on PostgreSQL the rows picked by the
    // sub-select are locked FOR UPDATE and rows another instance is claiming right now are skipped (SKIP LOCKED); a row
    // claimed and committed meanwhile fails the re-checked WHERE clause.
    const rows = await this.database.db
      .updateTable('job')
      .set((eb) => ({ state: 'running', lease_owner: this.instanceId, lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: at }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('job')
          .select('id')
          .where('kind', 'in', kinds)
          .where((w) => w.or([w.and([w('state', '=', 'queued'), w('run_at', '<=', at)]), w.and([w('state', '=', 'running'), w('lease_until', '<', at)])]))
          .orderBy('run_at')
          .limit(limit)
          .$if(postgres, (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.run_at.localeCompare(b.run_at));
  }

  /** Claims one batch and runs it; returns the number of jobs run. */
  async runOnce(limit = this.batchSize): Promise<number> {
    const jobs = await this.claim(limit);
    for (const job of jobs) await this.runJob(job);
    return jobs.length;
  }

  /** Runs batches until nothing is due (tests and the CLI). */
  async runUntilIdle(maxBatches = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.runOnce();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  private async runJob(job: JobTable): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const context: JobContext = { job, scheduler: this, holdsLease: (db) => this.holdsLease(db, job) };
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload) as unknown, context);
      await this.finish(job, { state: 'done', last_error: null });
    } catch (error) {
      const message = redactCredentials(error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const final = job.attempts >= this.maxAttempts;
      this.log(final ? 'error' : 'warn', `Job ${job.kind} ${job.id} failed (attempt ${job.attempts}): ${message}`);
      const retryAt = new Date(this.now().getTime() + Math.min(job.attempts, 10) * 60_000).toISOString();
      await this.finish(job, final ? { state: 'failed', last_error: message } : { state: 'queued', last_error: message, run_at: retryAt });
    }
  }

  private async holdsLease(db: Transaction<DB> | Kysely<DB>, job: JobTable): Promise<boolean> {
    const row = await db.selectFrom('job').select(['lease_owner', 'lease_until', 'attempts', 'state']).where('id', '=', job.id).executeTakeFirst();
    return !!row && row.state === 'running' && row.lease_owner === this.instanceId && Number(row.attempts) === Number(job.attempts) && (row.lease_until ?? '') >= this.now().toISOString();
  }

  private async finish(job: JobTable, values: { state: JobState; last_error: string | null; run_at?: string }): Promise<void> {
    await this.database.db
      .updateTable('job')
      .set({ ...values, lease_owner: null, lease_until: null, updated_at: this.now().toISOString() })
      .where('id', '=', job.id)
      .where('lease_owner', '=', this.instanceId)
      .where('attempts', '=', job.attempts)
      .execute();
  }

  /** Polls every pollMs until stop(); the first poll runs at once. */
  start(): void {
    if (this.timer !== null || this.running !== null) return;
    this.stopping = false;
    const tick = () => {
      this.timer = null;
      this.running = this.poll().finally(() => {
        this.running = null;
        if (!this.stopping) this.timer = setTimeout(tick, this.pollMs);
      });
    };
    tick();
  }

  private async poll(): Promise<void> {
    try {
      if (this.onTick) await this.onTick(this);
      while (!this.stopping) {
        const jobs = await this.claim();
        if (jobs.length === 0) break;
        for (let i = 0; i < jobs.length; i++) {
          if (this.stopping) {
            // Hand back what was claimed but not started, so another instance need not wait for the lease.
            await this.release(jobs.slice(i));
            break;
          }
          await this.runJob(jobs[i]!);
        }
      }
    } catch (error) {
      this.log('error', `Job polling failed: ${redactCredentials(error instanceof Error ? error.message : String(error))}`);
    }
  }

  private async release(jobs: JobTable[]): Promise<void> {
    for (const job of jobs) {
      await this.database.db
        .updateTable('job')
        .set({ state: 'queued', lease_owner: null, lease_until: null, attempts: Math.max(0, Number(job.attempts) - 1), updated_at: this.now().toISOString() })
        .where('id', '=', job.id)
        .where('lease_owner', '=', this.instanceId)
        .where('attempts', '=', job.attempts)
        .execute();
    }
  }

  /** Stops polling and waits for the job that is running. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) await this.running;
  }
}
