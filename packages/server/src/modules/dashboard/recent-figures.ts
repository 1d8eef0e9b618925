/**
 * Computed figures kept in memory for a while, per key, for keys whose figures are worth keeping (`keep`, e.g. large
 * portfolios only).
 *
 * - **One computation per kept key at a time.** Requests for a kept key arriving while it is being computed wait for
 *   that computation instead of starting their own: when the kept figures of a large portfolio expired, every reader
 *   used to recompute them at once, each with the same heavy statements (seen in the load benchmark as 0.5–1 s
 *   stalls, issue #12). Keys never kept are computed afresh for each request, so those readers see their own writes.
 * - **Refreshed before they expire.** Figures older than `refreshAfterMs` are still answered, and one computation in
 *   the background replaces them; so while a portfolio is being looked at, nobody waits for its figures. Nothing older
 *   than `maxAgeMs` is ever answered: then the request waits for fresh figures (shared as above).
 * - **One background refresh at a time**, across keys. Kept figures computed at the same moment (the dashboards of
 *   several leaders opened together) come due together; refreshed together, their heavy statements ran side by side
 *   and took both cores of a small database server for a moment (seen in the load benchmark, issue #12). A refresh
 *   that comes due while another runs waits for it; a request for figures past `maxAgeMs` waits for that queued refresh.
 *
 * The age counts from when the computation started, so the figures are never older than they claim.
 */
export interface RecentFiguresOptions {
  /** Never answered once this old. */
  maxAgeMs: number;
  /** From this age on, an answer starts one background refresh. */
  refreshAfterMs: number;
  /** At most this many keys are kept; the oldest goes first. */
  maxKeys?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface Kept<T> {
  at: number;
  value: T;
}

export class RecentFigures<T> {
  private readonly kept = new Map<string, Kept<T>>();
  private readonly running = new Map<string, Promise<T>>();
  /** The end of the last background refresh queued. */
  private backgroundQueue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RecentFiguresOptions) {
    if (!(options.refreshAfterMs > 0 && options.refreshAfterMs <= options.maxAgeMs)) throw new Error('refreshAfterMs must lie in (0, maxAgeMs]');
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 256;
  }

  /**
   * The figures for `key`: kept ones while young enough; else, for a key kept before, those of the computation under
   * way or a new one; else a computation of this request's own. `keep` decides whether a result is kept. `compute`
   * is told whether it runs in the background (a refresh nobody waits for), so it may go easy on the database.
   */
  async get(key: string, compute: (background: boolean) => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const kept = this.kept.get(key);
    if (!kept) return this.computeAndKeep(key, () => compute(false), keep);
    const age = this.now() - kept.at;
    if (age >= this.options.maxAgeMs) return this.running.get(key) ?? this.start(key, compute, keep);
    if (age >= this.options.refreshAfterMs && !this.running.has(key)) {
      // A failed refresh leaves the kept figures in place until they expire; the next computation reports the error.
      this.start(key, compute, keep, true).catch(() => undefined);
    }
    return kept.value;
  }

  /** A shared computation of a kept key; requests for the key wait for it (except for a `background` refresh). */
  private start(key: string, compute: (background: boolean) => Promise<T>, keep: (value: T) => boolean, background = false): Promise<T> {
    const computation = () => this.computeAndKeep(key, () => compute(background), keep);
    let run: Promise<T>;
    if (background) {
      run = this.backgroundQueue.then(computation, computation);
      this.backgroundQueue = run.catch(() => undefined);
    } else {
      run = computation();
    }
    run = run.finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async computeAndKeep(key: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const startedAt = this.now();
    const value = await compute();
    if (keep(value)) this.remember(key, { at: startedAt, value });
    else this.kept.delete(key);
    return value;
  }

  /**
   * Expired figures stay (never answered) so their key keeps sharing its computations; the number of keys is bounded
   * instead. Map order is insertion order and a key is re-inserted on every computation: the first is the oldest.
   */
  private remember(key: string, entry: Kept<T>): void {
    // Two first computations of a key may overlap; the one that started later holds the newer figures.
    if ((this.kept.get(key)?.at ?? -Infinity) > entry.at) return;
    this.kept.delete(key);
    this.kept.set(key, entry);
    while (this.kept.size > this.maxKeys) this.kept.delete(this.kept.keys().next().value!);
  }
}
