import { LabRunItemInput, type LabRunFormat, type LabRunImportQuery, type LabRunItemType } from '@konform/core';
import { HttpProblem, invalid } from '../../http/errors.js';
import type { ImportProblem, ImportedRun } from './formats/imported.js';
import { importJunit } from './formats/junit.js';
import { importKonformRun } from './formats/konform-json.js';
import { importLmEval } from './formats/lm-eval.js';
import { importInspect } from './formats/inspect.js';

/** What a run is recorded against, from the body (Konform's format) or the query string (the other formats). */
export interface RunFrame {
  planId: string;
  methodId: string;
  environmentId: string;
  items: { type: LabRunItemType; versionId: string; manifestDigest: string }[];
  seed: string | null;
  startedAt: string;
  endedAt: string;
  deviations: string;
  notes: string;
}

/** A received file: the text as sent and whether it came as XML. */
export interface ReceivedRun {
  text: string;
  xml: boolean;
}

export interface ParsedRun {
  format: LabRunFormat;
  frame: RunFrame;
  imported: ImportedRun;
  /** Where a problem with the n-th reported metric is named: `results.2.metric` or `metric "acc"`. */
  metricPath: (index: number, field: 'metric' | 'unit') => string;
}

const badRequest = (problems: ImportProblem[], detail = 'The run cannot be read') => new HttpProblem(400, 'validation', detail, problems);

/** Reads `item=model:<versionId>:<sha256>` parameters. */
function itemsFrom(value: string | string[] | undefined): RunFrame['items'] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (list.length === 0) throw invalid('item', 'Name the test items: item=model:<versionId>:<manifest sha256> (repeat for each item)');
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const items = list.flatMap((raw, index) => {
    const [type, versionId, manifestDigest, ...rest] = raw.split(':');
    const parsed = LabRunItemInput.safeParse({ type, versionId, manifestDigest });
    if (rest.length > 0 || !parsed.success) {
      problems.push({ path: `item.${index}`, message: `"${raw}" is not <model|dataset>:<versionId>:<manifest sha256>` });
      return [];
    }
    if (seen.has(parsed.data.versionId)) problems.push({ path: `item.${index}`, message: 'Named twice' });
    seen.add(parsed.data.versionId);
    return [parsed.data];
  });
  if (problems.length > 0) throw badRequest(problems, 'The test items are invalid');
  return items;
}

const FRAME_KEYS = ['planId', 'methodId', 'environmentId', 'item', 'seed', 'startedAt', 'endedAt', 'deviations', 'notes'] as const;

/**
 * Turns a POST /api/lab/runs request into the run's frame and its metrics, or throws a 400/415 problem naming the
 * field, the line or the parameter. JSON is Konform's format unless `format=lm-eval` or `format=inspect`; XML is JUnit.
 */
export function parseRunRequest(received: ReceivedRun, query: LabRunImportQuery): ParsedRun {
  const format: LabRunFormat = query.format ?? (received.xml ? 'junit' : 'konform');
  if (received.xml !== (format === 'junit')) {
    throw new HttpProblem(415, 'unsupported-media-type', format === 'junit' ? 'JUnit XML is sent as application/xml or text/xml' : `format=${format} is sent as application/json`, [{ path: 'format', message: 'Does not fit the content type' }]);
  }
  if (format === 'konform' || format === 'manual') {
    const named = FRAME_KEYS.filter((k) => query[k] !== undefined);
    if (named.length > 0) throw badRequest(named.map((k) => ({ path: k, message: "Only for JUnit XML, lm-evaluation-harness results and Inspect logs; Konform's format names it in the body" })), 'The query names the run, but the body does');
    const out = importKonformRun(received.text);
    if (!out.ok) throw badRequest(out.problems);
    const { frame, run } = out.value;
    return {
      format,
      frame: { ...frame, seed: frame.seed ?? null, startedAt: run.startedAt!, endedAt: run.endedAt!, deviations: frame.deviations ?? '', notes: frame.notes ?? '' },
      imported: run,
      metricPath: (index, field) => `results.${index}.${field}`,
    };
  }
  const out = format === 'junit' ? importJunit(received.text) : format === 'inspect' ? importInspect(received.text) : importLmEval(received.text);
  const unreadable = { junit: 'The JUnit XML report cannot be read', inspect: 'The Inspect evaluation log cannot be read', 'lm-eval': 'The lm-evaluation-harness results cannot be read' } as const;
  if (!out.ok) throw badRequest(out.problems, unreadable[format]);
  const run = out.value;
  const missing = (['planId', 'methodId', 'environmentId'] as const).filter((k) => query[k] === undefined);
  if (missing.length > 0) throw badRequest(missing.map((k) => ({ path: k, message: `Name the run's ${k.replace('Id', '')} in the query string` })), 'The query must name plan, method, environment and items');
  const startedAt = query.startedAt ?? run.startedAt;
  const endedAt = query.endedAt ?? run.endedAt;
  if (!startedAt) throw invalid('startedAt', 'The file carries no start time; name it with ?startedAt=');
  if (!endedAt) throw invalid('endedAt', 'The file carries no end time; name it with ?endedAt=');
  const frame: RunFrame = {
    planId: query.planId!, methodId: query.methodId!, environmentId: query.environmentId!, items: itemsFrom(query.item),
    seed: query.seed ?? run.seed, startedAt: new Date(startedAt).toISOString(), endedAt: new Date(endedAt).toISOString(),
    deviations: query.deviations ?? '', notes: query.notes ?? '',
  };
  if (frame.endedAt < frame.startedAt) throw invalid('endedAt', 'The run cannot end before it started');
  return { format, frame, imported: run, metricPath: (index, field) => `metric "${run.metrics[index]?.name ?? index}"${field === 'unit' ? '.unit' : ''}` };
}
