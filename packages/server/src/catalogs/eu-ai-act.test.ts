import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { TIMELINE_GROUPS, Timeline, timelineDate } from '@konform/core';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogDir, clearEuAiActCatalogCache, loadEuAiActCatalogs } from './eu-ai-act.js';

const root = catalogDir(undefined, {});
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const timelineRaw: unknown = parse(readFileSync(path.join(root, 'eu-ai-act/timeline.yaml'), 'utf8'));

describe('EU AI Act timeline catalogue', () => {
  it('validates against its JSON Schema and the zod schema', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(readJson('schemas/timeline.schema.json'));
    expect(validate(timelineRaw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(Timeline.safeParse(timelineRaw).error).toBeUndefined();
  });

  it('defines every obligation group for every act', () => {
    const timeline = Timeline.parse(timelineRaw);
    expect(timeline.defaultAct).toBe('amended-2026');
    for (const act of timeline.acts) {
      for (const group of TIMELINE_GROUPS) expect(timelineDate(timeline, act.id, group), `${group} / ${act.id}`).not.toBeNull();
    }
  });

  it('carries the dates of the reference', () => {
    const timeline = Timeline.parse(timelineRaw);
    const from = (act: string, group: (typeof TIMELINE_GROUPS)[number]) => timelineDate(timeline, act, group)?.from;
    expect(from('published-2024', 'prohibition-ncii')).toBeNull();
    expect(from('amended-2026', 'prohibition-ncii')).toBe('2026-12-02');
    expect([from('published-2024', 'annex-iii-high-risk'), from('amended-2026', 'annex-iii-high-risk')]).toEqual(['2026-08-02', '2027-12-02']);
    expect([from('published-2024', 'annex-i-high-risk'), from('amended-2026', 'annex-i-high-risk')]).toEqual(['2027-08-02', '2028-08-02']);
    expect(timelineDate(timeline, 'published-2024', 'gpai-legacy')).toMatchObject({ from: '2027-08-02', placedBefore: '2025-08-02', certainty: 'V' });
    expect(timelineDate(timeline, 'amended-2026', 'transparency-50-2-legacy')).toMatchObject({ from: '2026-12-02', placedBefore: '2026-08-02', certainty: 'S' });
  });
});

describe('loadEuAiActCatalogs', () => {
  const temp: string[] = [];
  afterEach(() => {
    clearEuAiActCatalogCache();
    for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-catalogs-'));
    temp.push(dir);
    cpSync(root, dir, { recursive: true });
    return dir;
  };

  it('loads and validates both catalogues and caches them', () => {
    const catalogs = loadEuAiActCatalogs();
    expect(catalogs.timeline.acts.map((a) => a.id)).toEqual(['published-2024', 'amended-2026']);
    expect(catalogs.questionnaire.sections.length).toBeGreaterThan(5);
    expect(loadEuAiActCatalogs()).toBe(catalogs);
  });

  it('honours KONFORM_CATALOG_DIR', () => {
    expect(catalogDir(undefined, { KONFORM_CATALOG_DIR: '/srv/catalogs' })).toBe(path.resolve('/srv/catalogs'));
    expect(catalogDir('/explicit', { KONFORM_CATALOG_DIR: '/srv/catalogs' })).toBe(path.resolve('/explicit'));
  });

  it('names the file and the path of an invalid entry', () => {
    const dir = copy();
    const file = path.join(dir, 'eu-ai-act/timeline.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('from: "2025-08-02"', 'from: "2025-08-32"'));
    expect(() => loadEuAiActCatalogs(dir)).toThrow(/timeline\.yaml is invalid:\n {2}at groups\[3\]\.dates\.published-2024\.from: /);
  });

  it('names the file when it is missing or not YAML', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'eu-ai-act/questionnaire.yaml'), 'sections: [unclosed');
    expect(() => loadEuAiActCatalogs(dir)).toThrow(/questionnaire\.yaml is not valid YAML/);
    expect(() => loadEuAiActCatalogs(path.join(dir, 'missing'))).toThrow(/Cannot read catalogue file .*timeline\.yaml/);
  });
});
