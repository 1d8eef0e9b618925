import type { MetricReport } from '@konform/core';
import { failed, isRecord, parseJsonText, type ImportOutcome, type ImportedRun } from './imported.js';

/** Inspect reports the standard error as a metric of its own beside the one it belongs to. */
const STDERR = 'stderr';

interface Measured {
  scorer: string;
  metric: string;
  value: number;
  stdError?: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Reads the JSON evaluation log of UK AISI's Inspect (`inspect eval … --log-format json`, log version 2): each
 * `results.scores[i]` is a scorer whose `metrics.<name>.value` are the measured values.
 *
 * Named as lm-evaluation-harness metrics are: `<scorer>/<metric>` (`match/accuracy`), also matched by the bare metric
 * name (`accuracy`) when only one scorer reports it. A scorer's `stderr` metric becomes the standard error of the
 * scorer's other metrics instead of a metric of its own; the sample size is `results.completed_samples`. Start and end
 * are `stats.started_at` / `stats.completed_at`, the seed `eval.config.seed` or `eval.model_generate_config.seed`.
 * A log whose `status` is not `success` (error, cancelled, started) is refused: its scores are incomplete.
 */
export function importInspect(source: string): ImportOutcome {
  const parsed = parseJsonText(source);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isRecord(doc) || !isRecord(doc.eval)) return failed('eval', 'Not an Inspect evaluation log: it has no "eval" object');
  if (doc.status !== 'success') return failed('status', `The evaluation did not finish successfully (status "${text(doc.status) || String(doc.status)}")`);
  if (!isRecord(doc.results)) return failed('results', 'The log has no "results" object');
  const scores = doc.results.scores;
  if (!Array.isArray(scores)) return failed('results.scores', 'Expected a list of scores');

  const measured: Measured[] = [];
  for (const [i, score] of scores.entries()) {
    if (!isRecord(score) || !isRecord(score.metrics)) return failed(`results.scores.${i}.metrics`, 'Expected an object of metrics');
    const scorer = text(score.name) || text(score.scorer);
    if (!scorer) return failed(`results.scores.${i}.name`, 'The scorer has no name');
    let stdError: number | undefined;
    const mine: Measured[] = [];
    for (const [key, metric] of Object.entries(score.metrics)) {
      const path = `results.scores.${i}.metrics.${key}`;
      if (!isRecord(metric)) return failed(path, 'Expected an object with name and value');
      if (typeof metric.value !== 'number' || !Number.isFinite(metric.value)) return failed(`${path}.value`, 'Not a finite number');
      const name = text(metric.name) || key;
      if (name === STDERR) stdError = metric.value;
      else mine.push({ scorer, metric: name, value: metric.value });
    }
    measured.push(...mine.map((m) => ({ ...m, stdError })));
  }
  if (measured.length === 0) return failed('results.scores', 'The log reports no metric');

  const bareCount = new Map<string, number>();
  for (const m of measured) bareCount.set(m.metric, (bareCount.get(m.metric) ?? 0) + 1);
  const completed = doc.results.completed_samples;
  const sampleSize = typeof completed === 'number' && Number.isInteger(completed) && completed > 0 ? completed : undefined;
  const metrics: MetricReport[] = measured.map((m) => ({
    name: `${m.scorer}/${m.metric}`,
    aliases: bareCount.get(m.metric) === 1 ? [m.metric] : [],
    value: m.value,
    stdError: m.stdError,
    sampleSize,
  }));

  const evalPart = doc.eval;
  const stats = isRecord(doc.stats) ? doc.stats : {};
  const config = isRecord(evalPart.config) ? evalPart.config : {};
  const generate = isRecord(evalPart.model_generate_config) ? evalPart.model_generate_config : {};
  const seed = typeof config.seed === 'number' ? config.seed : typeof generate.seed === 'number' ? generate.seed : null;
  const packages = isRecord(evalPart.packages) ? evalPart.packages : {};
  const revision = isRecord(evalPart.revision) ? evalPart.revision : {};
  const details = [
    text(evalPart.model) && `model ${text(evalPart.model)}`,
    text(evalPart.task) && `task ${text(evalPart.task)}`,
    text(revision.commit) && `revision ${text(revision.commit)}`,
    text(evalPart.eval_id) && `eval ${text(evalPart.eval_id)}`,
  ].filter(Boolean).join('; ');
  const run: ImportedRun = {
    metrics,
    startedAt: isoOrNull(stats.started_at),
    endedAt: isoOrNull(stats.completed_at),
    seed: seed === null ? null : `seed=${seed}`,
    tool: { name: 'inspect', version: text(packages.inspect_ai) || null, details },
  };
  return { ok: true, value: run };
}
