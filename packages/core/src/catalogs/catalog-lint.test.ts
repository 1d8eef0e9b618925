// The catalogue lint: every shipped catalogue, the measures catalogue and the mappings must parse with the zod schemas,
// validate against the JSON Schemas shipped with them, and be free of the defects refused below. Each rule is its own
// test and fails with a readable list of offenders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Catalog, MappingSet, MeasureCatalog, type CatalogRequirement } from './catalog.js';
import { catalogJsonSchemaFiles } from './catalog-lint-json-schemas.js';
import { CATALOGS_DIR, collectTexts, isEmptyText, loadCatalogFiles, mentionsHighRisk, type CatalogFile } from './catalog-lint-load.js';

const files = loadCatalogFiles();
const SCHEMAS = { catalog: Catalog, measures: MeasureCatalog, mappings: MappingSet } as const;
const SCHEMA_FILES = { catalog: 'catalog.schema.json', measures: 'measures.schema.json', mappings: 'mappings.schema.json' } as const;

function parsed<K extends CatalogFile['kind']>(kind: K): { file: string; data: z.output<(typeof SCHEMAS)[K]> }[] {
  return files
    .filter((f) => f.kind === kind)
    .flatMap((f) => {
      const result = SCHEMAS[kind].safeParse(f.raw);
      return result.success ? [{ file: f.file, data: result.data as z.output<(typeof SCHEMAS)[K]> }] : [];
    });
}

const catalogs = parsed('catalog');
const measureCatalogs = parsed('measures');
const mappingSets = parsed('mappings');
const measures = measureCatalogs.flatMap((m) => m.data.measures);

/** Every requirement key `<catalogId>:<requirementId>` → its requirement. */
const requirements = new Map<string, CatalogRequirement>(catalogs.flatMap(({ data }) => data.requirements.map((r) => [`${data.id}:${r.id}`, r] as const)));

/** Fails with the offenders, one per line, when there are any. */
function refuse(what: string, offenders: string[]) {
  expect(offenders, `${what}:\n  ${offenders.join('\n  ')}`).toEqual([]);
}

describe('catalogue files', () => {
  it('include the measures catalogue', () => {
    expect(files.map((f) => f.file)).toContain('measures/measures.yaml');
  });

  it.each(files.map((f) => [f.file, f] as const))('%s parses with the zod schema', (_file, f) => {
    const result = SCHEMAS[f.kind].safeParse(f.raw);
    refuse(`${f.file} does not match the zod schema`, result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  });

  it.each(files.map((f) => [f.file, f] as const))('%s validates against its JSON Schema', (_file, f) => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('date', true); // the generated schema also carries a pattern for ISO dates
    const schema: unknown = JSON.parse(readFileSync(path.join(CATALOGS_DIR, 'schemas', SCHEMA_FILES[f.kind]), 'utf8'));
    const validate = ajv.compile(schema as object);
    const ok = validate(f.raw);
    refuse(`${f.file} does not match schemas/${SCHEMA_FILES[f.kind]}`, ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
  });

  it('ship JSON Schemas equal to those generated from the zod schemas (npm run catalog-schemas)', () => {
    const stale = Object.entries(catalogJsonSchemaFiles())
      .filter(([file, text]) => {
        try {
          return readFileSync(path.join(CATALOGS_DIR, 'schemas', file), 'utf8') !== text;
        } catch {
          return true;
        }
      })
      .map(([file]) => `schemas/${file}`);
    refuse('Stale or missing JSON Schemas; run npm run catalog-schemas', stale);
  });
});

describe('catalogue lint', () => {
  it('has no empty or placeholder texts', () => {
    const offenders = files.flatMap((f) =>
      collectTexts(f.raw, f.file).flatMap((t) => [
        ...(isEmptyText(t.de) ? [`${t.where}.de`] : []),
        ...(isEmptyText(t.en) ? [`${t.where}.en`] : []),
      ]),
    );
    refuse('Empty texts', offenders);
  });

  it('has no text whose German and English are identical', () => {
    const offenders = files.flatMap((f) =>
      collectTexts(f.raw, f.file)
        .filter((t) => typeof t.de === 'string' && typeof t.en === 'string' && t.de.trim() !== '' && t.de.trim() === t.en.trim())
        // Official identifiers such as `ISO/IEC 42001:2023` read the same in both languages; words do not.
        .filter((t) => /\p{Ll}{3,}/u.test(String(t.de)))
        .map((t) => `${t.where}: "${String(t.de)}"`),
    );
    refuse('Texts with the same German and English', offenders);
  });

  it('has no duplicate title within a catalogue', () => {
    const offenders: string[] = [];
    const check = (where: string, items: { id: string; title: { de: string; en: string } }[]) => {
      for (const lang of ['de', 'en'] as const) {
        const seen = new Map<string, string>();
        for (const item of items) {
          const key = item.title[lang].trim().toLowerCase();
          const first = seen.get(key);
          if (first !== undefined) offenders.push(`${where}: ${first} and ${item.id} share the ${lang} title "${item.title[lang]}"`);
          else seen.set(key, item.id);
        }
      }
    };
    for (const { file, data } of catalogs) check(file, data.requirements);
    for (const { file, data } of measureCatalogs) check(file, data.measures);
    refuse('Duplicate titles', offenders);
  });

  it('has no duplicate measure description', () => {
    const offenders: string[] = [];
    for (const lang of ['de', 'en'] as const) {
      const seen = new Map<string, string>();
      for (const m of measures) {
        const first = seen.get(m.description[lang].trim());
        if (first !== undefined) offenders.push(`${first} and ${m.id} share the ${lang} description`);
        else seen.set(m.description[lang].trim(), m.id);
      }
    }
    refuse('Duplicate measure descriptions', offenders);
  });

  it('has no group without children', () => {
    const offenders = catalogs.flatMap(({ file, data }) => {
      const parents = new Set(data.requirements.map((r) => r.parent));
      return data.requirements.filter((r) => r.kind === 'group' && !parents.has(r.id)).map((r) => `${file}: ${r.id} (${r.ref})`);
    });
    refuse('Groups without children', offenders);
  });

  it('has no duplicate measure id', () => {
    const counts = new Map<string, number>();
    for (const m of measures) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    refuse(
      'Duplicate measure ids',
      [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`),
    );
  });

  it('has no measure linked to nothing', () => {
    const raw = files.filter((f) => f.kind === 'measures').flatMap((f) => ((f.raw as { measures?: unknown[] }).measures ?? []) as Record<string, unknown>[]);
    refuse(
      'Measures without linked requirements',
      raw.filter((m) => !Array.isArray(m.requirements) || m.requirements.length === 0).map((m) => String(m.id)),
    );
  });

  it('links measures only to existing requirements (not to grouping nodes), each at most once', () => {
    const offenders = measures.flatMap((m) => {
      const unknown = m.requirements.filter((k) => !requirements.has(k)).map((k) => `${m.id} → ${k} does not exist`);
      const groups = m.requirements.filter((k) => requirements.get(k)?.kind === 'group').map((k) => `${m.id} → ${k} is a group`);
      const twice = m.requirements.filter((k, i) => m.requirements.indexOf(k) !== i).map((k) => `${m.id} → ${k} is listed twice`);
      return [...unknown, ...groups, ...twice];
    });
    refuse('Bad measure links', offenders);
  });

  it('maps only existing requirements', () => {
    const offenders = mappingSets.flatMap(({ file, data }) =>
      data.mappings.flatMap((m) => [m.from, m.to].filter((k) => !requirements.has(k)).map((k) => `${file}: ${m.from} → ${m.to}: ${k} does not exist`)),
    );
    refuse('Mappings to unknown requirements', offenders);
  });

  it('meets every high-risk obligation of the AI Act with at least one measure', () => {
    const linked = new Set(measures.flatMap((m) => m.requirements));
    const aiAct = catalogs.find((c) => c.data.id === 'eu-ai-act');
    expect(aiAct, 'catalogs/eu-ai-act/catalog.yaml is missing or does not parse').toBeDefined();
    const highRisk = aiAct!.data.requirements.filter((r) => r.kind === 'requirement' && mentionsHighRisk(r.appliesWhen));
    expect(highRisk.length, 'no AI Act requirement is conditioned on result.riskClass high').toBeGreaterThan(0);
    refuse(
      'High-risk obligations of the AI Act without a measure',
      highRisk.filter((r) => !linked.has(`eu-ai-act:${r.id}`)).map((r) => `eu-ai-act:${r.id} (${r.ref}) ${r.title.en}`),
    );
  });
});

describe('mentionsHighRisk', () => {
  it('finds a positive riskClass high leaf anywhere in the tree and ignores negated ones', () => {
    expect(mentionsHighRisk({ all: [{ path: 'result.effectiveRoles', includes: 'deployer' }, { any: [{ path: 'result.riskClass', in: ['high', 'limited'] }] }] })).toBe(true);
    expect(mentionsHighRisk({ path: 'result.riskClass', equals: 'high' })).toBe(true);
    expect(mentionsHighRisk({ not: { path: 'result.riskClass', equals: 'high' } })).toBe(false);
    expect(mentionsHighRisk({ not: { not: { path: 'result.riskClass', equals: 'high' } } })).toBe(true);
    expect(mentionsHighRisk({ path: 'result.riskClass', equals: 'limited' })).toBe(false);
    expect(mentionsHighRisk({ path: 'facts.riskClass', equals: 'high' })).toBe(false);
    expect(mentionsHighRisk(undefined)).toBe(false);
  });
});
