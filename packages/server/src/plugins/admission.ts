import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../http/errors.js';

/**
 * Bounded concurrency for the API: at most `limit` requests of a process are being worked on at once; the others wait
 * at the door in arrival order, and one that waited `maxWaitMs` is answered 503 `server-busy` with `Retry-After`.
 *
 * Why: a request on PostgreSQL is a chain of round trips, each a turn of the event loop. With hundreds of requests in
 * flight every statement queues behind everybody else's (the pool's queue is per statement, not per request), so a
 * request with many statements waits many times over, and more requests alive at once mean more garbage collection.
 * The gate adds no capacity; it bounds the work in progress and serves in arrival order. Measured under overload
 * (docs/performance.md, session 10): at the same throughput, the slowest endpoint's p99 fell from 3.1–4.4 s to
 * 1.6–1.9 s, and every endpoint waits alike.
 *
 * The slot is held from the start of the work to the moment the reply is ready (`onSend`), not while it travels to a
 * slow client. A request with a body enters after its body has been received (`preValidation`), so a slow upload does
 * not hold a slot; multipart uploads, read inside their handlers, are not counted. Health checks pass by, so a busy
 * process does not look dead to its load balancer.
 */
export interface AdmissionOptions {
  /** Requests worked on at once; 0 turns the gate off. */
  limit: number;
  /** Of those, requests that change something (not GET, HEAD, OPTIONS) at once; at most `limit`. */
  writeLimit?: number;
  /** The longest wait at the door before the answer is 503. */
  maxWaitMs: number;
}

export type AdmissionKind = 'read' | 'write';

interface Waiter {
  /** Arrival order across both queues. */
  seq: number;
  admit: () => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

/** A first-in, first-out queue of waiters that skips those that gave up. */
class WaitQueue {
  #items: Waiter[] = [];
  #head = 0;

  push(waiter: Waiter): void {
    this.#items.push(waiter);
  }

  /** The longest-waiting waiter still waiting, or undefined. */
  peek(): Waiter | undefined {
    while (this.#head < this.#items.length && this.#items[this.#head]!.done) this.#drop();
    return this.#items[this.#head];
  }

  take(): Waiter {
    const next = this.peek()!;
    this.#drop();
    return next;
  }

  get length(): number {
    let n = 0;
    for (let i = this.#head; i < this.#items.length; i++) if (!this.#items[i]!.done) n++;
    return n;
  }

  #drop(): void {
    this.#items[this.#head++] = undefined as unknown as Waiter;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }
}

/**
 * A gate with `limit` places, of which requests that write may hold at most `writeLimit`. Each kind waits in arrival
 * order; when a place frees, the longest-waiting request that may take it enters.
 *
 * Why the write share: every write appends to the audit chain, and appends take the chain head one after the other
 * (PostgreSQL: a row lock held to the commit). A write waiting for the head holds its place and a pooled connection
 * while doing nothing. Without a share, a slow commit lets arriving writes fill every place and the reads queue
 * behind them, though nothing stops a read from running.
 */
export class AdmissionGate {
  #active = 0;
  #activeWrites = 0;
  #reads = new WaitQueue();
  #writes = new WaitQueue();
  #seq = 0;
  /** Requests that had to wait, requests turned away after `maxWaitMs`, and the longest queue seen (for measurements). */
  readonly counts = { waited: 0, turnedAway: 0, longestQueue: 0 };
  readonly writeLimit: number;

  constructor(
    readonly limit: number,
    readonly maxWaitMs: number,
    writeLimit = limit,
  ) {
    this.writeLimit = Math.max(1, Math.min(limit, writeLimit));
  }

  get active(): number {
    return this.#active;
  }

  get activeWrites(): number {
    return this.#activeWrites;
  }

  get waiting(): number {
    return this.#reads.length + this.#writes.length;
  }

  /** Takes a place: at once (returns null) or when one is handed over (the promise), or fails after `maxWaitMs`. */
  enter(kind: AdmissionKind = 'read'): Promise<void> | null {
    // A free place is taken at once only when nobody of the same kind waits for it (arrival order within a kind).
    const queue = kind === 'write' ? this.#writes : this.#reads;
    if (this.#active < this.limit && (kind === 'read' || this.#activeWrites < this.writeLimit) && queue.peek() === undefined) {
      this.#take(kind);
      return null;
    }
    this.counts.waited++;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        seq: this.#seq++,
        done: false,
        admit: resolve,
        timer: setTimeout(() => {
          waiter.done = true;
          this.counts.turnedAway++;
          reject(serverBusy(this.maxWaitMs));
        }, this.maxWaitMs),
      };
      queue.push(waiter);
      this.counts.longestQueue = Math.max(this.counts.longestQueue, this.waiting);
    });
  }

  /** Gives a place back and hands the free places to the longest-waiting requests that may take them. */
  leave(kind: AdmissionKind = 'read'): void {
    this.#active--;
    if (kind === 'write') this.#activeWrites--;
    while (this.#active < this.limit) {
      const read = this.#reads.peek();
      const write = this.#activeWrites < this.writeLimit ? this.#writes.peek() : undefined;
      if (!read && !write) return;
      const takeWrite = write !== undefined && (read === undefined || write.seq < read.seq);
      const next = takeWrite ? this.#writes.take() : this.#reads.take();
      next.done = true;
      clearTimeout(next.timer);
      this.#take(takeWrite ? 'write' : 'read');
      next.admit();
    }
  }

  #take(kind: AdmissionKind): void {
    this.#active++;
    if (kind === 'write') this.#activeWrites++;
  }
}

function serverBusy(waitedMs: number): HttpProblem {
  return new HttpProblem(503, 'server-busy', `The server is busy; the request waited ${Math.round(waitedMs / 1000)} s and was not started. Try again shortly.`, undefined, { 'retry-after': '1' });
}

const HOLDS = Symbol('konform.admission.holds');
type GatedRequest = FastifyRequest & { [HOLDS]?: AdmissionKind | null };

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function exempt(request: FastifyRequest): boolean {
  const url = request.url;
  if (!url.startsWith('/api/') || url.startsWith('/api/health')) return true;
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
}

function hasBody(request: FastifyRequest): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

export default fp<AdmissionOptions>(async (app, { limit, writeLimit, maxWaitMs }) => {
  if (limit <= 0) return;
  const gate = new AdmissionGate(limit, maxWaitMs, writeLimit ?? limit);
  app.decorate('admission', gate);

  const admit = async (request: GatedRequest) => {
    const kind: AdmissionKind = READS.has(request.method) ? 'read' : 'write';
    const entered = gate.enter(kind);
    if (entered) await entered;
    request[HOLDS] = kind;
  };
  const release = async (request: GatedRequest) => {
    const kind = request[HOLDS];
    if (!kind) return;
    request[HOLDS] = null;
    gate.leave(kind);
  };

  app.addHook('onRequest', async (request) => {
    if (!exempt(request) && !hasBody(request)) await admit(request);
  });
  app.addHook('preValidation', async (request: GatedRequest) => {
    if (!exempt(request) && hasBody(request) && !request[HOLDS]) await admit(request);
  });
  app.addHook('onSend', async (request) => release(request));
  // Fallbacks: a reply that never reached onSend, a client that went away mid-work.
  app.addHook('onResponse', async (request) => release(request));
  app.addHook('onRequestAbort', async (request) => release(request));
});

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's admission gate (plugins/admission.ts); absent when it is off. */
    admission?: AdmissionGate;
  }
}
