import { describe, expect, it } from 'vitest';
import { assessmentComplete, assessmentStartRefusal, certificateValidity, changeFollowUps, nextStep, stepSignRefusal, validityPeriodError, type StepState } from './rules.js';

const steps = (signed: number, prepared = 3): StepState[] =>
  (['qms', 'technical-documentation', 'consistency'] as const).map((key, i) => ({ key, prepared: i < prepared, signed: i < signed }));

describe('Annex VI step order', () => {
  it('signs steps in order, only when prepared and only once', () => {
    expect(stepSignRefusal(steps(0), 'qms')).toBeNull();
    expect(stepSignRefusal(steps(0), 'technical-documentation')).toBe('earlier-step-open');
    expect(stepSignRefusal(steps(1), 'technical-documentation')).toBeNull();
    expect(stepSignRefusal(steps(1), 'qms')).toBe('already-signed');
    expect(stepSignRefusal(steps(2, 2), 'consistency')).toBe('not-prepared');
    expect(stepSignRefusal([], 'qms')).toBe('not-prepared');
  });
  it('names the next step and completes when all are signed', () => {
    const none = { certificateNumber: '', validFrom: null, validUntil: null };
    expect(nextStep(steps(0))).toBe('qms');
    expect(nextStep(steps(2))).toBe('consistency');
    expect(nextStep(steps(3))).toBeNull();
    expect(assessmentComplete('annex-vi', steps(2), none)).toBe(false);
    expect(assessmentComplete('annex-vi', steps(3), none)).toBe(true);
  });
});

describe('Annex VII completion and certificate validity', () => {
  const cert = { certificateNumber: 'NB 0123-45', validFrom: '2026-01-01', validUntil: '2029-12-31' };
  it('completes only with a certificate number and both validity dates', () => {
    expect(assessmentComplete('annex-vii', [], cert)).toBe(true);
    expect(assessmentComplete('annex-vii', [], { ...cert, certificateNumber: ' ' })).toBe(false);
    expect(assessmentComplete('annex-vii', [], { ...cert, validUntil: null })).toBe(false);
    expect(assessmentComplete('annex-vii', steps(3), { certificateNumber: '', validFrom: null, validUntil: null })).toBe(false);
  });
  it('computes the validity on a day, the last day still valid', () => {
    expect(certificateValidity({ certificateNumber: '', validFrom: null, validUntil: null }, '2026-06-01')).toBe('none');
    expect(certificateValidity(cert, '2025-12-31')).toBe('not-yet-valid');
    expect(certificateValidity(cert, '2026-06-01')).toBe('valid');
    expect(certificateValidity(cert, '2029-10-02')).toBe('expiring');
    expect(certificateValidity(cert, '2029-10-01')).toBe('valid');
    expect(certificateValidity(cert, '2029-12-31')).toBe('expiring');
    expect(certificateValidity(cert, '2030-01-01')).toBe('expired');
  });
  it('refuses a period that ends before it starts', () => {
    expect(validityPeriodError('2026-02-01', '2026-01-31')).toMatch(/end/);
    expect(validityPeriodError('2026-02-01', '2026-02-01')).toBeNull();
    expect(validityPeriodError(null, '2026-02-01')).toBeNull();
  });
});

describe('change control follow-ups', () => {
  const context = { releasedGateIds: ['g1', 'g2'], classified: true };
  it('opens nothing for a change that is not substantial', () => {
    expect(changeFollowUps(false, context)).toEqual([]);
  });
  it('reopens classification, every released gate and the conformity assessment for a substantial one', () => {
    expect(changeFollowUps(true, context).map((f) => [f.kind, f.ref ?? null, f.dueInDays])).toEqual([
      ['classification-review', null, 14],
      ['lab-gate-rerun', 'g1', 30],
      ['lab-gate-rerun', 'g2', 30],
      ['conformity-reassessment', null, 30],
    ]);
  });
  it('needs a new conformity assessment even without gates or a classification (Art. 43(4))', () => {
    expect(changeFollowUps(true, { releasedGateIds: [], classified: false }).map((f) => f.kind)).toEqual(['conformity-reassessment']);
  });
  it('allows one assessment in progress at a time', () => {
    expect(assessmentStartRefusal(['completed', 'reopened'])).toBeNull();
    expect(assessmentStartRefusal(['completed', 'in-progress'])).toBe('assessment-in-progress');
  });
});
