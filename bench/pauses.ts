// Where a latency tail comes from: how long the event loop of a process was blocked, and how long garbage collection
// paused it, over a window. Used in the server (load-server.ts) and in the load generator (load.bench.ts) during the
// paced run, so a p99 far above p95 can be put down to the server, the load generator or neither.
import { monitorEventLoopDelay, performance, PerformanceObserver, constants } from 'node:perf_hooks';

export interface PauseReport {
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  gcMajor: number;
  gcTotal: number;
  gcMax: number;
  /** CPU time of the whole process (all threads, user + system) over the window, in % of one core. */
  cpuPercent: number;
}

/** Starts watching; the returned function stops and reports (all times in ms). */
export function watchPauses(): () => PauseReport {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  loop.enable();
  let gcCount = 0;
  let gcMajor = 0;
  let gcTotal = 0;
  let gcMax = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount++;
      gcTotal += entry.duration;
      gcMax = Math.max(gcMax, entry.duration);
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcMajor++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    loop.disable();
    observer.disconnect();
    // The histogram counts the delay beyond the sampling resolution, in nanoseconds.
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - startedAt)) * 100;
    return { loopP50: loop.percentile(50) / 1e6, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, gcCount, gcMajor, gcTotal, gcMax, cpuPercent };
  };
}

export function describePauses(who: string, r: PauseReport): string {
  return `${who}: event loop delay p50 ${r.loopP50.toFixed(1)} ms, p99 ${r.loopP99.toFixed(1)} ms, max ${r.loopMax.toFixed(0)} ms; GC ${r.gcCount} pauses (${r.gcMajor} major), ${r.gcTotal.toFixed(0)} ms in all, longest ${r.gcMax.toFixed(0)} ms; CPU ${r.cpuPercent.toFixed(0)} % of one core`;
}
