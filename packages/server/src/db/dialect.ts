import { sql, type RawBuilder } from 'kysely';

/** Every difference between the two engines lives here. */
export type DialectName = 'sqlite' | 'postgres';

/** Counts come back as strings from pg (int8) and as numbers from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/**
 * Case-insensitive "contains" that behaves the same on both engines, umlauts included:
 * the column holds lower-cased text (or is lowered here) and wildcards in the term match literally.
 */
export function containsText(columnSql: RawBuilder<unknown>, term: string): RawBuilder<boolean> {
  const pattern = `%${term.toLocaleLowerCase('de').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${columnSql} like ${pattern} escape '\\'`;
}
