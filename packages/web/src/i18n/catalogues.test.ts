import { describe, expect, it } from 'vitest';
import core from './de.json';
import { de, en } from './messages';

/** [key path, text] for every leaf string of a catalogue. */
function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [[prefix, '']];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix === '' ? key : `${prefix}.${key}`));
}

const german = new Map(leaves(de));
const english = new Map(leaves(en));
const placeholders = (s: string | undefined) => [...(s ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI string catalogues', () => {
  it('have the same keys in German and English', () => {
    expect([...english.keys()].sort()).toEqual([...german.keys()].sort());
  });

  it('have no empty strings and no dots inside keys', () => {
    for (const [key, text] of [...german, ...english]) expect(text.trim(), key).not.toBe('');
    const rawKeys = (value: unknown): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => [k, ...rawKeys(v)]) : [];
    expect(rawKeys(de).filter((k) => k.includes('.'))).toEqual([]);
  });

  it('keep feature parts from replacing a core section', () => {
    const partKeys = Object.keys(de).filter((k) => !(k in core) || (de as Record<string, unknown>)[k] !== (core as Record<string, unknown>)[k]);
    for (const key of partKeys) expect(Object.keys(core), key).not.toContain(key);
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, text] of german) expect(placeholders(english.get(key)), key).toEqual(placeholders(text));
  });
});
