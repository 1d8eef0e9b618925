import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { buildApp, type Database } from '@konform/server';

/** Helpers every benchmark shares: percentiles, signing in over HTTP, timed requests, the app on a loopback port. */

/** The password of every user a benchmark creates. */
export const PASSWORD = 'Benchmark-Passwort-2026!';

/** The p-th percentile (nearest rank) of ascending samples; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of samples in any order. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Milliseconds right-aligned in a column of 7 (tables of figures). */
export const ms = (v: number) => v.toFixed(1).padStart(7);

/** Signs a user in over HTTP; answers the session cookie (`konform_session=…`) and the CSRF token writes must send. */
export async function signInSession(baseUrl: string, email: string, password = PASSWORD): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`Sign-in of ${email} failed: ${res.status} ${text}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('konform_session='));
  if (!cookie) throw new Error('No session cookie in the sign-in answer');
  const csrfToken = (JSON.parse(text) as { csrfToken?: unknown }).csrfToken;
  return { cookie: cookie.split(';')[0]!, csrfToken: typeof csrfToken === 'string' ? csrfToken : '' };
}

/** Signs a user in over HTTP; answers the session cookie to send along with reads. */
export async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  return (await signInSession(baseUrl, email, password)).cookie;
}

/** A POST of JSON in a session; answers the parsed body, throws unless the status is `expected`. */
export async function postJson<T>(baseUrl: string, path: string, session: { cookie: string; csrfToken: string }, body: unknown, expected = 201): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A GET with the session cookie, timed over the whole round trip including reading the body; throws unless 200. */
export async function timedGet<T = unknown>(url: string, cookie: string, accept = 'application/json'): Promise<{ ms: number; body: T; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, accept } });
  const raw = Buffer.from(await res.arrayBuffer());
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${raw.toString('utf8').slice(0, 300)}`);
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return { ms: elapsed, body: (json ? JSON.parse(raw.toString('utf8')) : raw) as T, bytes: raw.length };
}

/** Runs `run` once and answers how long it took. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** The real app on 127.0.0.1 with an ephemeral port (log level `warn`); `close` stops it. */
export async function startApp(database: Database): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const app = await buildApp({ database, logLevel: 'warn' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}
