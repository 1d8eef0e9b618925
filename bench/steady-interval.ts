// autocannon limits a connection's rate with `setInterval(…, 1000)`: every second the connection may send again. Node
// schedules an interval's next tick from when the previous one ran, not from when it was due. So when the load
// generator's event loop is blocked for a moment (garbage collection, 200 clients' bookkeeping), every connection whose
// tick fell into that moment fires at its end, together, and keeps firing together every second for the rest of the
// run: the evenly spaced load turns into bursts that grow with each stall, and the server is measured against
// bursts that real users, who do not synchronise, would not send.
//
// `installSteadyIntervals` replaces the load generator's global setInterval and clearInterval with a version that keeps
// every tick on its absolute schedule (start + k × interval): a late tick fires once, late, and the next one is on
// time again. Other intervals of the process (autocannon's progress ticks) behave as before, only without the drift.
//
// Keeping each tick on its own schedule is not enough when the schedules themselves start late: the paced run creates
// 200 autocannon instances, one every 5 ms, and creating one blocks the load generator for a moment; a slot whose
// start fell into such a moment starts late, together with its neighbours, and they then tick together every second
// for the whole run (seen as one burst a second at the same place in the second). `pinIntervals` starts the
// intervals created in its body on a schedule given by the caller, the slot's intended start, not when they are
// created.

let pinnedStart: number | undefined;

/** Runs `body` (synchronously) so that the steady intervals it creates tick at `start + k × interval`. */
export function pinIntervals<T>(start: number, body: () => T): T {
  pinnedStart = start;
  try {
    return body();
  } finally {
    pinnedStart = undefined;
  }
}

interface SteadyHandle {
  readonly steady: true;
  stopped: boolean;
  timer: NodeJS.Timeout | undefined;
  refed: boolean;
  ref(): SteadyHandle;
  unref(): SteadyHandle;
  hasRef(): boolean;
}

const isSteady = (value: unknown): value is SteadyHandle => typeof value === 'object' && value !== null && (value as SteadyHandle).steady === true;

/** Replaces the process's setInterval and clearInterval for good (the load generator only). */
export function installSteadyIntervals(): void {
  const originalClearInterval = globalThis.clearInterval;
  const steadySetInterval = (callback: (...args: unknown[]) => void, ms = 1, ...args: unknown[]): SteadyHandle => {
    const period = Math.max(1, ms);
    const start = pinnedStart ?? performance.now();
    let tick = 0;
    const handle: SteadyHandle = {
      steady: true, stopped: false, timer: undefined, refed: true,
      ref() { handle.refed = true; handle.timer?.ref(); return handle; },
      unref() { handle.refed = false; handle.timer?.unref(); return handle; },
      hasRef: () => handle.refed,
    };
    const schedule = () => {
      // The next slot after now: ticks missed during a stall are skipped, not fired back to back.
      tick = Math.max(tick + 1, Math.floor((performance.now() - start) / period) + 1);
      handle.timer = setTimeout(() => {
        if (handle.stopped) return;
        schedule();
        callback(...args);
      }, Math.max(0, start + tick * period - performance.now()));
      if (!handle.refed) handle.timer.unref();
    };
    schedule();
    return handle;
  };
  globalThis.setInterval = steadySetInterval as unknown as typeof setInterval;
  globalThis.clearInterval = ((handle?: unknown) => {
    if (isSteady(handle)) {
      handle.stopped = true;
      if (handle.timer) clearTimeout(handle.timer);
    } else {
      originalClearInterval(handle as NodeJS.Timeout);
    }
  });
}
