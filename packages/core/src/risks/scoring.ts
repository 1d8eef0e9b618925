// Scoring against a risk matrix: the default 5 × 5 matrix and the pure functions that turn a rating
// (likelihood, impact) into a level, a level into its acceptance rule, and many ratings into heat-map counts.
import type { Role } from '../permissions.js';
import type { RiskAcceptanceRule, RiskLevel, RiskMatrixConfig } from './matrix.js';

const FIVE_STEPS = [
  { value: 1, label: { de: 'sehr gering', en: 'very low' } },
  { value: 2, label: { de: 'gering', en: 'low' } },
  { value: 3, label: { de: 'mittel', en: 'medium' } },
  { value: 4, label: { de: 'hoch', en: 'high' } },
  { value: 5, label: { de: 'sehr hoch', en: 'very high' } },
] as const;

/**
 * The default risk matrix (Risikomatrix): 5 steps of likelihood (Eintrittswahrscheinlichkeit) × 5 steps of impact
 * (Auswirkung), four levels.
 *
 * Cell rule: the product likelihood × impact, in bands: 1–4 → `niedrig`, 5–9 → `mittel`, 10–16 → `hoch`,
 * 20–25 → `sehr-hoch` (products 17–19 cannot occur on a 5 × 5 grid). The matrix is therefore symmetric:
 * swapping likelihood and impact never changes the level.
 *
 * ```
 *                  impact →  1 sehr gering  2 gering  3 mittel  4 hoch     5 sehr hoch
 * likelihood 5 sehr hoch     mittel         hoch      hoch      sehr-hoch  sehr-hoch
 * likelihood 4 hoch          niedrig        mittel    hoch      hoch       sehr-hoch
 * likelihood 3 mittel        niedrig        mittel    mittel    hoch       hoch
 * likelihood 2 gering        niedrig        niedrig   mittel    mittel     hoch
 * likelihood 1 sehr gering   niedrig        niedrig   niedrig   niedrig    mittel
 * ```
 *
 * Acceptance (Risikoakzeptanz): `niedrig` by the system owner (1 signature; governance may sign instead),
 * `mittel` by the AI coordination (governance, 1 signature; admin may sign instead), `hoch` by governance with
 * two signatures (four-eyes principle; admin may sign instead), `sehr-hoch` by `admin` as the stand-in for
 * the head of the authority (Behördenleitung), two signatures, no deputies.
 *
 * Colours follow the ColorBrewer "RdYlGn" scheme (green #a6d96a, yellow #fee08b, orange #fc8d59; the red lightened
 * to #e8534a) so that neighbouring levels also differ in lightness, and black text reaches at least 5.7:1 contrast
 * on each of them (WCAG AA). Colour is never the only cue: the UI shows the level label in each cell.
 *
 * Frozen: clone it (`structuredClone`) before editing it into an organisation's own matrix.
 */
export const DEFAULT_RISK_MATRIX: RiskMatrixConfig = deepFreeze<RiskMatrixConfig>({
  likelihood: FIVE_STEPS.map((s) => ({ value: s.value, label: { ...s.label } })),
  impact: FIVE_STEPS.map((s) => ({ value: s.value, label: { ...s.label } })),
  levels: [
    {
      id: 'niedrig',
      label: { de: 'niedrig', en: 'low' },
      color: '#a6d96a',
      rank: 1,
      acceptance: { roles: ['owner'], signatures: 1, deputies: ['governance'] },
    },
    {
      id: 'mittel',
      label: { de: 'mittel', en: 'medium' },
      color: '#fee08b',
      rank: 2,
      acceptance: { roles: ['governance'], signatures: 1, deputies: ['admin'] },
    },
    {
      id: 'hoch',
      label: { de: 'hoch', en: 'high' },
      color: '#fc8d59',
      rank: 3,
      acceptance: { roles: ['governance'], signatures: 2, deputies: ['admin'] },
    },
    {
      id: 'sehr-hoch',
      label: { de: 'sehr hoch', en: 'very high' },
      color: '#e8534a',
      rank: 4,
      acceptance: { roles: ['admin'], signatures: 2, deputies: [] },
    },
  ],
  // cells[likelihood - 1][impact - 1]; row 0 = likelihood 1 (the table above is printed top-down from likelihood 5).
  cells: [1, 2, 3, 4, 5].map((l) => [1, 2, 3, 4, 5].map((i) => levelForProduct(l * i))),
});

/** The product bands of the default matrix (see DEFAULT_RISK_MATRIX). */
function levelForProduct(product: number): string {
  if (product <= 4) return 'niedrig';
  if (product <= 9) return 'mittel';
  if (product <= 16) return 'hoch';
  return 'sehr-hoch';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Whether `value` is a step of a scale with `steps` steps (an integer 1…steps). */
function inScale(value: number | null, steps: number): value is number {
  return value !== null && Number.isInteger(value) && value >= 1 && value <= steps;
}

/**
 * The level of the cell (likelihood, impact); null when either is unrated (null) or outside the matrix's scales,
 * e.g. a rating of 5 after a scale was shortened to 4 steps. The caller treats null for a rated risk as
 * "needs re-rating".
 */
export function levelOf(matrix: RiskMatrixConfig, likelihood: number | null, impact: number | null): RiskLevel | null {
  if (!inScale(likelihood, matrix.likelihood.length) || !inScale(impact, matrix.impact.length)) return null;
  const id = matrix.cells[likelihood - 1]?.[impact - 1];
  return matrix.levels.find((l) => l.id === id) ?? null;
}

/** The acceptance rule of a level; null for an unknown level id (e.g. a level removed from the matrix). */
export function acceptanceRuleFor(matrix: RiskMatrixConfig, levelId: string): RiskAcceptanceRule | null {
  return matrix.levels.find((l) => l.id === levelId)?.acceptance ?? null;
}

/**
 * Whether someone holding `roles` may sign an acceptance under `rule`: they hold one of its primary roles or one of
 * its deputy roles. Counting distinct signatories against `rule.signatures` is the caller's job.
 */
export function canSignAcceptance(rule: RiskAcceptanceRule | null, roles: readonly Role[]): boolean {
  if (!rule) return false;
  return roles.some((r) => rule.roles.includes(r) || rule.deputies.includes(r));
}

/**
 * Heat-map counts: `counts[likelihood - 1][impact - 1]` = how many points lie in that cell, sized to the matrix.
 * Unrated points (either value null) and points outside the scales are ignored.
 */
export function heatMapCounts(matrix: RiskMatrixConfig, points: readonly { likelihood: number | null; impact: number | null }[]): number[][] {
  const counts = matrix.likelihood.map(() => matrix.impact.map(() => 0));
  for (const { likelihood, impact } of points) {
    if (!inScale(likelihood, matrix.likelihood.length) || !inScale(impact, matrix.impact.length)) continue;
    const row = counts[likelihood - 1];
    if (row) row[impact - 1] = (row[impact - 1] ?? 0) + 1;
  }
  return counts;
}
