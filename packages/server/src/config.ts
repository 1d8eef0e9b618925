import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MARKINGS, type Marking } from '@konform/core';
import type { S3Settings } from './storage/s3-storage.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where the private half of the organisation's signing key lives (KONFORM_KEY_DIR, default <data dir>/keys). */
  keyDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Send cookies with Secure; on by default when behind a proxy that reports HTTPS. */
  secureCookies: boolean | 'auto';
  trustProxy: boolean;
  logLevel: string;
  webDir: string | undefined;
  /** KONFORM_SESSION_HOURS: the absolute session timeout in hours (default 12) until an administrator sets one in the UI. */
  sessionHours: number;
  /** KONFORM_SESSION_IDLE_MINUTES: the idle session timeout in minutes (default 30) until an administrator sets one. */
  sessionIdleMinutes: number;
  /** KONFORM_AI_ACT_TIMELINE: the act of catalogs/eu-ai-act/timeline.yaml whose dates apply; unset = the timeline's default. */
  aiActTimeline: string | undefined;
  /** KONFORM_UPLOAD_LIMIT_MB: the largest evidence file accepted, in MiB (default 50). */
  uploadLimitMb: number;
  /** KONFORM_CATALOG_IMPORT_LIMIT_MB: the largest catalogue file accepted for import, in MiB (default 20). */
  catalogImportLimitMb: number;
  /** KONFORM_AUDIT_PACKAGE_LIMIT_MB: the largest audit package built, in MiB (default 500); larger ones are refused with 413. */
  auditPackageLimitMb: number;
  /** KONFORM_DEFAULT_MARKING: the marking of evidence uploaded without one, offen (default) or VS-NfD. */
  defaultMarking: Marking;
  /** KONFORM_SMTP_URL: the SMTP server for reminder mails (smtp://host:25, smtps://user:password@host:465); unset = no mail. */
  smtpUrl: string | undefined;
  /** KONFORM_SMTP_FROM: the sender of reminder mails (default konform@localhost). */
  smtpFrom: string;
  /** KONFORM_PUBLIC_URL: the address users reach Konform at (https://konform.example.org); links in mails start with it. */
  publicUrl: string | undefined;
  /** KONFORM_SCHEDULER: run the background jobs (reminders, mail) in this process; on unless set to a false value. */
  scheduler: boolean;
  /** KONFORM_JOB_POLL_SECONDS: how often the scheduler looks for due jobs (default 30). */
  jobPollSeconds: number;
  /** KONFORM_WORKERS: server processes sharing the port (`auto`: one per core; default 1, see cluster.ts). */
  workers: number;
  /** KONFORM_DATABASE_POOL_SIZE: PostgreSQL connections per server process (default 10). */
  databasePoolSize: number;
  /** KONFORM_MAX_ACTIVE_REQUESTS: API requests a process works on at once; the others wait in order (default 16, plugins/admission.ts). */
  maxActiveRequests: number;
  /** KONFORM_MAX_ACTIVE_WRITES: of those, requests that change something at once (default: all of them, no share). */
  maxActiveWrites: number;
  /** KONFORM_REQUEST_QUEUE_SECONDS: the longest wait for a place before the answer is 503 `server-busy` (default 15). */
  requestQueueSeconds: number;
  /** KONFORM_S3_*: evidence files in an S3-compatible object store shared by several instances; unset = local folder. */
  s3: S3Settings | undefined;
}

export interface ConfigOverrides {
  port?: number | string | undefined;
  host?: string | undefined;
  data?: string | undefined;
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function positiveNumber(name: string, value: string | number | undefined, fallback: number, integer = false): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  return n;
}

/** The session timeouts' bounds are those of the settings page (SessionPolicy in core). */
function inRange(n: number, name: string, min: number, max: number): number {
  if (n < min || n > max) throw new Error(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function marking(value: string | undefined): Marking {
  const v = value?.trim();
  if (!v) return 'offen';
  const found = MARKINGS.find((m) => m.toLowerCase() === v.toLowerCase());
  if (!found) throw new Error(`KONFORM_DEFAULT_MARKING must be one of ${MARKINGS.join(', ')}, got "${value}"`);
  return found;
}

function smtpUrl(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  // The message names the setting, never the value: it may carry a password.
  if (!/^smtps?:\/\/[^/]/.test(v)) throw new Error('KONFORM_SMTP_URL must start with smtp:// or smtps://');
  return v;
}

function publicUrl(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error(`KONFORM_PUBLIC_URL must be an absolute http(s) address, got "${v}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`KONFORM_PUBLIC_URL must be an absolute http(s) address, got "${v}"`);
  if (url.username || url.password || url.search || url.hash) throw new Error('KONFORM_PUBLIC_URL must not carry credentials, a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

function s3Settings(env: NodeJS.ProcessEnv): S3Settings | undefined {
  const endpoint = env.KONFORM_S3_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  if (!/^https?:\/\/[^/]/.test(endpoint)) throw new Error('KONFORM_S3_ENDPOINT must be an http(s) address');
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`${name} must be set when KONFORM_S3_ENDPOINT is set`);
    return value;
  };
  return {
    endpoint,
    bucket: required('KONFORM_S3_BUCKET'),
    region: env.KONFORM_S3_REGION?.trim() || 'us-east-1',
    accessKeyId: required('KONFORM_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('KONFORM_S3_SECRET_ACCESS_KEY'),
    prefix: env.KONFORM_S3_PREFIX?.trim() || '',
  };
}

/** Command-line flags win over environment variables, which win over defaults. Bad values stop the start with a clear message. */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = positiveNumber('Port (--port / PORT)', overrides.port ?? env.PORT, 8080, true);
  if (port > 65535) throw new Error(`Port (--port / PORT) must be at most 65535, got ${port}`);
  const secureSetting = env.KONFORM_SECURE_COOKIES?.toLowerCase();
  const secure = secureSetting === 'auto' ? undefined : bool(secureSetting);
  return {
    port,
    host: overrides.host ?? env.HOST ?? 'localhost',
    dataDir: path.resolve(overrides.data ?? env.KONFORM_DATA_DIR ?? 'konform-data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.KONFORM_ADMIN_EMAIL || undefined,
    adminPassword: env.KONFORM_ADMIN_PASSWORD || undefined,
    secureCookies: secure ?? 'auto',
    trustProxy: bool(env.KONFORM_TRUST_PROXY) ?? false,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: env.KONFORM_WEB_DIR || undefined,
    sessionHours: inRange(positiveNumber('KONFORM_SESSION_HOURS', env.KONFORM_SESSION_HOURS, 12, true), 'KONFORM_SESSION_HOURS', 1, 720),
    sessionIdleMinutes: inRange(positiveNumber('KONFORM_SESSION_IDLE_MINUTES', env.KONFORM_SESSION_IDLE_MINUTES, 30, true), 'KONFORM_SESSION_IDLE_MINUTES', 5, 1440),
    aiActTimeline: env.KONFORM_AI_ACT_TIMELINE?.trim() || undefined,
    uploadLimitMb: positiveNumber('KONFORM_UPLOAD_LIMIT_MB', env.KONFORM_UPLOAD_LIMIT_MB, 50),
    catalogImportLimitMb: positiveNumber('KONFORM_CATALOG_IMPORT_LIMIT_MB', env.KONFORM_CATALOG_IMPORT_LIMIT_MB, 20),
    auditPackageLimitMb: positiveNumber('KONFORM_AUDIT_PACKAGE_LIMIT_MB', env.KONFORM_AUDIT_PACKAGE_LIMIT_MB, 500),
    defaultMarking: marking(env.KONFORM_DEFAULT_MARKING),
    smtpUrl: smtpUrl(env.KONFORM_SMTP_URL),
    smtpFrom: env.KONFORM_SMTP_FROM?.trim() || 'konform@localhost',
    scheduler: bool(env.KONFORM_SCHEDULER) ?? true,
    jobPollSeconds: inRange(positiveNumber('KONFORM_JOB_POLL_SECONDS', env.KONFORM_JOB_POLL_SECONDS, 30, true), 'KONFORM_JOB_POLL_SECONDS', 1, 3600),
    databasePoolSize: inRange(positiveNumber('KONFORM_DATABASE_POOL_SIZE', env.KONFORM_DATABASE_POOL_SIZE?.trim(), 10, true), 'KONFORM_DATABASE_POOL_SIZE', 1, 200),
    maxActiveRequests: inRange(positiveNumber('KONFORM_MAX_ACTIVE_REQUESTS', env.KONFORM_MAX_ACTIVE_REQUESTS?.trim(), 16, true), 'KONFORM_MAX_ACTIVE_REQUESTS', 1, 10000),
    maxActiveWrites: inRange(positiveNumber('KONFORM_MAX_ACTIVE_WRITES', env.KONFORM_MAX_ACTIVE_WRITES?.trim(), 10000, true), 'KONFORM_MAX_ACTIVE_WRITES', 1, 10000),
    requestQueueSeconds: inRange(positiveNumber('KONFORM_REQUEST_QUEUE_SECONDS', env.KONFORM_REQUEST_QUEUE_SECONDS?.trim(), 15), 'KONFORM_REQUEST_QUEUE_SECONDS', 1, 600),
    workers: env.KONFORM_WORKERS?.trim().toLowerCase() === 'auto' ? availableParallelism() : inRange(positiveNumber('KONFORM_WORKERS', env.KONFORM_WORKERS?.trim(), 1, true), 'KONFORM_WORKERS', 1, 64),
    publicUrl: publicUrl(env.KONFORM_PUBLIC_URL),
    s3: s3Settings(env),
    keyDir: path.resolve(env.KONFORM_KEY_DIR?.trim() || path.join(overrides.data ?? env.KONFORM_DATA_DIR ?? 'konform-data', 'keys')),
  };
}
