import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { RISK_SOURCE_FRAMEWORKS, RiskSourceCatalog } from '@konform/core';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogDir } from './eu-ai-act.js';
import { clearRiskSourcesCache, loadRiskSources, RISK_SOURCES_FILE } from './risk-sources.js';

const root = catalogDir(undefined, {});
/** The catalogue root of the API tests (FIXTURE_CATALOGS in test/support/test-app.ts). */
const FIXTURE_CATALOGS = fileURLToPath(new URL('../../test/fixtures/catalogs/', import.meta.url));
const raw: unknown = parse(readFileSync(path.join(root, RISK_SOURCES_FILE), 'utf8'));

/** MITRE ATLAS v2026.07 tactics in matrix order (reference E.5). */
const ATLAS_ORDER = [
  'AML.TA0002', 'AML.TA0003', 'AML.TA0004', 'AML.TA0000', 'AML.TA0005', 'AML.TA0006', 'AML.TA0012', 'AML.TA0007',
  'AML.TA0013', 'AML.TA0008', 'AML.TA0015', 'AML.TA0009', 'AML.TA0001', 'AML.TA0014', 'AML.TA0010', 'AML.TA0011',
];

afterEach(() => clearRiskSourcesCache());

describe('the risk-source catalogue (catalogs/risk-sources/risk-sources.yaml)', () => {
  const catalog = loadRiskSources();
  const of = (framework: string) => catalog.sources.filter((s) => s.framework === framework);

  it('validates against its JSON Schema and the zod schema', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(root, 'schemas/risk-sources.schema.json'), 'utf8')));
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(RiskSourceCatalog.safeParse(raw).error).toBeUndefined();
  });

  it('describes every framework once and uses only described frameworks', () => {
    expect(catalog.frameworks.map((f) => f.id)).toEqual([...RISK_SOURCE_FRAMEWORKS]);
    expect(catalog.frameworks.find((f) => f.id === 'mitre-atlas')).toMatchObject({ version: 'v2026.07', licence: expect.stringContaining('Apache-2.0') });
    expect(catalog.frameworks.find((f) => f.id === 'owasp-llm-2025')?.licence).toContain('CC BY-SA 4.0');
  });

  it('has 7 ISO/IEC 23894 sources, 10 OWASP entries, 16 ATLAS tactics and at least 10 harms', () => {
    expect(of('iso-23894')).toHaveLength(7);
    expect(of('owasp-llm-2025')).toHaveLength(10);
    expect(of('mitre-atlas')).toHaveLength(16);
    expect(of('ai-harm').length).toBeGreaterThanOrEqual(10);
  });

  it('uses the official refs and matching ids', () => {
    expect(of('iso-23894').map((s) => [s.id, s.ref])).toEqual([2, 3, 4, 5, 6, 7, 8].map((n) => [`iso23894-b${n}`, `B.${n}`]));
    expect(of('owasp-llm-2025').map((s) => [s.id, s.ref])).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 1).padStart(2, '0')).map((n) => [`owasp-llm${n}`, `LLM${n}:2025`]),
    );
    expect(of('mitre-atlas').map((s) => s.id)).toEqual(of('mitre-atlas').map((s) => `atlas-${s.ref.slice(4).toLowerCase()}`));
    const harms = of('ai-harm');
    expect(harms.map((s) => s.ref)).toEqual(harms.map((_, i) => `H-${String(i + 1).padStart(2, '0')}`));
    expect(harms.every((s) => s.id.startsWith('harm-'))).toBe(true);
  });

  it('lists the ATLAS tactics in matrix order', () => {
    expect(of('mitre-atlas').map((s) => s.ref)).toEqual(ATLAS_ORDER);
  });

  it('covers the agreed harms', () => {
    expect(of('ai-harm').map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'harm-discrimination', 'harm-automation-bias', 'harm-model-drift', 'harm-data-poisoning', 'harm-prompt-injection', 'harm-privacy-leakage',
        'harm-hallucination', 'harm-opacity', 'harm-function-creep', 'harm-insufficient-oversight', 'harm-model-supply-chain', 'harm-chilling-effects',
      ]),
    );
  });

  it('has unique ids and unique refs', () => {
    const ids = catalog.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = catalog.sources.map((s) => s.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('has every title and description in German and English, different from each other', () => {
    const texts = [catalog.title, ...catalog.frameworks.map((f) => f.title), ...catalog.sources.flatMap((s) => [s.title, s.description])];
    const offenders = texts.filter((t) => t.de.trim() === '' || t.en.trim() === '' || (t.de.trim() === t.en.trim() && /\p{Ll}{3,}/u.test(t.de)));
    expect(offenders).toEqual([]);
    for (const s of catalog.sources) expect(s.description.de.length, s.id).toBeGreaterThan(60);
  });

  it('has no duplicate title or description within a language', () => {
    for (const lang of ['de', 'en'] as const) {
      for (const field of ['title', 'description'] as const) {
        const values = catalog.sources.map((s) => s[field][lang].trim().toLowerCase());
        expect(values.filter((v, i) => values.indexOf(v) !== i), `${field}.${lang}`).toEqual([]);
      }
    }
  });
});

describe('loadRiskSources', () => {
  const temp: string[] = [];
  afterEach(() => {
    for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-catalogs-'));
    temp.push(dir);
    cpSync(path.join(root, 'risk-sources'), path.join(dir, 'risk-sources'), { recursive: true });
    return dir;
  };

  it('caches per catalogue root', () => {
    const catalog = loadRiskSources();
    expect(loadRiskSources()).toBe(catalog);
    expect(loadRiskSources(root)).toBe(catalog);
  });

  it('loads the small catalogue of the API test fixtures', () => {
    const fixture = loadRiskSources(FIXTURE_CATALOGS);
    expect(fixture.version).toBe('fixture-1');
    expect(new Set(fixture.sources.map((s) => s.framework))).toEqual(new Set(RISK_SOURCE_FRAMEWORKS));
  });

  it('names the file and the path of an invalid entry', () => {
    const dir = copy();
    const file = path.join(dir, RISK_SOURCES_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('framework: mitre-atlas\n    ref: AML.TA0004', 'framework: atlas\n    ref: AML.TA0004'));
    expect(() => loadRiskSources(dir)).toThrow(/risk-sources\.yaml is invalid:\n {2}at sources\[19\]\.framework: /);
  });

  it('refuses a duplicate id', () => {
    const dir = copy();
    const file = path.join(dir, RISK_SOURCES_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: owasp-llm02', 'id: owasp-llm01'));
    expect(() => loadRiskSources(dir)).toThrow(/at sources\[8\]\.id: Duplicate risk source owasp-llm01/);
  });

  it('names the file when it is missing or not YAML', () => {
    const dir = copy();
    expect(() => loadRiskSources(path.join(dir, 'missing'))).toThrow(/Cannot read catalogue file .*risk-sources\.yaml/);
    writeFileSync(path.join(dir, RISK_SOURCES_FILE), 'sources: [unclosed');
    expect(() => loadRiskSources(dir)).toThrow(/risk-sources\.yaml is not valid YAML/);
  });
});
