import { describe, expect, it } from 'vitest';
import type { Role } from '../permissions.js';
import { RiskMatrixConfig, type RiskMatrixConfigInput } from './matrix.js';
import { acceptanceRuleFor, canSignAcceptance, DEFAULT_RISK_MATRIX, heatMapCounts, levelOf } from './scoring.js';

const N = 'niedrig';
const M = 'mittel';
const H = 'hoch';
const S = 'sehr-hoch';

/** The expected default matrix, row = likelihood 1…5, column = impact 1…5. */
const EXPECTED_DEFAULT = [
  [N, N, N, N, M],
  [N, N, M, M, H],
  [N, M, M, H, H],
  [N, M, H, H, S],
  [M, H, H, S, S],
];

describe('DEFAULT_RISK_MATRIX', () => {
  it('is a valid matrix and parses to itself', () => {
    const result = RiskMatrixConfig.safeParse(DEFAULT_RISK_MATRIX);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(DEFAULT_RISK_MATRIX);
  });

  it('has 5 × 5 steps with parallel German and English labels', () => {
    const labels = ['sehr gering', 'gering', 'mittel', 'hoch', 'sehr hoch'];
    const en = ['very low', 'low', 'medium', 'high', 'very high'];
    for (const axis of [DEFAULT_RISK_MATRIX.likelihood, DEFAULT_RISK_MATRIX.impact]) {
      expect(axis.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
      expect(axis.map((s) => s.label.de)).toEqual(labels);
      expect(axis.map((s) => s.label.en)).toEqual(en);
    }
  });

  it('has four levels ranked 1–4 with distinct colours and the agreed acceptance rules', () => {
    expect(DEFAULT_RISK_MATRIX.levels.map((l) => [l.id, l.rank, l.label.de, l.label.en])).toEqual([
      [N, 1, 'niedrig', 'low'],
      [M, 2, 'mittel', 'medium'],
      [H, 3, 'hoch', 'high'],
      [S, 4, 'sehr hoch', 'very high'],
    ]);
    expect(new Set(DEFAULT_RISK_MATRIX.levels.map((l) => l.color.toLowerCase())).size).toBe(4);
    expect(Object.fromEntries(DEFAULT_RISK_MATRIX.levels.map((l) => [l.id, l.acceptance]))).toEqual({
      [N]: { roles: ['owner'], signatures: 1, deputies: ['governance'] },
      [M]: { roles: ['governance'], signatures: 1, deputies: ['admin'] },
      [H]: { roles: ['governance'], signatures: 2, deputies: ['admin'] },
      [S]: { roles: ['admin'], signatures: 2, deputies: [] },
    });
  });

  it('gives every cell of the 5 × 5 grid the expected level', () => {
    expect(DEFAULT_RISK_MATRIX.cells).toEqual(EXPECTED_DEFAULT);
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        expect(levelOf(DEFAULT_RISK_MATRIX, l, i)?.id, `likelihood ${l}, impact ${i}`).toBe(EXPECTED_DEFAULT[l - 1]![i - 1]);
      }
    }
  });

  it('is symmetric and monotone: a higher rating never lowers the level', () => {
    const rank = (l: number, i: number) => levelOf(DEFAULT_RISK_MATRIX, l, i)!.rank;
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        expect(rank(l, i)).toBe(rank(i, l));
        if (l < 5) expect(rank(l + 1, i)).toBeGreaterThanOrEqual(rank(l, i));
        if (i < 5) expect(rank(l, i + 1)).toBeGreaterThanOrEqual(rank(l, i));
      }
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_RISK_MATRIX)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RISK_MATRIX.cells[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_RISK_MATRIX.levels[0]!.acceptance.roles)).toBe(true);
    const copy = structuredClone(DEFAULT_RISK_MATRIX);
    copy.cells[0]![0] = M;
    expect(levelOf(copy, 1, 1)?.id).toBe(M);
    expect(levelOf(DEFAULT_RISK_MATRIX, 1, 1)?.id).toBe(N);
  });
});

/** A 4 × 4 matrix with its own scales, three levels and an asymmetric grid (a swapped index would show). */
const CUSTOM: RiskMatrixConfigInput = {
  likelihood: [
    { value: 1, label: { de: 'selten', en: 'rare' } },
    { value: 2, label: { de: 'gelegentlich', en: 'occasional' } },
    { value: 3, label: { de: 'wahrscheinlich', en: 'likely' } },
    { value: 4, label: { de: 'häufig', en: 'frequent' } },
  ],
  impact: [
    { value: 1, label: { de: 'unerheblich', en: 'insignificant' } },
    { value: 2, label: { de: 'begrenzt', en: 'limited' } },
    { value: 3, label: { de: 'erheblich', en: 'considerable' } },
    { value: 4, label: { de: 'existenzbedrohend', en: 'critical' } },
  ],
  levels: [
    { id: 'gruen', label: { de: 'tragbar', en: 'tolerable' }, color: '#1b9e77', rank: 1, acceptance: { roles: ['owner'], signatures: 1 } },
    { id: 'gelb', label: { de: 'beobachten', en: 'watch' }, color: '#e6ab02', rank: 2, acceptance: { roles: ['governance'], signatures: 1, deputies: ['admin'] } },
    { id: 'rot', label: { de: 'untragbar', en: 'intolerable' }, color: '#d95f02', rank: 3, acceptance: { roles: ['admin'], signatures: 3 } },
  ],
  cells: [
    ['gruen', 'gruen', 'gruen', 'gelb'],
    ['gruen', 'gruen', 'gelb', 'rot'],
    ['gruen', 'gelb', 'gelb', 'rot'],
    ['gelb', 'gelb', 'rot', 'rot'],
  ],
};

describe('a custom 4 × 4 matrix', () => {
  const matrix = RiskMatrixConfig.parse(CUSTOM);

  it('defaults missing deputies to none', () => {
    expect(acceptanceRuleFor(matrix, 'gruen')).toEqual({ roles: ['owner'], signatures: 1, deputies: [] });
  });

  it('scores every cell from its own grid', () => {
    const expected: Record<string, string> = {
      '1,1': 'gruen', '1,2': 'gruen', '1,3': 'gruen', '1,4': 'gelb',
      '2,1': 'gruen', '2,2': 'gruen', '2,3': 'gelb', '2,4': 'rot',
      '3,1': 'gruen', '3,2': 'gelb', '3,3': 'gelb', '3,4': 'rot',
      '4,1': 'gelb', '4,2': 'gelb', '4,3': 'rot', '4,4': 'rot',
    };
    expect(Object.keys(expected)).toHaveLength(16);
    for (const [key, id] of Object.entries(expected)) {
      const [l, i] = key.split(',').map(Number) as [number, number];
      expect(levelOf(matrix, l, i)?.id, `likelihood ${l}, impact ${i}`).toBe(id);
    }
  });

  it('returns null outside its 4 steps (a rating from the 5-step default needs re-rating)', () => {
    expect(levelOf(matrix, 5, 1)).toBeNull();
    expect(levelOf(matrix, 1, 5)).toBeNull();
    expect(levelOf(DEFAULT_RISK_MATRIX, 5, 5)?.id).toBe(S);
  });

  it('counts a heat map sized to the matrix', () => {
    const counts = heatMapCounts(matrix, [
      { likelihood: 1, impact: 4 },
      { likelihood: 1, impact: 4 },
      { likelihood: 4, impact: 1 },
      { likelihood: 5, impact: 5 },
      { likelihood: null, impact: 2 },
    ]);
    expect(counts).toEqual([
      [0, 0, 0, 2],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
  });
});

describe('levelOf', () => {
  it('returns null when either value is unrated, out of range or not a whole step', () => {
    for (const [l, i] of [
      [null, 3],
      [3, null],
      [null, null],
      [0, 3],
      [3, 0],
      [6, 1],
      [1, 6],
      [-1, 2],
      [2.5, 2],
      [2, Number.NaN],
      [Number.POSITIVE_INFINITY, 1],
    ] as [number | null, number | null][]) {
      expect(levelOf(DEFAULT_RISK_MATRIX, l, i), `${l} × ${i}`).toBeNull();
    }
  });

  it('returns the whole level, with label, colour and rule', () => {
    expect(levelOf(DEFAULT_RISK_MATRIX, 4, 5)).toMatchObject({ id: S, rank: 4, label: { de: 'sehr hoch' }, acceptance: { roles: ['admin'], signatures: 2 } });
  });
});

describe('acceptanceRuleFor', () => {
  it('returns the rule of a level and null for an unknown level', () => {
    expect(acceptanceRuleFor(DEFAULT_RISK_MATRIX, H)).toEqual({ roles: ['governance'], signatures: 2, deputies: ['admin'] });
    expect(acceptanceRuleFor(DEFAULT_RISK_MATRIX, 'kritisch')).toBeNull();
  });
});

describe('canSignAcceptance', () => {
  const rule = (id: string) => acceptanceRuleFor(DEFAULT_RISK_MATRIX, id);
  const can = (id: string, roles: Role[]) => canSignAcceptance(rule(id), roles);

  it('lets primary roles sign', () => {
    expect(can(N, ['owner'])).toBe(true);
    expect(can(M, ['governance'])).toBe(true);
    expect(can(H, ['governance'])).toBe(true);
    expect(can(S, ['admin'])).toBe(true);
  });

  it('lets deputy roles sign in place of the primary roles', () => {
    expect(can(N, ['governance'])).toBe(true);
    expect(can(M, ['admin'])).toBe(true);
    expect(can(H, ['viewer', 'admin'])).toBe(true);
  });

  it('refuses roles that are neither primary nor deputy', () => {
    expect(can(N, ['admin'])).toBe(false);
    expect(can(N, ['lab', 'auditor', 'viewer'])).toBe(false);
    expect(can(M, ['owner'])).toBe(false);
    expect(can(H, ['owner', 'lab'])).toBe(false);
    expect(can(S, ['governance'])).toBe(false);
    expect(can(S, ['owner'])).toBe(false);
    expect(can(S, [])).toBe(false);
  });

  it('refuses when there is no rule', () => {
    expect(canSignAcceptance(null, ['admin'])).toBe(false);
  });
});

describe('heatMapCounts', () => {
  it('counts rated points per cell and ignores unrated and out-of-range ones', () => {
    const counts = heatMapCounts(DEFAULT_RISK_MATRIX, [
      { likelihood: 1, impact: 1 },
      { likelihood: 5, impact: 4 },
      { likelihood: 5, impact: 4 },
      { likelihood: 2, impact: 3 },
      { likelihood: null, impact: 3 },
      { likelihood: 3, impact: null },
      { likelihood: 6, impact: 1 },
      { likelihood: 1, impact: 0 },
    ]);
    expect(counts).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 2, 0],
    ]);
  });

  it('returns a zero grid for no points', () => {
    expect(heatMapCounts(DEFAULT_RISK_MATRIX, [])).toEqual(Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]));
  });
});

describe('RiskMatrixConfig refuses a bad matrix', () => {
  const issues = (input: unknown) => {
    const result = RiskMatrixConfig.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => ({ path: i.path, message: i.message }));
  };
  const clone = (): RiskMatrixConfigInput => structuredClone(CUSTOM);

  it('accepts the custom matrix as written', () => {
    expect(RiskMatrixConfig.safeParse(CUSTOM).error).toBeUndefined();
  });

  it('refuses a missing row of cells', () => {
    const m = clone();
    m.cells.pop();
    expect(issues(m)).toContainEqual({ path: ['cells'], message: 'One row per likelihood step: expected 4' });
  });

  it('refuses a row with the wrong number of cells', () => {
    const m = clone();
    m.cells[2]!.push('rot');
    expect(issues(m)).toEqual([{ path: ['cells', 2], message: 'One cell per impact step: expected 4' }]);
  });

  it('refuses a cell naming an unknown level', () => {
    const m = clone();
    m.cells[1]![3] = 'violett';
    expect(issues(m)).toEqual([{ path: ['cells', 1, 3], message: 'Unknown level violett' }]);
  });

  it('refuses steps that are not numbered 1…n', () => {
    const m = clone();
    m.likelihood[2]!.value = 4;
    m.impact[0]!.value = 0;
    const found = issues(m).map((i) => i.path);
    expect(found).toContainEqual(['impact', 0, 'value']);
    // A value 0 fails the basic range check already, so the refinement runs only once the steps are integers ≥ 1.
    const n = clone();
    n.likelihood[2]!.value = 4;
    expect(issues(n)).toEqual([{ path: ['likelihood', 2, 'value'], message: 'Steps are numbered 1…n in order; expected 3' }]);
  });

  it('refuses a duplicate rank and a duplicate level id', () => {
    const m = clone();
    m.levels[2]!.rank = 2;
    expect(issues(m)).toEqual([{ path: ['levels', 2, 'rank'], message: 'Duplicate rank 2' }]);
    const n = clone();
    n.levels[1]!.id = 'gruen';
    expect(issues(n)).toContainEqual({ path: ['levels', 1, 'id'], message: 'Duplicate level gruen' });
  });

  it('refuses a colour that is not #rrggbb and an unknown role in a rule', () => {
    const m = clone();
    m.levels[0]!.color = 'green';
    (m.levels[1]!.acceptance.roles as string[]) = ['chef'];
    expect(issues(m).map((i) => i.path)).toEqual([
      ['levels', 0, 'color'],
      ['levels', 1, 'acceptance', 'roles', 0],
    ]);
  });
});
