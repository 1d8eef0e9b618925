import type { LabRunTool, MetricReport } from '@konform/core';

/** What an importer makes of a file: the metrics and what the file says about the run itself. */
export interface ImportedRun {
  metrics: MetricReport[];
  /** ISO timestamps (UTC), when the file carries them. */
  startedAt: string | null;
  endedAt: string | null;
  seed: string | null;
  tool: LabRunTool | null;
}

/** A problem with the file: where (a field path, or `line N` for XML) and what. */
export interface ImportProblem {
  path: string;
  message: string;
}

/** Either the imported run or the problems that keep it from being one. Importers never throw on bad input. */
export type ImportOutcome<T = ImportedRun> = { ok: true; value: T } | { ok: false; problems: ImportProblem[] };

export const failed = (path: string, message: string): { ok: false; problems: ImportProblem[] } => ({ ok: false, problems: [{ path, message }] });

/**
 * Parses JSON text; a syntax error names the line and column. JSON.parse gives the character position for most
 * errors but not for an unexpected token, so that position is found by the shortest prefix that fails other than by
 * ending early (every shorter prefix is the start of valid JSON).
 */
export function parseJsonText(text: string): ImportOutcome<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const at = position === undefined ? firstBadOffset(text) : Number(position);
    const before = text.slice(0, at).split('\n');
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^(Unexpected token '[^']*'), .*$/s, '$1').replace(/\s*\(line \d+ column \d+\)$/, '');
    return failed('body', `Not valid JSON: line ${before.length}, column ${before.at(-1)!.length + 1}: ${reason}`);
  }
}

function failsEarly(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /at position (\d+)/.exec(message)?.[1];
    return !/end of JSON input|Unterminated string/.test(message) && (position === undefined || Number(position) < length);
  }
}

function firstBadOffset(text: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsEarly(text, mid + 1)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A number written as text ("0.93", "-1e-3"), or undefined for anything else ("n/a", "93 %", ""). */
export function numberFrom(text: string): number | undefined {
  const s = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
