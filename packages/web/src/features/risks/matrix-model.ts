// Editing a risk matrix in the browser: pure changes on a draft, and the matrix's issues as field paths.
import { RiskMatrixConfig, type RiskLevel } from '@konform/core';

export type Axis = 'likelihood' | 'impact';
export const MIN_STEPS = 2;
export const MAX_STEPS = 10;
export const MAX_LEVELS = 8;
export const MIN_LEVELS = 2;

export interface MatrixIssue {
  /** Dotted path inside the config, e.g. `cells.0.3`, `levels.1.rank`. */
  path: string;
  message: string;
  code?: string;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * Gives an axis `steps` steps (2–10). Existing labels stay; new steps get placeholder labels; the cell grid grows or
 * shrinks with it, a new row or column copying its neighbour so the grid stays monotone.
 */
export function resizeScale(config: RiskMatrixConfig, axis: Axis, steps: number): RiskMatrixConfig {
  const n = clamp(Math.round(steps), MIN_STEPS, MAX_STEPS);
  const scale = Array.from({ length: n }, (_, i) => config[axis][i] ?? { value: i + 1, label: { de: `Stufe ${i + 1}`, en: `Level ${i + 1}` } }).map((s, i) => ({
    value: i + 1,
    label: { ...s.label },
  }));
  const fallback = config.levels[0]?.id ?? '';
  let cells: string[][];
  if (axis === 'likelihood') {
    cells = Array.from({ length: n }, (_, l) => [...(config.cells[l] ?? config.cells[config.cells.length - 1] ?? config.impact.map(() => fallback))]);
  } else {
    cells = config.cells.map((row) => Array.from({ length: n }, (_, i) => row[i] ?? row[row.length - 1] ?? fallback));
  }
  return { ...config, [axis]: scale, cells };
}

/** A new level above the highest rank, with a unique id; at most eight levels. */
export function addLevel(config: RiskMatrixConfig): RiskMatrixConfig {
  if (config.levels.length >= MAX_LEVELS) return config;
  const ids = new Set(config.levels.map((l) => l.id));
  let k = config.levels.length + 1;
  while (ids.has(`niveau-${k}`)) k++;
  const rank = Math.min(10, Math.max(0, ...config.levels.map((l) => l.rank)) + 1);
  const level: RiskLevel = {
    id: `niveau-${k}`,
    label: { de: `Niveau ${k}`, en: `Level ${k}` },
    color: '#d0d7de',
    rank,
    acceptance: { roles: ['admin'], signatures: 1, deputies: [] },
  };
  return { ...config, levels: [...config.levels, level] };
}

/** Removes a level (at least two remain); its cells take the remaining level closest in rank. */
export function removeLevel(config: RiskMatrixConfig, index: number): RiskMatrixConfig {
  const removed = config.levels[index];
  if (removed === undefined || config.levels.length <= MIN_LEVELS) return config;
  const levels = config.levels.filter((_, i) => i !== index);
  const nearest = [...levels].sort((a, b) => Math.abs(a.rank - removed.rank) - Math.abs(b.rank - removed.rank) || a.rank - b.rank)[0]!;
  const cells = config.cells.map((row) => row.map((id) => (id === removed.id ? nearest.id : id)));
  return { ...config, levels, cells };
}

/** Changes one level; renaming a level's id carries its cells along. */
export function updateLevel(config: RiskMatrixConfig, index: number, level: RiskLevel): RiskMatrixConfig {
  const before = config.levels[index];
  if (before === undefined) return config;
  const levels = config.levels.map((l, i) => (i === index ? level : l));
  const cells = before.id === level.id ? config.cells : config.cells.map((row) => row.map((id) => (id === before.id ? level.id : id)));
  return { ...config, levels, cells };
}

export function setCell(config: RiskMatrixConfig, likelihood: number, impact: number, levelId: string): RiskMatrixConfig {
  return { ...config, cells: config.cells.map((row, l) => (l !== likelihood - 1 ? row : row.map((id, i) => (i === impact - 1 ? levelId : id)))) };
}

export function setStepLabel(config: RiskMatrixConfig, axis: Axis, index: number, language: 'de' | 'en', text: string): RiskMatrixConfig {
  return { ...config, [axis]: config[axis].map((s, i) => (i === index ? { ...s, label: { ...s.label, [language]: text } } : s)) };
}

/** The issues the shared schema finds in a draft, as the server would report them (without the `config.` prefix). */
export function matrixIssues(config: RiskMatrixConfig): MatrixIssue[] {
  const result = RiskMatrixConfig.safeParse(config);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}

/** Server field errors (paths like `config.cells.0`) as matrix issues; `reason` and `version` keep their path. */
export function serverIssues(errors: readonly { path: string; message: string }[]): MatrixIssue[] {
  return errors.map((e) => ({ path: e.path.startsWith('config.') ? e.path.slice('config.'.length) : e.path === 'config' ? '' : e.path, message: e.message }));
}

export function sameConfig(a: RiskMatrixConfig, b: RiskMatrixConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
