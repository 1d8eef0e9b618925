import type { Person } from './person.js';

/**
 * Exact mentions of an erased person in free text and JSON values (DSGVO Art. 17). Only what is unambiguous is
 * found: a label `Name <e-mail>`, the e-mail address (any case) and the full name (two words or more, exact case).
 * A single word of the name, initials or nicknames are never replaced: the guide tells users to check those by hand.
 */
export interface Mentions {
  labels: string[];
  patterns: RegExp[];
  /** Whole values replaced even when they are a single word (a JSON value or a column equal to the name). */
  exact: Set<string>;
  emails: Set<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A name continues with a letter, a digit, an underscore or a hyphen ("Erika Mustermann-Schmidt" is someone else).
const NAME_EDGE = '[\\p{L}\\p{N}_-]';
// An address continues with another local-part character before it, or a further domain label after it.
const MAIL_BEFORE = '[\\p{L}\\p{N}._%+-]';
const MAIL_AFTER = '(?:[\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])';

/** A full name has at least two words; one word alone (a first name, a surname) is never searched for. */
export function fullNames(person: Pick<Person, 'names'>): string[] {
  return person.names.filter((n) => /\S\s+\S/u.test(n.trim())).map((n) => n.trim());
}

export function mentionsOf(person: Pick<Person, 'labels' | 'names' | 'emails'>): Mentions {
  const byLength = (a: string, b: string) => b.length - a.length;
  const emails = [...new Set(person.emails.filter((e) => e.length > 0))].sort(byLength);
  const names = [...new Set(fullNames(person))].sort(byLength);
  return {
    labels: [...new Set(person.labels.filter((l) => l.length > 0))].sort(byLength),
    patterns: [
      ...emails.map((e) => new RegExp(`(?<!${MAIL_BEFORE})${escape(e)}(?!${MAIL_AFTER})`, 'giu')),
      ...names.map((n) => new RegExp(`(?<!${NAME_EDGE})${escape(n)}(?!${NAME_EDGE})`, 'gu')),
    ],
    exact: new Set([...person.labels, ...person.names.filter((n) => n.trim().length > 0)]),
    emails: new Set(emails.map((e) => e.toLowerCase())),
  };
}

/** The strings a database pre-selection looks for (case-insensitively); the exact check is {@link replaceMentions}. */
export function mentionNeedles(person: Pick<Person, 'names' | 'emails'>, withSingleNames: boolean): string[] {
  const names = withSingleNames ? person.names.filter((n) => n.trim().length > 0) : fullNames(person);
  return [...new Set([...person.emails, ...names])].filter((n) => n.length > 0);
}

/** Replaces the mentions in a text; answers the new text and how many mentions it replaced. */
export function replaceMentions(text: string, m: Mentions, replacement: string): { text: string; count: number } {
  let out = text;
  let count = 0;
  for (const label of m.labels) {
    const parts = out.split(label);
    count += parts.length - 1;
    out = parts.join(replacement);
  }
  for (const pattern of m.patterns) {
    out = out.replace(pattern, () => {
      count += 1;
      return replacement;
    });
  }
  return { text: out, count };
}

/** Walks a parsed JSON value: a string equal to a label, name or e-mail address is replaced whole, others by mention. */
export function replaceInJson(value: unknown, m: Mentions, replacement: string): { value: unknown; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (m.exact.has(v) || m.emails.has(v.toLowerCase())) {
        count += 1;
        return replacement;
      }
      const r = replaceMentions(v, m, replacement);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  return { value: out, count };
}
