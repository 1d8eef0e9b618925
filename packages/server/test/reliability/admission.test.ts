import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import admission, { AdmissionGate } from '../../src/plugins/admission.js';
import errors from '../../src/plugins/errors.js';

/**
 * The admission gate (plugins/admission.ts) over real HTTP: at most `limit` requests are worked on at once, the
 * others wait in order or are turned away with 503 after the longest wait, and no way out of a request keeps its place.
 */

/** A latch the test opens when it wants a handler to finish. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function start(limit: number, maxWaitMs: number, writeLimit?: number) {
  const server = Fastify({ logger: false });
  await server.register(errors);
  await server.register(admission, { limit, maxWaitMs, ...(writeLimit === undefined ? {} : { writeLimit }) });
  const started: string[] = [];
  let active = 0;
  let mostActive = 0;
  const gates = new Map<string, ReturnType<typeof latch>>();
  const hold = async (name: string) => {
    started.push(name);
    active++;
    mostActive = Math.max(mostActive, active);
    try {
      await gates.get(name)?.opened;
    } finally {
      active--;
    }
  };
  server.get('/api/work/:name', async (request) => {
    await hold((request.params as { name: string }).name);
    return { ok: true };
  });
  server.post('/api/work/:name', async (request) => {
    await hold((request.params as { name: string }).name);
    return { received: (request.body as { text: string }).text.length };
  });
  server.get('/api/fails', async () => {
    throw new Error('boom');
  });
  server.get('/api/health', async () => ({ status: 'ok' }));
  server.get('/outside', async () => ({ ok: true }));
  await server.listen({ host: '127.0.0.1', port: 0 });
  app = server;
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    base,
    started,
    mostActive: () => mostActive,
    gate: server.admission!,
    /** A handler named `name` that runs until the test releases it. */
    blocked(name: string) {
      const l = latch();
      gates.set(name, l);
      return l;
    },
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('admission gate', () => {
  it('works on at most `limit` requests at once and starts the others in arrival order', async () => {
    const s = await start(2, 10_000);
    const latches = ['a', 'b', 'c', 'd', 'e'].map((name) => [name, s.blocked(name)] as const);
    const replies: Promise<Response>[] = [];
    for (const [name] of latches) {
      replies.push(fetch(`${s.base}/api/work/${name}`));
      // Let each request reach the server before the next, so arrival order is the order sent.
      await until(() => s.gate.active + s.gate.waiting === replies.length);
    }
    expect(s.started).toEqual(['a', 'b']);
    expect(s.gate.waiting).toBe(3);
    for (const [, l] of latches) l.open();
    const statuses = await Promise.all(replies.map(async (r) => (await r).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(s.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(s.mostActive()).toBe(2);
    expect(s.gate.active).toBe(0);
  });

  it('lets writes hold only their share of the places: reads pass writes that wait for it, writes keep their order', async () => {
    const s = await start(3, 10_000, 1);
    const post = (name: string) => fetch(`${s.base}/api/work/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: name }) });
    const w1 = s.blocked('w1');
    const w2 = s.blocked('w2');
    const r1 = s.blocked('r1');
    const replies = [post('w1')];
    await until(() => s.gate.active === 1);
    replies.push(post('w2'));
    await until(() => s.gate.waiting === 1);
    // A read arriving after the waiting write starts at once: the write waits for the write share, not for a place.
    replies.push(fetch(`${s.base}/api/work/r1`));
    await until(() => s.started.includes('r1'));
    expect(s.started).toEqual(['w1', 'r1']);
    expect(s.gate.activeWrites).toBe(1);
    w1.open();
    await until(() => s.started.includes('w2'));
    expect(s.gate.activeWrites).toBe(1);
    w2.open();
    r1.open();
    expect(await Promise.all(replies.map(async (r) => (await r).status))).toEqual([200, 200, 200]);
    expect(s.started).toEqual(['w1', 'r1', 'w2']);
    expect(s.gate.active).toBe(0);
    expect(s.gate.activeWrites).toBe(0);
  });

  it('turns a request away with 503 server-busy and Retry-After once it waited too long, and keeps no place for it', async () => {
    const s = await start(1, 150);
    const first = s.blocked('first');
    const held = fetch(`${s.base}/api/work/first`);
    await until(() => s.gate.active === 1);
    const turnedAway = await fetch(`${s.base}/api/work/second`);
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers.get('retry-after')).toBe('1');
    expect(await turnedAway.json()).toMatchObject({ code: 'server-busy', status: 503 });
    expect(s.started).toEqual(['first']);
    first.open();
    expect((await held).status).toBe(200);
    const third = await fetch(`${s.base}/api/work/third`);
    expect(third.status).toBe(200);
    expect(s.gate.active).toBe(0);
    expect(s.gate.counts.turnedAway).toBe(1);
  });

  it('lets health checks and routes outside the API pass while every place is taken', async () => {
    const s = await start(1, 10_000);
    const first = s.blocked('first');
    const held = fetch(`${s.base}/api/work/first`);
    await until(() => s.gate.active === 1);
    expect((await fetch(`${s.base}/api/health`)).status).toBe(200);
    expect((await fetch(`${s.base}/outside`)).status).toBe(200);
    first.open();
    expect((await held).status).toBe(200);
  });

  it('gives the place back after an error reply', async () => {
    const s = await start(1, 500);
    expect((await fetch(`${s.base}/api/fails`)).status).toBe(500);
    expect(s.gate.active).toBe(0);
    expect((await fetch(`${s.base}/api/work/after`)).status).toBe(200);
  });

  it('gives the place back when the client goes away while its request is worked on', async () => {
    const s = await start(1, 2_000);
    const first = s.blocked('first');
    const controller = new AbortController();
    const aborted = fetch(`${s.base}/api/work/first`, { signal: controller.signal }).catch((error: unknown) => error);
    await until(() => s.gate.active === 1);
    controller.abort();
    await aborted;
    await until(() => s.gate.active === 0);
    expect((await fetch(`${s.base}/api/work/next`)).status).toBe(200);
    first.open();
  });

  it('does not hold a place while a request body is still arriving', async () => {
    const s = await start(1, 10_000);
    const body = JSON.stringify({ text: 'x'.repeat(1000) });
    // Send the headers and half the body, then pause: the upload is in progress but not yet work.
    const upload = httpRequest(`${s.base}/api/work/upload`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const uploaded = new Promise<number>((resolve, reject) => {
      upload.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      upload.on('error', reject);
    });
    upload.write(body.slice(0, 500));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.gate.active).toBe(0);
    expect((await fetch(`${s.base}/api/work/meanwhile`)).status).toBe(200);
    upload.end(body.slice(500));
    expect(await uploaded).toBe(200);
    expect(s.started).toEqual(['meanwhile', 'upload']);
    expect(s.gate.active).toBe(0);
  });
});

describe('AdmissionGate', () => {
  it('hands a freed place to the longest-waiting request and skips the ones that gave up', async () => {
    const gate = new AdmissionGate(1, 20);
    expect(gate.enter()).toBeNull();
    const late = gate.enter()!;
    await expect(late).rejects.toMatchObject({ status: 503, code: 'server-busy' });
    const next = gate.enter()!;
    gate.leave();
    await expect(next).resolves.toBeUndefined();
    expect(gate.active).toBe(1);
    gate.leave();
    expect(gate.active).toBe(0);
    // The longest queue counts requests still waiting: the one that gave up had left it.
    expect(gate.counts).toEqual({ waited: 2, turnedAway: 1, longestQueue: 1 });
  });

  it('hands a freed place to whichever waited longest of the reads and the writes that may enter', async () => {
    const gate = new AdmissionGate(2, 10_000, 1);
    const order: string[] = [];
    const track = (name: string, entered: Promise<void> | null) => (entered ?? Promise.resolve()).then(() => order.push(name));
    await track('w1', gate.enter('write'));
    const w2 = track('w2', gate.enter('write'));
    await track('r1', gate.enter('read'));
    // Both places are taken now: a later read and write queue in arrival order after w2.
    const r2 = track('r2', gate.enter('read'));
    const w3 = track('w3', gate.enter('write'));
    expect(gate.waiting).toBe(3);
    gate.leave('read'); // r1: a place frees, but w2 may not take it (w1 holds the write share), so r2 enters
    await r2;
    expect(order).toEqual(['w1', 'r1', 'r2']);
    gate.leave('write'); // w1: w2 waited longest of those who may enter
    await w2;
    gate.leave('read'); // r2: w3 waits for the write share that w2 holds
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['w1', 'r1', 'r2', 'w2']);
    expect(gate.active).toBe(1);
    gate.leave('write'); // w2
    await w3;
    expect(order).toEqual(['w1', 'r1', 'r2', 'w2', 'w3']);
    gate.leave('write');
    expect([gate.active, gate.activeWrites, gate.waiting]).toEqual([0, 0, 0]);
    // With one place: a write that may enter and waited longer goes before a later read.
    const one = new AdmissionGate(1, 10_000, 1);
    const next: string[] = [];
    expect(one.enter('read')).toBeNull();
    const write = one.enter('write')!.then(() => next.push('write'));
    const read = one.enter('read')!.then(() => next.push('read'));
    one.leave('read');
    await write;
    one.leave('write');
    await read;
    expect(next).toEqual(['write', 'read']);
    one.leave('read');
    // A write share larger than the places is capped at the places.
    expect(new AdmissionGate(2, 1, 5).writeLimit).toBe(2);
  });
});
