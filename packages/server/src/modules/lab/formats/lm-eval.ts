import type { MetricReport } from '@konform/core';
import { failed, isRecord, parseJsonText, type ImportOutcome, type ImportedRun } from './imported.js';

/** Keys of a task's results that are not metrics. */
const NOT_METRICS = new Set(['alias', 'name', 'sample_len', 'samples']);
const STDERR = '_stderr';

interface Measured {
  task: string;
  metric: string;
  filter: string;
  value: number;
  stdError?: number;
}

/**
 * Reads the results JSON of EleutherAI's lm-evaluation-harness (`--output_path`, 0.4.x): `results.<task>` holds keys
 * `<metric>,<filter>` (older versions: `<metric>`) and `<metric>_stderr,<filter>` beside them.
 *
 * Each metric is named `<task>/<metric>`; the filter is dropped when it is `none` and kept otherwise
 * (`gsm8k/exact_match,strict-match`). It may also be matched by its bare name (`acc`, `exact_match,strict-match`)
 * when no other task reports that name, and by the raw key (`arc_easy/acc,none`). `<metric>_stderr` becomes the
 * standard error of `<metric>` ("N/A" is ignored); the sample size is `n-samples.<task>.effective`. The start is
 * `date` (Unix seconds), the end that plus `total_evaluation_time_seconds`; the seed lists `config.*_seed`.
 */
export function importLmEval(text: string): ImportOutcome {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isRecord(doc) || !isRecord(doc.results)) return failed('results', 'Not an lm-evaluation-harness results file: it has no "results" object');

  const measured: Measured[] = [];
  const stderrs = new Map<string, number>();
  for (const [task, values] of Object.entries(doc.results)) {
    if (!isRecord(values)) return failed(`results.${task}`, 'Expected an object of metrics');
    for (const [key, value] of Object.entries(values)) {
      if (NOT_METRICS.has(key)) continue;
      const comma = key.indexOf(',');
      const metric = comma < 0 ? key : key.slice(0, comma);
      const filter = comma < 0 ? 'none' : key.slice(comma + 1);
      if (metric.endsWith(STDERR)) {
        // The harness writes "N/A" where it could not compute a standard error.
        if (typeof value === 'number' && Number.isFinite(value)) stderrs.set(`${task}\u0000${metric.slice(0, -STDERR.length)}\u0000${filter}`, value);
        continue;
      }
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value)) return failed(`results.${task}.${key}`, 'Not a finite number');
      measured.push({ task, metric, filter, value });
    }
  }
  if (measured.length === 0) return failed('results', 'The file reports no numeric metric');

  const bare = (m: Measured) => (m.filter === 'none' ? m.metric : `${m.metric},${m.filter}`);
  const bareCount = new Map<string, number>();
  for (const m of measured) bareCount.set(bare(m), (bareCount.get(bare(m)) ?? 0) + 1);
  const samples = isRecord(doc['n-samples']) ? doc['n-samples'] : {};

  const metrics: MetricReport[] = measured.map((m) => {
    const name = `${m.task}/${bare(m)}`;
    const aliases = bareCount.get(bare(m)) === 1 ? [bare(m)] : [];
    if (m.filter === 'none') aliases.push(`${m.task}/${m.metric},none`);
    const n = isRecord(samples[m.task]) ? (samples[m.task] as Record<string, unknown>).effective : undefined;
    return {
      name,
      aliases,
      value: m.value,
      stdError: stderrs.get(`${m.task}\u0000${m.metric}\u0000${m.filter}`),
      sampleSize: typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined,
    };
  });

  const started = typeof doc.date === 'number' && Number.isFinite(doc.date) ? doc.date * 1000 : null;
  const duration = Number(doc.total_evaluation_time_seconds);
  const config = isRecord(doc.config) ? doc.config : {};
  const seeds = ['random_seed', 'numpy_seed', 'torch_seed', 'fewshot_seed'].filter((k) => typeof config[k] === 'number').map((k) => `${k}=${String(config[k])}`);
  const model = typeof doc.model_name === 'string' && doc.model_name ? doc.model_name : typeof config.model_args === 'string' ? config.model_args : '';
  const details = [model && `model ${model}`, typeof config.model_sha === 'string' && `revision ${config.model_sha}`, typeof doc.transformers_version === 'string' && `transformers ${doc.transformers_version}`].filter(Boolean).join('; ');
  const run: ImportedRun = {
    metrics,
    startedAt: started === null ? null : new Date(started).toISOString(),
    endedAt: started === null ? null : new Date(started + (Number.isFinite(duration) && duration > 0 ? duration * 1000 : 0)).toISOString(),
    seed: seeds.length > 0 ? seeds.join(', ') : null,
    tool: { name: 'lm-evaluation-harness', version: typeof doc.git_hash === 'string' ? doc.git_hash : null, details },
  };
  return { ok: true, value: run };
}
