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
  /** The longest wait at the door before the answer is 503. */
  maxWaitMs: number;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

/** A first-in, first-out gate with `limit` places. */
export class AdmissionGate {
  #active = 0;
  #queue: Waiter[] = [];
  #head = 0;
  /** Requests that had to wait, requests turned away after `maxWaitMs`, and the longest queue seen (for measurements). */
  readonly counts = { waited: 0, turnedAway: 0, longestQueue: 0 };

  constructor(
    readonly limit: number,
    readonly maxWaitMs: number,
  ) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    let n = 0;
    for (let i = this.#head; i < this.#queue.length; i++) if (!this.#queue[i]!.done) n++;
    return n;
  }

  /** Takes a place: at once (returns null) or when one is handed over (the promise), or fails after `maxWaitMs`. */
  enter(): Promise<void> | null {
    if (this.#active < this.limit) {
      this.#active++;
      return null;
    }
    this.counts.waited++;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        done: false,
        admit: resolve,
        timer: setTimeout(() => {
          waiter.done = true;
          this.counts.turnedAway++;
          reject(serverBusy(this.maxWaitMs));
        }, this.maxWaitMs),
      };
      this.#queue.push(waiter);
      this.counts.longestQueue = Math.max(this.counts.longestQueue, this.#queue.length - this.#head);
    });
  }

  /** Gives a place back: straight to the longest-waiting request, if any. */
  leave(): void {
    while (this.#head < this.#queue.length) {
      const next = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as unknown as Waiter;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      if (next.done) continue;
      next.done = true;
      clearTimeout(next.timer);
      next.admit();
      return;
    }
    this.#active--;
  }
}

function serverBusy(waitedMs: number): HttpProblem {
  return new HttpProblem(503, 'server-busy', `The server is busy; the request waited ${Math.round(waitedMs / 1000)} s and was not started. Try again shortly.`, undefined, { 'retry-after': '1' });
}

const HOLDS = Symbol('konform.admission.holds');
type GatedRequest = FastifyRequest & { [HOLDS]?: boolean };

function exempt(request: FastifyRequest): boolean {
  const url = request.url;
  if (!url.startsWith('/api/') || url.startsWith('/api/health')) return true;
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
}

function hasBody(request: FastifyRequest): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

export default fp<AdmissionOptions>(async (app, { limit, maxWaitMs }) => {
  if (limit <= 0) return;
  const gate = new AdmissionGate(limit, maxWaitMs);
  app.decorate('admission', gate);

  const admit = async (request: GatedRequest) => {
    const entered = gate.enter();
    if (entered) await entered;
    request[HOLDS] = true;
  };
  const release = async (request: GatedRequest) => {
    if (!request[HOLDS]) return;
    request[HOLDS] = false;
    gate.leave();
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
