import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The user guide is part of the product: every page exists in German and English, is listed in the guide's index
// in both languages, and its relative links lead to files that exist.
const guide = path.resolve(import.meta.dirname, '../../../../docs/guide');
const pages = (lang: string) => readdirSync(path.join(guide, lang)).filter((f) => f.endsWith('.md')).sort();
const index = readFileSync(path.join(guide, 'README.md'), 'utf8');

function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'));
}

describe('user guide', () => {
  it('has every page in German and English', () => {
    expect(pages('de').length).toBeGreaterThan(10);
    expect(pages('en')).toEqual(pages('de'));
  });

  it('lists every page in the index in both languages', () => {
    const missing = ['de', 'en'].flatMap((lang) => pages(lang).map((f) => `${lang}/${f}`)).filter((p) => !index.includes(`](${p})`));
    expect(missing).toEqual([]);
  });

  it('has no broken relative links', () => {
    const broken: string[] = [];
    for (const [file, dir] of [['README.md', guide], ...['de', 'en'].flatMap((lang) => pages(lang).map((f) => [path.join(lang, f), path.join(guide, lang)]))] as [string, string][]) {
      for (const href of relativeLinks(readFileSync(path.join(guide, file), 'utf8'))) {
        const target = path.resolve(dir, href.split('#')[0]!);
        if (!existsSync(target)) broken.push(`${file}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
