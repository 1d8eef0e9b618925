// The standards catalogues (NIST AI RMF 1.0, ISO/IEC 42001:2023, BSI AIC4) and the mappings between them and the
// EU AI Act: they parse with the zod schemas, have the published structure and counts, follow the id conventions,
// and every mapping points at requirements that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog, MappingSet, type CatalogRequirement } from './catalog.js';

const CATALOGS_DIR = fileURLToPath(new URL('../../../../catalogs/', import.meta.url));
const MAPPINGS_DIR = path.join(CATALOGS_DIR, 'mappings');

const readYaml = (file: string): unknown => parse(readFileSync(path.join(CATALOGS_DIR, file), 'utf8'));
const loadCatalog = (id: string): Catalog => Catalog.parse(readYaml(`${id}/catalog.yaml`));

const nist = loadCatalog('nist-ai-rmf');
const iso = loadCatalog('iso-42001');
const aic4 = loadCatalog('bsi-aic4');
const euAiAct = loadCatalog('eu-ai-act');
const catalogs = new Map([nist, iso, aic4, euAiAct].map((c) => [c.id, c]));

const MAPPING_FILES = ['eu-ai-act--iso-42001.yaml', 'eu-ai-act--nist-ai-rmf.yaml', 'eu-ai-act--bsi-aic4.yaml', 'iso-42001--nist-ai-rmf.yaml'];
const mappingSets = MAPPING_FILES.map((file) => ({ file, set: MappingSet.parse(readYaml(`mappings/${file}`)) }));

const groups = (c: Catalog) => c.requirements.filter((r) => r.kind === 'group');
const leaves = (c: Catalog) => c.requirements.filter((r) => r.kind === 'requirement');
const childrenOf = (c: Catalog, parent: string | undefined) => c.requirements.filter((r) => r.parent === parent);
/** All requirements below a node, at any depth. */
function descendants(c: Catalog, id: string): CatalogRequirement[] {
  return childrenOf(c, id).flatMap((r) => [r, ...descendants(c, r.id)]);
}

/** Fails with the offenders, one per line, when there are any. */
function refuse(what: string, offenders: string[]) {
  expect(offenders, `${what}:\n  ${offenders.join('\n  ')}`).toEqual([]);
}

/** Every bilingual text of a catalogue's requirements, with where it sits. */
function texts(c: Catalog) {
  return c.requirements.flatMap((r) => [
    { where: `${c.id}:${r.id} title`, text: r.title },
    ...(r.description ? [{ where: `${c.id}:${r.id} description`, text: r.description }] : []),
    ...r.evidence.map((e, i) => ({ where: `${c.id}:${r.id} evidence[${i}]`, text: e })),
  ]);
}

function checkTexts(items: { where: string; text: { de: string; en: string } }[]) {
  refuse(
    'empty texts',
    items.filter(({ text }) => text.de.trim() === '' || text.en.trim() === '').map((t) => t.where),
  );
  refuse(
    'German text equal to the English one',
    items.filter(({ text }) => text.de.trim() === text.en.trim()).map((t) => `${t.where}: ${t.text.en}`),
  );
}

describe('NIST AI RMF 1.0', () => {
  const functions = childrenOf(nist, undefined);
  const categories = groups(nist).filter((g) => g.parent !== undefined);
  const subcategories = leaves(nist);

  it('has 4 functions, 19 categories and 72 subcategories as a tree', () => {
    expect(nist.kind).toBe('framework');
    expect(functions.map((f) => f.id)).toEqual(['govern', 'map', 'measure', 'manage']);
    expect(functions.every((f) => f.kind === 'group')).toBe(true);
    expect(categories).toHaveLength(19);
    expect(subcategories).toHaveLength(72);
    expect(nist.requirements).toHaveLength(4 + 19 + 72);
    // Every category sits under a function, every subcategory under a category.
    refuse('categories not under a function', categories.filter((c) => !functions.some((f) => f.id === c.parent)).map((c) => c.id));
    refuse('subcategories not under a category', subcategories.filter((s) => !categories.some((c) => c.id === s.parent)).map((s) => s.id));
  });

  it('has the published number of subcategories per function and category', () => {
    const perFunction = Object.fromEntries(functions.map((f) => [f.id, descendants(nist, f.id).filter((r) => r.kind === 'requirement').length]));
    expect(perFunction).toEqual({ govern: 19, map: 18, measure: 22, manage: 13 });
    const perCategory = Object.fromEntries(categories.map((c) => [c.ref, childrenOf(nist, c.id).length]));
    expect(perCategory).toEqual({
      'GOVERN 1': 7, 'GOVERN 2': 3, 'GOVERN 3': 2, 'GOVERN 4': 3, 'GOVERN 5': 2, 'GOVERN 6': 2,
      'MAP 1': 6, 'MAP 2': 3, 'MAP 3': 5, 'MAP 4': 2, 'MAP 5': 2,
      'MEASURE 1': 3, 'MEASURE 2': 13, 'MEASURE 3': 3, 'MEASURE 4': 3,
      'MANAGE 1': 4, 'MANAGE 2': 4, 'MANAGE 3': 2, 'MANAGE 4': 3,
    });
  });

  it('follows the id and reference conventions (govern-1 / GOVERN 1, govern-1-1 / GOVERN 1.1)', () => {
    refuse('function ids', functions.filter((f) => f.ref !== f.id.toUpperCase()).map((f) => `${f.id} ${f.ref}`));
    refuse(
      'category ids',
      categories.filter((c) => c.id !== `${c.parent}-${c.id.split('-')[1]}` || c.ref !== `${c.parent!.toUpperCase()} ${c.id.split('-')[1]}` || !/^[a-z]+-\d$/.test(c.id)).map((c) => `${c.id} ${c.ref}`),
    );
    refuse(
      'subcategory ids',
      subcategories
        .filter((s) => {
          const m = /^([a-z]+)-(\d+)-(\d+)$/.exec(s.id);
          return !m || s.parent !== `${m[1]}-${m[2]}` || s.ref !== `${m[1]!.toUpperCase()} ${m[2]}.${m[3]}`;
        })
        .map((s) => `${s.id} ${s.ref}`),
    );
  });

  it('binds the organisation as a whole, applies to every system and names 1–2 pieces of evidence', () => {
    refuse('subcategories with roles', subcategories.filter((s) => s.roles.length > 0).map((s) => s.id));
    refuse('subcategories with a condition', subcategories.filter((s) => s.appliesWhen !== undefined).map((s) => s.id));
    refuse('subcategories without 1–2 evidence items', subcategories.filter((s) => s.evidence.length < 1 || s.evidence.length > 2).map((s) => s.id));
    refuse('groups with evidence', groups(nist).filter((g) => g.evidence.length > 0).map((g) => g.id));
  });

  it('has non-empty, distinct German and English texts', () => checkTexts(texts(nist)));
});

describe('ISO/IEC 42001:2023', () => {
  const clauses = childrenOf(iso, undefined).filter((r) => r.id.startsWith('clause-'));
  const objectives = childrenOf(iso, 'annex-a');
  const controls = descendants(iso, 'annex-a').filter((r) => r.kind === 'requirement');
  const clauseRequirements = clauses.flatMap((c) => descendants(iso, c.id)).filter((r) => r.kind === 'requirement');

  it('has clauses 4–10 with their sub-clauses', () => {
    expect(iso.kind).toBe('standard');
    expect(clauses.map((c) => c.ref)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(clauses.every((c) => c.kind === 'group')).toBe(true);
    expect(clauseRequirements.map((r) => r.ref)).toEqual([
      '4.1', '4.2', '4.3', '4.4',
      '5.1', '5.2', '5.3',
      '6.1.1', '6.1.2', '6.1.3', '6.1.4', '6.2', '6.3',
      '7.1', '7.2', '7.3', '7.4', '7.5.1', '7.5.2', '7.5.3',
      '8.1', '8.2', '8.3', '8.4',
      '9.1', '9.2.1', '9.2.2', '9.3.1', '9.3.2', '9.3.3',
      '10.1', '10.2',
    ]);
  });

  it('has the 9 Annex A control objectives and 38 controls', () => {
    expect(objectives.map((o) => o.ref)).toEqual(['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10']);
    expect(objectives.every((o) => o.kind === 'group')).toBe(true);
    expect(controls).toHaveLength(38);
    const perObjective = Object.fromEntries(objectives.map((o) => [o.ref, descendants(iso, o.id).filter((r) => r.kind === 'requirement').length]));
    expect(perObjective).toEqual({ 'A.2': 3, 'A.3': 2, 'A.4': 5, 'A.5': 4, 'A.6': 9, 'A.7': 5, 'A.8': 4, 'A.9': 3, 'A.10': 3 });
    // Each objective's first item is its objective statement (A.x.1), so no control ends in .1.
    refuse('controls numbered as objective statements', controls.filter((c) => c.ref.endsWith('.1')).map((c) => c.ref));
    // Nothing outside the two trees.
    const inTrees = new Set(['annex-a', ...descendants(iso, 'annex-a').map((r) => r.id), ...clauses.flatMap((c) => [c.id, ...descendants(iso, c.id).map((r) => r.id)])]);
    refuse('requirements outside clauses 4–10 and Annex A', iso.requirements.filter((r) => !inTrees.has(r.id)).map((r) => r.id));
  });

  it('follows the id conventions (clause-6-1-3 / 6.1.3, a-6-2-8 / A.6.2.8) and parents match the numbering', () => {
    refuse(
      'ids that do not follow the reference',
      iso.requirements
        .filter((r) => r.id !== 'annex-a')
        .filter((r) => {
          const expected = r.ref.startsWith('A.') ? `a-${r.ref.slice(2).replaceAll('.', '-')}` : `clause-${r.ref.replaceAll('.', '-')}`;
          return r.id !== expected;
        })
        .map((r) => `${r.id} ${r.ref}`),
    );
    refuse(
      'parents that do not match the numbering',
      iso.requirements
        .filter((r) => r.id !== 'annex-a' && r.parent !== undefined && r.parent !== 'annex-a')
        .filter((r) => r.parent !== r.id.replace(/-\d+$/, ''))
        .map((r) => `${r.id} under ${r.parent}`),
    );
  });

  it('gives every clause and control exactly one piece of evidence', () => {
    refuse('requirements without exactly one evidence item', leaves(iso).filter((r) => r.evidence.length !== 1).map((r) => r.id));
    refuse('requirements with roles or conditions', leaves(iso).filter((r) => r.roles.length > 0 || r.appliesWhen !== undefined).map((r) => r.id));
  });

  it('has non-empty, distinct German and English texts', () => checkTexts(texts(iso)));
});

describe('BSI AIC4', () => {
  const AREAS = ['area-pc', 'area-sr', 'area-pf', 'area-re', 'area-dq', 'area-dm', 'area-ex', 'area-bi'];
  const areas = groups(aic4).filter((g) => AREAS.includes(g.id));
  const criteria = areas.flatMap((a) => childrenOf(aic4, a.id));
  const generalConditions = childrenOf(aic4, 'area-bc');

  it('has 8 criteria areas with 41 criteria, plus 6 general-conditions items (47 in all)', () => {
    expect(aic4.kind).toBe('criteria');
    expect(groups(aic4).map((g) => g.id)).toEqual(['area-bc', ...AREAS]);
    expect(areas).toHaveLength(8);
    expect(criteria).toHaveLength(41);
    expect(generalConditions.map((r) => r.ref)).toEqual(['BC-01', 'BC-02', 'BC-03', 'BC-04', 'BC-05', 'BC-06']);
    expect(leaves(aic4)).toHaveLength(47);
    const perArea = Object.fromEntries(areas.map((a) => [a.ref, childrenOf(aic4, a.id).length]));
    expect(perArea).toEqual({ PC: 2, SR: 7, PF: 10, RE: 6, DQ: 6, DM: 4, EX: 2, BI: 4 });
  });

  it('follows the id conventions (sr-01 / SR-01 under area-sr)', () => {
    refuse('group ids', groups(aic4).filter((g) => g.id !== `area-${g.ref.toLowerCase()}`).map((g) => `${g.id} ${g.ref}`));
    refuse(
      'criterion ids',
      leaves(aic4).filter((r) => !/^[A-Z]{2}-\d{2}$/.test(r.ref) || r.id !== r.ref.toLowerCase() || r.parent !== `area-${r.ref.slice(0, 2).toLowerCase()}`).map((r) => `${r.id} ${r.ref}`),
    );
  });

  it('gives every criterion exactly one piece of evidence', () => {
    refuse('criteria without exactly one evidence item', leaves(aic4).filter((r) => r.evidence.length !== 1).map((r) => r.id));
  });

  it('has non-empty, distinct German and English texts', () => checkTexts(texts(aic4)));
});

describe('mappings', () => {
  it('ships the four mapping files and nothing unexpected', () => {
    expect(existsSync(MAPPINGS_DIR)).toBe(true);
    const shipped = readdirSync(MAPPINGS_DIR).filter((f) => /\.ya?ml$/.test(f));
    expect(shipped.sort()).toEqual(expect.arrayContaining([...MAPPING_FILES].sort()));
  });

  it.each(mappingSets.map(({ file, set }) => [file, set] as const))('%s maps between the catalogues its name gives', (file, set) => {
    const [fromCatalog, toCatalog] = file.replace(/\.ya?ml$/, '').split('--');
    expect(set.id).toBe(file.replace(/\.ya?ml$/, ''));
    refuse('mappings from another catalogue', set.mappings.filter((m) => m.from.split(':')[0] !== fromCatalog).map((m) => m.from));
    refuse('mappings to another catalogue', set.mappings.filter((m) => m.to.split(':')[0] !== toCatalog).map((m) => m.to));
  });

  it.each(mappingSets.map(({ file, set }) => [file, set] as const))('%s refers only to requirements that exist', (_file, set) => {
    const exists = (key: string) => {
      const [catalogId, requirementId] = key.split(':');
      return catalogs.get(catalogId!)?.requirements.some((r) => r.id === requirementId) ?? false;
    };
    refuse('unknown requirements', set.mappings.flatMap((m) => [m.from, m.to]).filter((k) => !exists(k)));
  });

  it.each(mappingSets.map(({ file, set }) => [file, set] as const))('%s maps requirements, not groups', (_file, set) => {
    const kind = (key: string) => {
      const [catalogId, requirementId] = key.split(':');
      return catalogs.get(catalogId!)?.requirements.find((r) => r.id === requirementId)?.kind;
    };
    refuse('mappings of group nodes', set.mappings.flatMap((m) => [m.from, m.to]).filter((k) => kind(k) === 'group'));
  });

  it.each(mappingSets.map(({ file, set }) => [file, set] as const))('%s has at least 25 mappings, none duplicated', (_file, set) => {
    expect(set.mappings.length).toBeGreaterThanOrEqual(25);
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const m of set.mappings) {
      const key = `${m.from} → ${m.to}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    refuse('duplicate mappings', duplicates);
  });

  it('has no pair mapped in two files or in both directions', () => {
    const pairs = mappingSets.flatMap(({ file, set }) => set.mappings.map((m) => ({ file, key: [m.from, m.to].sort().join(' ↔ ') })));
    const counts = new Map<string, string[]>();
    for (const p of pairs) counts.set(p.key, [...(counts.get(p.key) ?? []), p.file]);
    refuse('pairs mapped more than once', [...counts].filter(([, files]) => files.length > 1).map(([key, files]) => `${key} (${files.join(', ')})`));
  });

  it.each(mappingSets.map(({ file, set }) => [file, set] as const))('%s has non-empty, distinct German and English texts', (file, set) => {
    checkTexts([{ where: `${file} title`, text: set.title }, ...set.mappings.map((m) => ({ where: `${file} ${m.from} → ${m.to}`, text: m.rationale }))]);
  });

  it('covers the main themes of the AI Act in every file from the AI Act', () => {
    // Requirement-id prefixes in eu-ai-act (an article, or one paragraph of it) per theme.
    const THEMES: Record<string, string[]> = {
      'risk management (Art. 9)': ['art-9'],
      'data governance (Art. 10)': ['art-10'],
      'documentation (Art. 11, 18)': ['art-11', 'art-18'],
      'logging (Art. 12, 19, 26(6))': ['art-12', 'art-19', 'art-26-6'],
      'transparency and instructions (Art. 13)': ['art-13'],
      'human oversight (Art. 14, 26(2))': ['art-14', 'art-26-2'],
      'accuracy, robustness, security (Art. 15)': ['art-15'],
      'QMS (Art. 17)': ['art-17'],
      'post-market monitoring (Art. 72)': ['art-72'],
      'serious incidents (Art. 73)': ['art-73'],
      'FRIA (Art. 27)': ['art-27'],
      'AI literacy (Art. 4)': ['art-4'],
      'value chain (Art. 25)': ['art-25'],
    };
    // AIC4 audits cloud AI services and has no criterion on staff AI literacy; a forced mapping would mislead.
    const NO_COUNTERPART: Record<string, string[]> = { 'eu-ai-act--bsi-aic4.yaml': ['AI literacy (Art. 4)'] };
    const under = (id: string, prefix: string) => id === prefix || id.startsWith(`${prefix}-`);
    const missing = mappingSets
      .filter(({ file }) => file.startsWith('eu-ai-act--'))
      .flatMap(({ file, set }) => {
        const from = set.mappings.map((m) => m.from.split(':')[1]!);
        return Object.entries(THEMES)
          .filter(([theme]) => !(NO_COUNTERPART[file] ?? []).includes(theme))
          .filter(([, prefixes]) => !from.some((id) => prefixes.some((p) => under(id, p))))
          .map(([theme]) => `${file}: ${theme}`);
      });
    refuse('themes without a mapping', missing);
  });
});
