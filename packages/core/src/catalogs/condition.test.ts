import { describe, expect, it } from 'vitest';
import { ApplicabilityCondition, evaluateApplicability, type ConditionContext } from './condition.js';

const ctx: ConditionContext = {
  result: { riskClass: 'high', effectiveRoles: ['deployer'], highRiskRoute: 'annex-iii' },
  facts: { deployer: { publicAuthority: true }, annexIII: ['6.d'] },
  system: { lifecycleStage: 'operation' },
};

describe('applicability conditions', () => {
  it('evaluates leaves and explains the deciding parts', () => {
    const cond = ApplicabilityCondition.parse({
      all: [{ path: 'result.riskClass', equals: 'high' }, { path: 'result.effectiveRoles', includes: 'deployer' }, { path: 'facts.deployer.publicAuthority', equals: true }],
    });
    expect(evaluateApplicability(cond, ctx)).toEqual({ applies: true, why: ['result.riskClass = high', 'result.effectiveRoles ∋ deployer', 'facts.deployer.publicAuthority = true'] });
  });

  it('names what failed when a condition does not apply', () => {
    const out = evaluateApplicability({ all: [{ path: 'result.riskClass', in: ['high'] }, { path: 'result.effectiveRoles', includes: 'provider' }] }, ctx);
    expect(out).toEqual({ applies: false, why: ['result.effectiveRoles ∌ provider'] });
  });

  it('supports any, not, includesAny, always, and treats a missing flag as false', () => {
    expect(evaluateApplicability({ any: [{ path: 'facts.annexIII', includesAny: ['1.a', '6.d'] }, { always: true }] }, ctx).applies).toBe(true);
    expect(evaluateApplicability({ not: { path: 'system.lifecycleStage', equals: 'retired' } }, ctx).applies).toBe(true);
    expect(evaluateApplicability({ path: 'facts.deployer.employer', equals: false }, ctx).applies).toBe(true);
    expect(evaluateApplicability({ path: 'facts.missing.deep', includes: 'x' }, ctx).applies).toBe(false);
  });

  it('compares dates: before and on-or-after, a missing date matching neither', () => {
    const dated: ConditionContext = { ...ctx, facts: { placedOnMarketAt: '2025-03-01' } };
    expect(evaluateApplicability({ path: 'facts.placedOnMarketAt', before: '2026-08-02' }, dated)).toEqual({ applies: true, why: ['facts.placedOnMarketAt < 2026-08-02'] });
    expect(evaluateApplicability({ path: 'facts.placedOnMarketAt', onOrAfter: '2025-03-01' }, dated).applies).toBe(true);
    expect(evaluateApplicability({ path: 'facts.placedOnMarketAt', before: '2025-03-01' }, dated).applies).toBe(false);
    expect(evaluateApplicability({ path: 'facts.placedOnMarketAt', before: '2030-01-01' }, ctx).applies).toBe(false);
    expect(ApplicabilityCondition.safeParse({ path: 'facts.placedOnMarketAt', before: 'soon' }).success).toBe(false);
  });

  it('refuses paths outside the context and unknown operators', () => {
    expect(ApplicabilityCondition.safeParse({ path: 'process.env', equals: 1 }).success).toBe(false);
    expect(ApplicabilityCondition.safeParse({ path: 'result.riskClass', matches: '.*' }).success).toBe(false);
  });
});
