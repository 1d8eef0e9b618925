import { z } from 'zod';

/**
 * Classification markings: `offen` (unclassified) and `VS-NfD` ("VS – NUR FÜR DEN DIENSTGEBRAUCH", restricted).
 * Evidence and AI system records carry one; the default for new evidence comes from KONFORM_DEFAULT_MARKING.
 * Kept free of other schema imports: users, systems and evidence all use it.
 */
export const MARKINGS = ['offen', 'VS-NfD'] as const;
export const Marking = z.enum(MARKINGS);
export type Marking = z.infer<typeof Marking>;

/**
 * Need-to-know for classified records (VS-NfD, VSA): a record carries a classification level, a user a clearance
 * (set by an administrator). The levels are ordered `offen` < `VS-NfD`; a user reads a record when the clearance
 * reaches the record's level. The server applies this one rule everywhere (lists filter, records refuse with 403).
 */

/** The position of a level in the order; an unknown text counts as the highest level (fail closed). */
export function markingRank(level: string): number {
  const index = (MARKINGS as readonly string[]).indexOf(level);
  return index === -1 ? MARKINGS.length - 1 : index;
}

/** Whether a user with `clearance` may read a record at `level`. */
export function mayRead(clearance: Marking, level: string): boolean {
  return markingRank(clearance) >= markingRank(level);
}

/** The levels a user with `clearance` may read, lowest first (for SQL filters and form choices). */
export function readableLevels(clearance: Marking): Marking[] {
  return MARKINGS.filter((level) => mayRead(clearance, level));
}

/** The highest level among `levels` (missing ones ignored); `offen` for none. */
export function highestMarking(levels: Iterable<string | null | undefined>): Marking {
  let highest: Marking = 'offen';
  for (const level of levels) {
    if (level !== null && level !== undefined && markingRank(level) > markingRank(highest)) highest = MARKINGS[markingRank(level)]!;
  }
  return highest;
}

/** The marking printed at the top and bottom of every page of an export at a level; null for `offen` (no marking). */
export const MARKING_TEXT: Record<Marking, string | null> = {
  offen: null,
  'VS-NfD': 'VS – NUR FÜR DEN DIENSTGEBRAUCH',
};

/**
 * The marking of an export: the text of the highest level it contains, else the installation's default marking
 * (KONFORM_DEFAULT_MARKING, already as text or null). A VS-NfD record in an export marks the whole export.
 */
export function exportMarking(defaultMarking: string | null, contentLevels: Iterable<string | null | undefined>): string | null {
  return MARKING_TEXT[highestMarking(contentLevels)] ?? defaultMarking;
}
