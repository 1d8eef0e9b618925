// Pure helpers for showing risks: scale labels, heat-map cell filters and readable text on level colours.

export type HeatMapKind = 'inherent' | 'residual';

export interface HeatMapCell {
  kind: HeatMapKind;
  likelihood: number;
  impact: number;
}

/** The `cell` query parameter of the risk lists: `inherent:4-5` = inherent likelihood 4, impact 5. */
export function cellParam(cell: HeatMapCell): string {
  return `${cell.kind}:${cell.likelihood}-${cell.impact}`;
}

/** Reads a `cell` query parameter; null when it is missing or malformed. */
export function parseCell(value: string | null | undefined): HeatMapCell | null {
  const match = /^(inherent|residual):(\d{1,2})-(\d{1,2})$/.exec(value ?? '');
  if (match === null) return null;
  const likelihood = Number(match[2]);
  const impact = Number(match[3]);
  if (likelihood < 1 || impact < 1) return null;
  return { kind: match[1] as HeatMapKind, likelihood, impact };
}

/** The label of step `value` on a scale in the UI language; the bare number when the scale has no such step. */
export function stepLabel(steps: readonly { value: number; label: { de: string; en: string } }[], value: number | null, language: string): string | null {
  if (value === null) return null;
  const step = steps.find((s) => s.value === value);
  if (step === undefined) return String(value);
  return language === 'en' ? step.label.en : step.label.de;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`; null for anything else. */
export function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) return null;
  const [r, g, b] = [match[1], match[2], match[3]].map((h) => channel(parseInt(h ?? '0', 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a) ?? 1;
  const lb = luminance(b) ?? 1;
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT = '#1a1b1e';
export const LIGHT_TEXT = '#ffffff';

/**
 * Text colour for a level colour: dark text (the default matrix's colours all reach AA with it), light text only
 * where an organisation picked a colour so dark that dark text would fall below 4.5:1.
 */
export function textColorOn(background: string): string {
  if (luminance(background) === null) return DARK_TEXT;
  return contrastRatio(background, DARK_TEXT) >= 4.5 ? DARK_TEXT : LIGHT_TEXT;
}
