import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { JobScheduler } from './jobs/scheduler.js';
import { createMailer } from './jobs/mailer.js';
import { ensureReminderSweep, registerReminderJobs } from './jobs/reminders.js';
import { openObjectStorage } from './storage/open-storage.js';
import { OrganisationKeys } from './signing/organisation-keys.js';
import { ensureCheckpointJob, registerCheckpointJob } from './jobs/audit-checkpoints.js';
import { registerWebhookJobs } from './modules/webhooks/index.js';
import { ensureRetentionJob, registerRetentionJob } from './modules/privacy/index.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  keys: OrganisationKeys;
  /** The background jobs of this instance; null with KONFORM_SCHEDULER=off. */
  scheduler: JobScheduler | null;
  url: string;
  close(): Promise<void>;
}

/** Without KONFORM_PUBLIC_URL, mail links point at the address this instance listens on. */
function listenUrl(config: Config): string {
  return `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
}

/**
 * The one-time start-up work on a database: migrations, the first administrator, the organisation's signing key, and
 * unfinished uploads of an earlier run. A single process does it itself; with several workers the primary does it
 * once before they start (cluster.ts).
 */
async function initialise(database: Database, config: Config, print: (line: string) => void): Promise<void> {
  await migrateToLatest(database);
  const admin = await ensureFirstAdmin(database, config.adminEmail, config.adminPassword);
  // The organisation's signing key is created on first start (checkpoints of the audit chain, released documents).
  await new OrganisationKeys(database, config.keyDir).active();
  const staleUploads = await openObjectStorage(config.dataDir, config.s3).local.sweepStaleUploads();
  if (staleUploads > 0) print(`Removed ${staleUploads} unfinished upload(s) left by an earlier run`);
  if (admin) {
    print(`Created the first administrator: ${admin.email}`);
    if (admin.generatedPassword) {
      print(`One-time password (shown only now, change it after signing in): ${admin.generatedPassword}`);
    }
  }
}

/** The primary's part with several workers: the start-up work on its own connection, closed before the workers start. */
export async function prepareForWorkers(config: Config, print: (line: string) => void = console.log): Promise<void> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  try {
    await initialise(database, config, print);
  } finally {
    await database.close();
  }
}

export interface StartOptions {
  /** Set in a worker process of `konform serve` with KONFORM_WORKERS > 1: the primary did the start-up work. */
  worker?: { index: number; of: number };
}

/** Opens the database, migrates, creates the first administrator if needed, and listens. */
export async function startServer(config: Config, print: (line: string) => void = console.log, options: StartOptions = {}): Promise<RunningServer> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  if (!options.worker) await initialise(database, config, print);
  // SQLite: WAL checkpoints on a thread of their own, not in a request's commit on the event loop.
  await database.checkpointAside();
  const keys = new OrganisationKeys(database, config.keyDir);
  await keys.active();
  // Evidence files: the local folder, or an S3-compatible store shared by several instances (uploads are staged locally).
  const { storage } = openObjectStorage(config.dataDir, config.s3);
  const app = await buildApp({
    database,
    logLevel: config.logLevel,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    sessionHours: config.sessionHours,
    sessionIdleMinutes: config.sessionIdleMinutes,
    aiActTimeline: config.aiActTimeline,
    webDir: config.webDir,
    dataDir: config.dataDir,
    keyDir: config.keyDir,
    uploadLimitMb: config.uploadLimitMb,
    auditPackageLimitMb: config.auditPackageLimitMb,
    catalogImportLimitMb: config.catalogImportLimitMb,
    defaultMarking: config.defaultMarking,
    publicUrl: config.publicUrl ?? listenUrl(config),
    storage,
    maxActiveRequests: config.maxActiveRequests,
    maxActiveWrites: config.maxActiveWrites,
    requestQueueSeconds: config.requestQueueSeconds,
    warmUp: true,
  });
  await app.listen({ port: config.port, host: config.host });
  // Background jobs run here, never in buildApp: tests build many apps. Several instances may share one database.
  // With several workers only the first runs them (more would be safe, but would only poll more).
  const runJobs = config.scheduler && (options.worker?.index ?? 1) === 1;
  let scheduler: JobScheduler | null = null;
  const mailer = runJobs ? createMailer(config.smtpUrl, config.smtpFrom) : null;
  if (runJobs) {
    scheduler = new JobScheduler(database, {
      pollMs: config.jobPollSeconds * 1000,
      log: (level, message) => app.log[level](message),
      onTick: async (s) => {
        await ensureReminderSweep(s);
        await ensureCheckpointJob(s);
        await ensureRetentionJob(s);
      },
    });
    registerReminderJobs(scheduler, database, mailer, config.publicUrl ?? listenUrl(config));
    registerCheckpointJob(scheduler, database, keys);
    registerWebhookJobs(scheduler, database);
    registerRetentionJob(scheduler, database);
    scheduler.start();
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  const workers = options.worker ? ` with ${options.worker.of} worker processes` : '';
  if ((options.worker?.index ?? 1) === 1) print(`Konform is running at ${url}${workers} (database: ${database.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})`);
  return {
    app,
    database,
    keys,
    scheduler,
    url,
    close: async () => {
      await scheduler?.stop();
      mailer?.close();
      await app.close();
      await database.close();
    },
  };
}
