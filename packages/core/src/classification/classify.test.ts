import { describe, expect, it } from 'vitest';
import { classify } from './classify.js';
import { ANNEX_III_POINTS, ClassificationFacts, EXCLUSIONS, PROHIBITED_PRACTICES, type ClassificationFactsInput } from './facts.js';
import { ClassificationResult } from './result.js';
import { TEST_TIMELINE } from './test-timeline.js';

function run(input: ClassificationFactsInput, act?: string, locale: 'de' | 'en' = 'en') {
  const result = classify(ClassificationFacts.parse(input), { timeline: TEST_TIMELINE, locale, ...(act ? { act } : {}) });
  // Every key is always present and well-typed.
  ClassificationResult.parse(result);
  return result;
}
const refs = (r: ReturnType<typeof run>) => r.reasons.map((x) => x.ref);
const obligation = (r: ReturnType<typeof run>, ref: string) => r.obligations.find((o) => o.ref === ref);

describe('facts', () => {
  it('defaults isAiSystem to true and every other key to no', () => {
    expect(ClassificationFacts.parse({})).toMatchObject({ isAiSystem: true, roles: [], prohibitedPractices: [], annexIII: [], profiling: false });
  });

  it('refuses unknown practices, malformed numbers and dates, naming the path', () => {
    const r = ClassificationFacts.safeParse({ prohibitedPractices: ['5.1.z'], gpai: { isGpaiModel: true, trainingComputeFlop: 'lots' }, placedOnMarketAt: '2025-13-45', colour: 1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'gpai.trainingComputeFlop', 'placedOnMarketAt', 'prohibitedPractices.0']);
  });
});

describe('scope (Art. 2, Art. 3(1))', () => {
  it('puts a system that is no AI system out of scope', () => {
    const r = run({ isAiSystem: false, roles: ['deployer'], annexIII: ['6.d'] });
    expect(r).toMatchObject({ riskClass: 'out-of-scope', highRiskRoute: null, obligations: [], friaRequired: false });
    expect(refs(r)).toContain('Art. 3(1)');
  });

  it.each(EXCLUSIONS.filter((e) => e !== 'open-source'))('excludes %s, even for an Annex III use', (exclusion) => {
    const r = run({ roles: ['deployer'], exclusions: [exclusion], annexIII: ['6.d'], prohibitedPractices: ['5.1.a'] });
    expect(r.riskClass).toBe('out-of-scope');
    expect(r.prohibited).toEqual([]);
    expect(r.registrations).toEqual([]);
  });

  it('records a 2(3) national-security exclusion together with voluntary application by internal policy', () => {
    const r = run({ roles: ['deployer'], exclusions: ['military-defence-national-security'], voluntaryApplication: true, annexIII: ['6.d'], deployer: { publicAuthority: true } });
    expect(r).toMatchObject({ riskClass: 'out-of-scope', voluntaryApplication: true, voluntaryRiskClass: 'high', highRiskRoute: 'annex-iii', friaRequired: true });
    expect(obligation(r, 'Art. 26')).toBeDefined();
    expect(refs(r)).toEqual(expect.arrayContaining(['Art. 2(3)']));
  });

  it('ignores voluntary application without a 2(3) exclusion', () => {
    expect(run({ roles: ['deployer'], voluntaryApplication: true })).toMatchObject({ riskClass: 'minimal', voluntaryApplication: false, voluntaryRiskClass: null });
  });

  it('excludes open-source systems only when they are neither prohibited, high-risk nor under Art. 50 (Art. 2(12))', () => {
    expect(run({ roles: ['provider'], exclusions: ['open-source'] }).riskClass).toBe('out-of-scope');
    expect(run({ roles: ['provider'], exclusions: ['open-source'], prohibitedPractices: ['5.1.c'] }).riskClass).toBe('prohibited');
    expect(run({ roles: ['provider'], exclusions: ['open-source'], annexIII: ['4.a'] }).riskClass).toBe('high');
    expect(run({ roles: ['provider'], exclusions: ['open-source'], transparency: ['50.1'] }).riskClass).toBe('limited');
    // Under Art. 50 through a deployer duty it does not hold: still not excluded.
    const r = run({ roles: ['provider'], exclusions: ['open-source'], transparency: ['50.3'] });
    expect(r.riskClass).toBe('minimal');
    expect(r.reasons.find((x) => x.code === 'open-source-not-excluded')).toBeDefined();
  });
});

describe('prohibited practices (Art. 5)', () => {
  it.each(PROHIBITED_PRACTICES)('classifies %s as prohibited, dated from its timeline group', (practice) => {
    const r = run({ roles: ['deployer'], prohibitedPractices: [practice] });
    expect(r.riskClass).toBe('prohibited');
    expect(r.prohibited).toEqual([practice]);
    const o = r.obligations.find((x) => x.group === (practice === '5.1.ncii' ? 'prohibition-ncii' : 'prohibitions'));
    expect(o?.appliesFrom).toBe(practice === '5.1.ncii' ? '2026-12-02' : '2025-02-02');
  });

  it('knows the 2026 prohibition only under the amended act', () => {
    const r = run({ roles: ['provider'], prohibitedPractices: ['5.1.ncii'] }, 'published-2024');
    expect(r.riskClass).toBe('minimal');
    expect(r.reasons.map((x) => x.code)).toContain('prohibited-not-in-act');
  });

  it('does not prohibit real-time RBI under an authorised exception; it is high-risk with a FRIA and registration', () => {
    for (const ground of ['victims', 'threat', 'suspect'] as const) {
      const r = run({ roles: ['deployer'], prohibitedPractices: ['5.1.h'], rbiException: { ground, authorised: true }, deployer: { publicAuthority: true }, lawEnforcementOrMigrationContext: true });
      expect(r).toMatchObject({ riskClass: 'high', prohibited: [], highRiskRoute: 'annex-iii', friaRequired: true });
      expect(r.registrations).toEqual([{ by: 'deployer', database: 'eu-database-secure', basis: 'Art. 49(3), Art. 49(4)' }]);
    }
  });

  it('keeps real-time RBI prohibited when the exception lacks authorisation', () => {
    const r = run({ roles: ['deployer'], prohibitedPractices: ['5.1.h'], rbiException: { ground: 'threat', authorised: false } });
    expect(r).toMatchObject({ riskClass: 'prohibited', prohibited: ['5.1.h'] });
  });

  it('puts prohibition above high risk', () => {
    expect(run({ roles: ['provider'], prohibitedPractices: ['5.1.d'], annexIII: ['6.d'] }).riskClass).toBe('prohibited');
  });
});

describe('high risk (Art. 6)', () => {
  it.each(ANNEX_III_POINTS)('classifies Annex III point %s as high-risk via Annex III', (point) => {
    const r = run({ roles: ['provider'], annexIII: [point] });
    expect(r).toMatchObject({ riskClass: 'high', highRiskRoute: 'annex-iii' });
    expect(refs(r)).toContain(`Art. 6(2), Annex III ${point.includes('.') ? point.replace('.', '(') + ')' : point}`);
  });

  it('applies the Art. 6(3) derogation, with the documentation duty and Art. 49(2) registration for the provider', () => {
    for (const d of ['6.3.a', '6.3.b', '6.3.c', '6.3.d'] as const) {
      const r = run({ roles: ['provider'], annexIII: ['4.a'], derogation: [d] });
      expect(r).toMatchObject({ riskClass: 'minimal', highRiskRoute: null, documentationDuty6_4: true, conformityProcedure: null });
      expect(r.registrations).toEqual([{ by: 'provider', database: 'eu-database-public', basis: 'Art. 49(2)' }]);
      expect(obligation(r, 'Art. 6(4)')?.appliesFrom).toBe('2027-12-02');
    }
    // A deployer relying on it has no documentation duty of its own.
    expect(run({ roles: ['deployer'], annexIII: ['4.a'], derogation: ['6.3.a'] }).documentationDuty6_4).toBe(false);
  });

  it('overrides the derogation when the system profiles natural persons', () => {
    const r = run({ roles: ['provider'], annexIII: ['4.a'], derogation: ['6.3.d'], profiling: true });
    expect(r).toMatchObject({ riskClass: 'high', documentationDuty6_4: false });
    expect(r.reasons.map((x) => x.code)).toContain('profiling-override');
  });

  it('classifies Annex I products with third-party assessment as high-risk via Annex I, and others not', () => {
    const r = run({ roles: ['provider'], annexI: { covered: true, thirdPartyAssessment: true } });
    expect(r).toMatchObject({ riskClass: 'high', highRiskRoute: 'annex-i', conformityProcedure: 'annex-i-product-law', registrations: [] });
    expect(obligation(r, 'Art. 9')?.appliesFrom).toBe('2028-08-02');
    expect(obligation(run({ roles: ['provider'], annexI: { covered: true, thirdPartyAssessment: true } }, 'published-2024'), 'Art. 9')?.appliesFrom).toBe('2027-08-02');
    expect(run({ roles: ['provider'], annexI: { covered: true, thirdPartyAssessment: false } }).riskClass).toBe('minimal');
  });

  it('dates Annex III obligations by the act in force', () => {
    expect(obligation(run({ roles: ['provider'], annexIII: ['4.a'] }), 'Art. 9')?.appliesFrom).toBe('2027-12-02');
    const published = run({ roles: ['provider'], annexIII: ['4.a'] }, 'published-2024');
    expect(obligation(published, 'Art. 9')?.appliesFrom).toBe('2026-08-02');
    expect(published.timelineAct).toBe('published-2024');
  });
});

describe('value chain (Art. 25)', () => {
  it.each([
    ['ownNameOrTrademark', 'Art. 25(1)(a)'],
    ['substantialModification', 'Art. 25(1)(b)'],
    ['changedIntendedPurpose', 'Art. 25(1)(c)'],
  ] as const)('makes a deployer the provider of a high-risk system through %s', (trigger, ref) => {
    const r = run({ roles: ['deployer'], annexIII: ['4.b'], art25: { [trigger]: true } });
    expect(r.effectiveRoles).toEqual(['provider', 'deployer']);
    expect(refs(r)).toContain(ref);
    expect(obligation(r, 'Art. 16')).toBeDefined();
    expect(r.conformityProcedure).toBe('annex-vi');
  });

  it('does not make anyone provider of a system that is not high-risk', () => {
    const r = run({ roles: ['distributor'], art25: { ownNameOrTrademark: true, changedIntendedPurpose: true } });
    expect(r.effectiveRoles).toEqual(['distributor']);
    expect(r.reasons.map((x) => x.code)).toContain('art25-not-high');
  });
});

describe('transparency (Art. 50)', () => {
  it.each([
    ['50.1', 'provider'],
    ['50.2', 'provider'],
    ['50.3', 'deployer'],
    ['50.4-deepfake', 'deployer'],
    ['50.4-text', 'deployer'],
  ] as const)('binds %s to the %s only', (c, role) => {
    const other = role === 'provider' ? 'deployer' : 'provider';
    const bound = run({ roles: [role], transparency: [c] });
    expect(bound).toMatchObject({ riskClass: 'limited', transparency: [c] });
    expect(bound.obligations.find((o) => o.group.startsWith('transparency'))?.appliesFrom).toBe('2026-08-02');
    expect(run({ roles: [other], transparency: [c] })).toMatchObject({ riskClass: 'minimal', transparency: [] });
    expect(run({ roles: [role], transparency: [c], authorisedByLawForCrimeDetection: true })).toMatchObject({ riskClass: 'minimal', transparency: [] });
  });

  it('gives Art. 50(2) a grace period for systems on the market before the cut-off, under the amended act', () => {
    const r = run({ roles: ['provider'], transparency: ['50.2'], placedOnMarketAt: '2026-03-01' });
    expect(obligation(r, 'Art. 50(2)')?.appliesFrom).toBe('2026-12-02');
    expect(obligation(run({ roles: ['provider'], transparency: ['50.2'], placedOnMarketAt: '2026-09-01' }), 'Art. 50(2)')?.appliesFrom).toBe('2026-08-02');
  });
});

describe('general-purpose AI models (Art. 51–55)', () => {
  const gpai = (g: Record<string, unknown>, roles: ('provider' | 'deployer')[] = ['provider']) => run({ roles, gpai: { isGpaiModel: true, ...g } });

  it('presumes systemic risk only strictly above 10^25 FLOP or by designation', () => {
    expect(gpai({ trainingComputeFlop: 1e25 }).gpaiTier).toBe('gpai');
    expect(gpai({ trainingComputeFlop: 1.0000001e25 }).gpaiTier).toBe('gpai-systemic');
    expect(gpai({ trainingComputeFlop: 3e25 }).obligations.map((o) => o.ref)).toEqual(expect.arrayContaining(['Art. 52', 'Art. 55']));
    const designated = gpai({ trainingComputeFlop: 1e20, systemicRiskDesignated: true });
    expect(designated.gpaiTier).toBe('gpai-systemic');
    expect(designated.obligations.map((o) => o.ref)).not.toContain('Art. 52');
    expect(run({ roles: ['provider'] }).gpaiTier).toBe('none');
  });

  it('exempts open-source models from Art. 53(1)(a) and (b) only, and never systemic-risk models', () => {
    const open = gpai({ openSource: true }).obligations.map((o) => o.ref);
    expect(open).not.toContain('Art. 53(1)(a)');
    expect(open).not.toContain('Art. 53(1)(b)');
    expect(open).toEqual(expect.arrayContaining(['Art. 53(1)(c)', 'Art. 53(1)(d)']));
    const systemic = gpai({ openSource: true, trainingComputeFlop: 5e25 }).obligations.map((o) => o.ref);
    expect(systemic).toEqual(expect.arrayContaining(['Art. 53(1)(a)', 'Art. 53(1)(b)', 'Art. 55']));
  });

  it('dates GPAI duties from 2 Aug 2025, or 2 Aug 2027 for models placed before (Art. 111(3))', () => {
    expect(obligation(gpai({}), 'Art. 53(1)(c)')?.appliesFrom).toBe('2025-08-02');
    expect(obligation(run({ roles: ['provider'], gpai: { isGpaiModel: true }, placedOnMarketAt: '2025-03-01' }), 'Art. 53(1)(c)')?.appliesFrom).toBe('2027-08-02');
  });

  it('lists GPAI duties for the model provider only', () => {
    expect(gpai({}, ['deployer']).obligations.filter((o) => o.group.startsWith('gpai'))).toEqual([]);
  });
});

describe('fundamental rights impact assessment (Art. 27)', () => {
  it('requires it from public-body or public-service deployers of Annex III systems, except point 2', () => {
    expect(run({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true } }).friaRequired).toBe(true);
    expect(run({ roles: ['deployer'], annexIII: ['4.a'], deployer: { publicService: true } }).friaRequired).toBe(true);
    expect(run({ roles: ['deployer'], annexIII: ['2'], deployer: { publicAuthority: true } }).friaRequired).toBe(false);
    expect(run({ roles: ['deployer'], annexIII: ['4.a'] }).friaRequired).toBe(false);
  });

  it('requires it from any deployer of a 5(b) or 5(c) system', () => {
    expect(run({ roles: ['deployer'], annexIII: ['5.b'] }).friaRequired).toBe(true);
    expect(run({ roles: ['deployer'], annexIII: ['5.c'] }).friaRequired).toBe(true);
  });

  it('does not require it from a provider, nor for a system not high-risk', () => {
    expect(run({ roles: ['provider'], annexIII: ['6.d'], deployer: { publicAuthority: true } }).friaRequired).toBe(false);
    expect(run({ roles: ['deployer'], annexIII: ['6.d'], derogation: ['6.3.a'], deployer: { publicAuthority: true } }).friaRequired).toBe(false);
    expect(run({ roles: ['deployer'], annexI: { covered: true, thirdPartyAssessment: true }, deployer: { publicAuthority: true } }).friaRequired).toBe(false);
  });
});

describe('registration (Art. 49)', () => {
  it('registers providers of Annex III systems (49(1)) and public-authority deployers (49(3)) in the public section', () => {
    expect(run({ roles: ['provider', 'deployer'], annexIII: ['4.a'], deployer: { publicAuthority: true } }).registrations).toEqual([
      { by: 'provider', database: 'eu-database-public', basis: 'Art. 49(1)' },
      { by: 'deployer', database: 'eu-database-public', basis: 'Art. 49(3)' },
    ]);
    expect(run({ roles: ['deployer'], annexIII: ['4.a'] }).registrations).toEqual([]);
  });

  it('uses the secure section for points 1, 6 and 7 in law-enforcement, migration, asylum and border contexts (49(4))', () => {
    for (const point of ['1.c', '6.a', '7.d'] as const) {
      expect(run({ roles: ['provider'], annexIII: [point], lawEnforcementOrMigrationContext: true }).registrations).toEqual([
        { by: 'provider', database: 'eu-database-secure', basis: 'Art. 49(1), Art. 49(4)' },
      ]);
    }
    expect(run({ roles: ['provider'], annexIII: ['4.a'], lawEnforcementOrMigrationContext: true }).registrations[0]!.database).toBe('eu-database-public');
    expect(run({ roles: ['provider'], annexIII: ['6.a'] }).registrations[0]!.database).toBe('eu-database-public');
  });

  it('registers point 2 nationally (49(5)), and nothing for Annex I', () => {
    expect(run({ roles: ['provider', 'deployer'], annexIII: ['2'], deployer: { publicAuthority: true } }).registrations).toEqual([
      { by: 'provider', database: 'national', basis: 'Art. 49(5)' },
    ]);
    expect(run({ roles: ['provider', 'deployer'], annexI: { covered: true, thirdPartyAssessment: true }, deployer: { publicAuthority: true } }).registrations).toEqual([]);
  });

  it('registers a 6(3) conclusion only where the act in force keeps that duty', () => {
    const noDuty = { ...TEST_TIMELINE, groups: TEST_TIMELINE.groups.map((g) => (g.id === 'registration-6-3' ? { ...g, dates: { ...g.dates, 'amended-2026': { ...g.dates['amended-2026']!, from: null } } } : g)) };
    const r = classify(ClassificationFacts.parse({ roles: ['provider'], annexIII: ['4.a'], derogation: ['6.3.a'] }), { timeline: noDuty });
    expect(r.registrations).toEqual([]);
    expect(r.documentationDuty6_4).toBe(true);
  });
});

describe('conformity assessment (Art. 43)', () => {
  it('chooses the procedure for providers of high-risk systems only', () => {
    expect(run({ roles: ['provider'], annexIII: ['1.a'] }).conformityProcedure).toBe('annex-vii');
    expect(run({ roles: ['provider'], annexIII: ['1.b'], harmonisedStandards: 'partial' }).conformityProcedure).toBe('annex-vii');
    expect(run({ roles: ['provider'], annexIII: ['1.c'], harmonisedStandards: 'full' }).conformityProcedure).toBe('annex-vi-or-vii');
    for (const point of ['2', '3.a', '4.b', '5.d', '6.e', '7.c', '8.b'] as const) {
      expect(run({ roles: ['provider'], annexIII: [point] }).conformityProcedure).toBe('annex-vi');
    }
    expect(run({ roles: ['deployer'], annexIII: ['4.a'] }).conformityProcedure).toBeNull();
    expect(run({ roles: ['provider'], transparency: ['50.1'] }).conformityProcedure).toBeNull();
  });
});

describe('transitional dates (Art. 111)', () => {
  it('gives high-risk systems for public authorities placed before the cut-off until 2 Aug 2030', () => {
    const r = run({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true }, placedOnMarketAt: '2025-03-01' });
    expect(obligation(r, 'Art. 26')?.appliesFrom).toBe('2030-08-02');
    expect(obligation(r, 'Art. 27')?.appliesFrom).toBe('2030-08-02');
    expect(obligation(r, 'Art. 4')?.appliesFrom).toBe('2025-02-02');
    expect(refs(r)).toContain('Art. 111(2)');
    expect(obligation(run({ roles: ['deployer'], annexIII: ['6.d'], deployer: { publicAuthority: true }, placedOnMarketAt: '2026-09-01' }), 'Art. 26')?.appliesFrom).toBe('2027-12-02');
  });

  it('applies the high-risk duties to other legacy systems only after a significant design change', () => {
    const r = run({ roles: ['provider'], annexIII: ['4.a'], placedOnMarketAt: '2025-03-01' });
    expect(obligation(r, 'Art. 9')?.appliesFrom).toBeNull();
    expect(r.reasons.map((x) => x.code)).toContain('legacy-unchanged');
  });
});

describe('result shape and language', () => {
  it('answers minimal risk with every key present and AI literacy as the general duty', () => {
    const r = run({ roles: ['deployer'] });
    expect(r).toEqual({
      riskClass: 'minimal',
      highRiskRoute: null,
      prohibited: [],
      transparency: [],
      gpaiTier: 'none',
      effectiveRoles: ['deployer'],
      conformityProcedure: null,
      friaRequired: false,
      registrations: [],
      documentationDuty6_4: false,
      voluntaryApplication: false,
      voluntaryRiskClass: null,
      reasons: [expect.objectContaining({ code: 'minimal' })],
      obligations: [expect.objectContaining({ ref: 'Art. 4', appliesFrom: '2025-02-02' })],
      timelineAct: 'amended-2026',
    });
  });

  it('writes every reason in German or English, with no placeholder left', () => {
    const facts = { roles: ['provider', 'deployer'] as const, annexIII: ['6.d', '2'] as const, transparency: ['50.1', '50.3'] as const, deployer: { publicAuthority: true, employer: true }, gpai: { isGpaiModel: true, trainingComputeFlop: 2e25, openSource: true }, placedOnMarketAt: '2025-01-01', lawEnforcementOrMigrationContext: true };
    const de = run({ ...facts, roles: [...facts.roles], annexIII: [...facts.annexIII], transparency: [...facts.transparency] }, undefined, 'de');
    const en = run({ ...facts, roles: [...facts.roles], annexIII: [...facts.annexIII], transparency: [...facts.transparency] }, undefined, 'en');
    expect(de.reasons.length).toBe(en.reasons.length);
    expect(de.reasons.length).toBeGreaterThan(8);
    for (const r of [...de.reasons, ...en.reasons]) expect(r.text).not.toMatch(/\{\w+\}/);
    expect(de.reasons.find((r) => r.code === 'fria')!.text).toContain('Grundrechte-Folgenabschätzung');
    expect(en.reasons.find((r) => r.code === 'fria')!.text).toContain('fundamental rights impact assessment');
  });
});
