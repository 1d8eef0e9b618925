import { describe, expect, it } from 'vitest';
import { RecentFigures } from './recent-figures.js';

/** A computation the test finishes by hand, counting how often it was started. */
function controlled() {
  const pending: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  let started = 0;
  const background: boolean[] = [];
  const compute = (inBackground: boolean) => {
    started++;
    background.push(inBackground);
    return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { compute, started: () => started, background, finish: (value: string) => pending.shift()!.resolve(value), fail: (message: string) => pending.shift()!.reject(new Error(message)) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** An empty cache on a hand-driven clock; `get` asks for the kept key `k`. */
function setUp(maxKeys?: number) {
  const clock = { t: 0 };
  const cache = new RecentFigures<string>({ maxAgeMs: 60_000, refreshAfterMs: 30_000, now: () => clock.t, ...(maxKeys ? { maxKeys } : {}) });
  const c = controlled();
  return { clock, cache, c, get: () => cache.get('k', c.compute, () => true) };
}

/** The same, with `k` holding figures `v1` computed at t = 0. */
async function primed() {
  const set = setUp();
  const first = set.get();
  set.c.finish('v1');
  expect(await first).toBe('v1');
  return set;
}

describe('RecentFigures (kept dashboard figures)', () => {
  it('answers kept figures without computing while they are young', async () => {
    const { clock, c, get } = await primed();
    clock.t = 29_999;
    expect(await get()).toBe('v1');
    expect(c.started()).toBe(1);
  });

  it('refreshes once in the background after refreshAfterMs and answers the kept figures meanwhile', async () => {
    const { clock, c, get } = await primed();
    clock.t = 30_000;
    expect(await get()).toBe('v1');
    expect(await get()).toBe('v1');
    expect(c.started()).toBe(2);
    expect(c.background).toEqual([false, true]);
    c.finish('v2');
    await tick();
    expect(await get()).toBe('v2');
    expect(c.started()).toBe(2);
  });

  it('refreshes different keys in the background one after the other', async () => {
    const { clock, cache, c } = setUp();
    const get = (key: string) => cache.get(key, c.compute, () => true);
    const firsts = [get('a'), get('b')];
    c.finish('a1');
    c.finish('b1');
    expect(await Promise.all(firsts)).toEqual(['a1', 'b1']);
    clock.t = 30_000;
    expect(await get('a')).toBe('a1');
    expect(await get('b')).toBe('b1');
    await tick();
    // b's refresh waits for a's.
    expect(c.started()).toBe(3);
    c.fail('database gone');
    await tick();
    expect(c.started()).toBe(4);
    expect(c.background).toEqual([false, false, true, true]);
    c.finish('b2');
    await tick();
    expect(await get('b')).toBe('b2');
    // a keeps its figures after the failed refresh, and a request past maxAgeMs waits for a fresh computation.
    expect(await get('a')).toBe('a1');
    clock.t = 60_000;
    const late = get('a');
    await tick();
    c.finish('a3');
    expect(await late).toBe('a3');
  });

  it('never answers figures older than maxAgeMs: the requests share one new computation', async () => {
    const { clock, c, get } = await primed();
    clock.t = 60_000;
    const waiting = [get(), get(), get()];
    expect(c.started()).toBe(2);
    expect(c.background).toEqual([false, false]);
    c.finish('v2');
    expect(await Promise.all(waiting)).toEqual(['v2', 'v2', 'v2']);
  });

  it('counts the age from the start of the computation', async () => {
    const { clock, c, get } = setUp();
    const first = get();
    clock.t = 20_000; // the computation took 20 s
    c.finish('v1');
    await first;
    clock.t = 60_000;
    const again = get();
    expect(c.started()).toBe(2);
    c.finish('v2');
    expect(await again).toBe('v2');
  });

  it('keeps the figures when a background refresh fails, and reports a failed shared computation to all who waited', async () => {
    const { clock, c, get } = await primed();
    clock.t = 45_000;
    expect(await get()).toBe('v1');
    c.fail('database gone');
    await tick();
    expect(await get()).toBe('v1');
    expect(c.started()).toBe(3); // the failed refresh is retried by the next answer
    c.fail('still gone');
    await tick();
    clock.t = 60_000;
    const waiting = [get(), get()];
    c.fail('down');
    for (const w of waiting) await expect(w).rejects.toThrow('down');
    expect(c.started()).toBe(4);
  });

  it('computes afresh for every request of a key whose figures are not kept', async () => {
    const { cache, c } = setUp();
    const a = cache.get('small', c.compute, () => false);
    const b = cache.get('small', c.compute, () => false);
    expect(c.started()).toBe(2);
    c.finish('a');
    c.finish('b');
    expect([await a, await b]).toEqual(['a', 'b']);
    const again = cache.get('small', c.compute, () => false);
    expect(c.started()).toBe(3);
    c.finish('c');
    expect(await again).toBe('c');
  });

  it('keeps the newer of two overlapping first computations, and at most maxKeys keys', async () => {
    const { clock, cache, c, get } = setUp(2);
    const older = get();
    clock.t = 1_000;
    const newer = get();
    c.finish('old');
    c.finish('new');
    await Promise.all([older, newer]);
    expect(await get()).toBe('new');
    expect(c.started()).toBe(2);
    for (const key of ['x', 'y']) {
      const p = cache.get(key, c.compute, () => true);
      c.finish(key);
      await p;
    }
    const evicted = get();
    expect(c.started()).toBe(5);
    c.finish('recomputed');
    expect(await evicted).toBe('recomputed');
  });
});
