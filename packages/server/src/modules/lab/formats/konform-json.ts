import { LabRunCreate, type LabRunCreateValues } from '@konform/core';
import type { z } from 'zod';
import { isRecord, parseJsonText, type ImportOutcome, type ImportProblem, type ImportedRun } from './imported.js';

/** A run in Konform's own format: the frame (plan, method, environment, items, …) and the metrics. */
export interface KonformRun {
  frame: LabRunCreateValues;
  run: ImportedRun;
}

/** Zod issues as problems with dotted paths (`results.2.value`). */
export function zodProblems(issues: readonly z.core.$ZodIssue[]): ImportProblem[] {
  return issues.flatMap((i) => {
    const path = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: path ? `${path}.${k}` : k, message: 'Unknown field' }));
    return [{ path: path || 'body', message: i.message }];
  });
}

/** The metrics of a run in Konform's format, in the normalised shape every importer gives. */
export function konformMetrics(frame: Pick<LabRunCreateValues, 'results' | 'startedAt' | 'endedAt' | 'seed'>): ImportedRun {
  return {
    metrics: frame.results.map((r) => ({ name: r.metric, value: r.value, ciLower: r.ciLower, ciUpper: r.ciUpper, stdError: r.stdError, sampleSize: r.sampleSize, unit: r.unit, note: r.note })),
    startedAt: new Date(frame.startedAt).toISOString(),
    endedAt: new Date(frame.endedAt).toISOString(),
    seed: frame.seed ?? null,
    tool: null,
  };
}

/** Reads Konform's run format (docs/api/lab-run.schema.json) from JSON text (a string) or an already parsed body. */
export function importKonformRun(input: unknown): ImportOutcome<KonformRun> {
  let body = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return parsed;
    body = parsed.value;
  }
  // The commonest slip: an lm-evaluation-harness results file sent without ?format=lm-eval.
  if (isRecord(body) && isRecord(body.results) && ('configs' in body || 'config' in body)) {
    return { ok: false, problems: [{ path: 'results', message: 'This looks like an lm-evaluation-harness results file: send it with ?format=lm-eval and the run named in the query' }] };
  }
  const result = LabRunCreate.safeParse(body);
  if (!result.success) return { ok: false, problems: zodProblems(result.error.issues) };
  return { ok: true, value: { frame: result.data, run: konformMetrics(result.data) } };
}
