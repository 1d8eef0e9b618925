import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog, type CatalogRequirement } from './catalog.js';
import { evaluateApplicability } from './condition.js';
import { classify } from '../classification/classify.js';
import { ClassificationFacts, type ClassificationFactsInput } from '../classification/facts.js';
import { TEST_TIMELINE } from '../classification/test-timeline.js';

const file = fileURLToPath(new URL('../../../../catalogs/eu-ai-act/catalog.yaml', import.meta.url));
const catalog = Catalog.parse(parse(readFileSync(file, 'utf8')));
const requirements = catalog.requirements.filter((r) => r.kind === 'requirement');
const groups = catalog.requirements.filter((r) => r.kind === 'group');

/** `Art. 26(6)` → `art-26-6`; `Art. 9(2)(a)` → `art-9-2-a`; a trailing range such as `(a)–(e)` is dropped. */
function idFromRef(ref: string): string | null {
  const m = /^Art\. (\d+)((?:\([0-9a-z]+\))*)(?:\([a-z]\)–\([a-z]\))?(?: \((NCII)\))?$/.exec(ref);
  if (!m) return null;
  const parts = [...m[2]!.matchAll(/\(([0-9a-z]+)\)/g)].map((p) => p[1]!);
  return ['art', m[1]!, ...parts, ...(m[3] ? [m[3].toLowerCase()] : [])].join('-');
}

/** The article number a requirement belongs to, from its reference. */
const articleOf = (r: CatalogRequirement) => Number(/^Art\. (\d+)/.exec(r.ref)?.[1]);

/** The ids of the requirements that apply to a system with these facts. */
function applicable(input: ClassificationFactsInput): Set<string> {
  const facts = ClassificationFacts.parse(input);
  const result = classify(facts, { timeline: TEST_TIMELINE, locale: 'en' });
  const ctx = { result: { ...result }, facts: { ...facts }, system: { lifecycleStage: 'operation', sourcing: 'in-house' } };
  return new Set(requirements.filter((r) => !r.appliesWhen || evaluateApplicability(r.appliesWhen, ctx).applies).map((r) => r.id));
}
const idsOf = (article: number) => requirements.filter((r) => articleOf(r) === article).map((r) => r.id);

describe('EU AI Act catalogue: format', () => {
  it('is a regulation catalogue with both acts', () => {
    expect(catalog).toMatchObject({ id: 'eu-ai-act', kind: 'regulation' });
    expect(catalog.acts.map((a) => [a.id, a.certainty])).toEqual([
      ['published-2024', 'V'],
      ['amended-2026', 'S'],
    ]);
  });

  it('derives every id from its reference', () => {
    for (const g of groups) expect(g.id, g.ref).toMatch(/^(ch-\d+|art-\d+)$/);
    for (const r of requirements) {
      expect(r.id, r.ref).toMatch(/^art-\d+(-[a-z0-9]+)*$/);
      const base = idFromRef(r.ref);
      expect(base, `unparsable ref ${r.ref}`).not.toBeNull();
      expect(r.id === base || new RegExp(`^${base}-\\d+$`).test(r.id), `${r.id} does not follow ${r.ref}`).toBe(true);
    }
  });

  it('hangs every requirement under an article or chapter group', () => {
    const groupIds = new Set(groups.map((g) => g.id));
    for (const r of requirements) expect(groupIds.has(r.parent ?? ''), r.id).toBe(true);
  });

  it('gives every requirement a description, roles, a date and 1–3 evidence items, with distinct German and English texts', () => {
    for (const r of requirements) {
      expect(r.description, r.id).toBeDefined();
      expect(r.roles.length, r.id).toBeGreaterThan(0);
      expect(r.timelineGroup ?? r.appliesFrom, r.id).toBeDefined();
      expect(r.evidence.length, r.id).toBeGreaterThanOrEqual(1);
      expect(r.evidence.length, r.id).toBeLessThanOrEqual(3);
      for (const t of [r.title, r.description!, ...r.evidence]) expect(t.de, r.id).not.toBe(t.en);
    }
  });

  it('has no duplicate titles or descriptions', () => {
    for (const key of ['de', 'en'] as const) {
      for (const texts of [requirements.map((r) => r.title[key]), requirements.map((r) => r.description![key])]) {
        expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
      }
    }
  });

  it('covers every article the issue lists, at the granularity of single obligations', () => {
    expect(requirements.length).toBeGreaterThanOrEqual(120);
    const listed = [4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 43, 47, 48, 49, 50, 52, 53, 54, 55, 72, 73, 86, 111];
    for (const article of listed) expect(idsOf(article).length, `Art. ${article}`).toBeGreaterThan(0);
    expect(idsOf(26).length).toBeGreaterThanOrEqual(10);
    expect(idsOf(5).filter((id) => /^art-5-1-/.test(id))).toHaveLength(9);
    expect(idsOf(16)).toHaveLength(12);
    for (const id of ['art-9-2-a', 'art-10-2-a', 'art-10-3', 'art-10-5', 'art-11-1-1', 'art-12-1', 'art-12-2', 'art-13-1', 'art-13-3', 'art-14-1', 'art-14-4-e', 'art-15-1', 'art-15-4-1', 'art-15-5-1', 'art-26-10-1', 'art-27-3', 'art-49-3', 'art-50-4-1', 'art-50-4-2', 'art-53-1-d', 'art-53-2', 'art-55-1-d', 'art-5-1-ncii']) {
      expect(requirements.some((r) => r.id === id), id).toBe(true);
    }
  });
});

describe('EU AI Act catalogue: applicability', () => {
  const prohibitions = requirements.filter((r) => /^art-5-1-/.test(r.id)).map((r) => r.id);

  it('Annex III public-authority deployer: Art. 26, 27, 49(3), 86, not the provider duties', () => {
    const ids = applicable({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } });
    for (const id of ['art-4', ...prohibitions, 'art-26-1', 'art-26-2', 'art-26-5-1', 'art-26-6', 'art-26-8-1', 'art-26-11', 'art-27-1', 'art-27-3', 'art-49-3', 'art-86-1-1']) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(idsOf(26).filter((id) => ids.has(id)).length).toBeGreaterThanOrEqual(10);
    for (const id of [...idsOf(16), ...idsOf(9), 'art-49-1', 'art-43-2', 'art-26-7', 'art-26-10-1', 'art-111-2-2']) expect(ids.has(id), id).toBe(false);
  });

  it('provider of the same system: Arts 9–17, 43, 47–49(1), 72, 73, not Art. 26 or 27', () => {
    const ids = applicable({ roles: ['provider'], annexIII: ['6.d'], deployer: { publicAuthority: true } });
    for (const article of [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 43, 47, 48, 72, 73]) {
      expect(idsOf(article).some((id) => ids.has(id)), `Art. ${article}`).toBe(true);
    }
    for (const id of [...idsOf(16), 'art-9-1', 'art-9-2-a', 'art-10-2-f', 'art-11-1-1', 'art-12-1', 'art-13-3', 'art-14-4-e', 'art-15-5-2', 'art-17-1-1', 'art-43-2', 'art-47-1', 'art-48-1', 'art-49-1', 'art-72-1', 'art-73-2']) {
      expect(ids.has(id), id).toBe(true);
    }
    for (const id of [...idsOf(26), ...idsOf(27), 'art-49-3', 'art-43-1', 'art-43-3', 'art-12-3', 'art-8-2', 'art-49-2']) expect(ids.has(id), id).toBe(false);
  });

  it('minimal-risk deployer: only Art. 4 and the Art. 5 checks', () => {
    expect([...applicable({ roles: ['deployer'] })].sort()).toEqual(['art-4', ...prohibitions].sort());
  });

  it('GPAI providers: Art. 53, and Arts 52 and 55 only with systemic risk; open source drops 53(1)(a)–(b)', () => {
    const plain = applicable({ roles: ['provider'], gpai: { isGpaiModel: true } });
    for (const id of ['art-53-1-a', 'art-53-1-b', 'art-53-1-c', 'art-53-1-d', 'art-53-4']) expect(plain.has(id), id).toBe(true);
    for (const id of [...idsOf(55), 'art-52-1', 'art-53-2']) expect(plain.has(id), id).toBe(false);
    const systemic = applicable({ roles: ['provider'], gpai: { isGpaiModel: true, trainingComputeFlop: 1e26 } });
    for (const id of [...idsOf(55), 'art-52-1', 'art-53-1-a']) expect(systemic.has(id), id).toBe(true);
    const open = applicable({ roles: ['provider'], gpai: { isGpaiModel: true, openSource: true } });
    expect(['art-53-1-a', 'art-53-1-b', 'art-54-1'].filter((id) => open.has(id))).toEqual([]);
    for (const id of ['art-53-1-c', 'art-53-1-d', 'art-53-2']) expect(open.has(id), id).toBe(true);
    expect(applicable({ roles: ['deployer'], gpai: { isGpaiModel: true } }).has('art-53-1-a')).toBe(false);
  });

  it('derogation provider: Art. 6(4) and 49(2), not the high-risk duties', () => {
    const ids = applicable({ roles: ['provider'], annexIII: ['4.a'], derogation: ['6.3.a'] });
    for (const id of ['art-6-4-1', 'art-6-4-2', 'art-49-2']) expect(ids.has(id), id).toBe(true);
    for (const id of ['art-49-1', 'art-9-1', 'art-16-a']) expect(ids.has(id), id).toBe(false);
  });

  it('Art. 50(1) applies only to a provider with case 50.1', () => {
    expect(applicable({ roles: ['provider'], transparency: ['50.1'] }).has('art-50-1')).toBe(true);
    expect(applicable({ roles: ['deployer'], transparency: ['50.1'] }).has('art-50-1')).toBe(false);
    expect(applicable({ roles: ['provider'] }).has('art-50-1')).toBe(false);
    const deepfake = applicable({ roles: ['deployer'], transparency: ['50.4-deepfake'] });
    expect(['art-50-4-1', 'art-50-5'].every((id) => deepfake.has(id))).toBe(true);
    expect(deepfake.has('art-50-4-2')).toBe(false);
  });

  it('real-time remote biometric identification under an exception: the Art. 5(2)–(6) duties', () => {
    const ids = applicable({
      roles: ['deployer'],
      prohibitedPractices: ['5.1.h'],
      rbiException: { ground: 'suspect', authorised: true },
      deployer: { publicAuthority: true },
      lawEnforcementOrMigrationContext: true,
    });
    for (const id of ['art-5-2-1', 'art-5-2-3', 'art-5-3-1', 'art-5-3-2', 'art-5-4', 'art-27-1']) expect(ids.has(id), id).toBe(true);
    expect(ids.has('art-26-10-1')).toBe(false);
  });

  it('post-remote biometric identification in law enforcement: the Art. 26(10) duties and the two-person check', () => {
    const ids = applicable({ roles: ['deployer'], annexIII: ['1.a'], deployer: { publicAuthority: true }, lawEnforcementOrMigrationContext: true });
    for (const id of ['art-26-10-1', 'art-26-10-2', 'art-26-10-3', 'art-26-10-4', 'art-26-10-5', 'art-14-5-2', 'art-49-4']) expect(ids.has(id), id).toBe(true);
    expect(ids.has('art-14-5-1')).toBe(false);
  });

  it('Art. 111: legacy systems of public authorities and legacy GPAI models', () => {
    const legacy = applicable({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true }, placedOnMarketAt: '2025-03-01' });
    expect(legacy.has('art-111-2-2')).toBe(true);
    expect(legacy.has('art-111-2-1')).toBe(false);
    expect(applicable({ roles: ['provider'], gpai: { isGpaiModel: true }, placedOnMarketAt: '2025-03-01' }).has('art-111-3')).toBe(true);
    // Placed on or after the cut-off dates: no transitional case
    expect(applicable({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true }, placedOnMarketAt: '2026-08-02' }).has('art-111-2-2')).toBe(false);
    expect(applicable({ roles: ['provider'], gpai: { isGpaiModel: true }, placedOnMarketAt: '2025-08-02' }).has('art-111-3')).toBe(false);
  });
});
