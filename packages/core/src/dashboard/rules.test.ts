import { describe, expect, it } from 'vitest';
import { highRiskLevels, inOrder, isReady, legalDateLabel, progressCounts } from './rules.js';

describe('progressCounts', () => {
  it('leaves not-applicable rows out of the relevant ones and rounds the percentage down', () => {
    expect(progressCounts({ open: 1, 'in-progress': 1, implemented: 3, verified: 1, 'not-applicable': 5, bogus: 9 })).toEqual({
      open: 1, inProgress: 1, implemented: 3, verified: 1, notApplicable: 5, relevant: 6, done: 4, percent: 66,
    });
  });
  it('has no percentage when nothing is relevant', () => {
    expect(progressCounts({ 'not-applicable': 2 }).percent).toBeNull();
    expect(progressCounts({}).relevant).toBe(0);
  });
});

describe('isReady', () => {
  const ready = { classificationApproved: true, pendingRows: 0, settledRows: 3 };
  it('is ready only with an approved classification, nothing pending and something settled', () => {
    expect(isReady(ready)).toBe(true);
    expect(isReady({ ...ready, classificationApproved: false })).toBe(false);
    expect(isReady({ ...ready, pendingRows: 1 })).toBe(false);
    expect(isReady({ ...ready, settledRows: 0 })).toBe(false);
  });
});

describe('legalDateLabel', () => {
  const title = { de: 'Hochrisiko-KI-Systeme nach Anhang III (Art. 6 Abs. 2)', en: 'High-risk AI systems under Annex III (Art. 6(2))' };
  it('names the route, the date and the systems not ready', () => {
    expect(legalDateLabel('annex-iii-high-risk', title, '2027-12-02', false, 4, 9)).toEqual({
      de: 'Pflichten für Hochrisiko-KI-Systeme nach Anhang III gelten ab 2. Dezember 2027: 4 Systeme von 9 nicht bereit',
      en: 'Annex III obligations apply from 2 December 2027: 4 systems of 9 not ready',
    });
  });
  it('speaks of the past and of one system, and falls back to the group title', () => {
    const label = legalDateLabel('other', title, '2025-02-02', true, 1, 1);
    expect(label.en).toBe('High-risk AI systems under Annex III (Art. 6(2)) have applied since 2 February 2025: 1 system of 1 not ready');
    expect(label.de).toContain('gelten seit 2. Februar 2025: 1 System von 1');
  });
});

describe('highRiskLevels', () => {
  it('takes the two highest ranks whatever the order', () => {
    expect(highRiskLevels([{ id: 'a', rank: 2 }, { id: 'd', rank: 4 }, { id: 'b', rank: 1 }, { id: 'c', rank: 3 }])).toEqual(['d', 'c']);
  });
});

describe('inOrder', () => {
  it('fills missing keys with zero and keeps the order', () => {
    expect(inOrder(['x', 'y', 'z'], new Map([['z', 2], ['x', 1], ['w', 7]]))).toEqual([{ key: 'x', count: 1 }, { key: 'y', count: 0 }, { key: 'z', count: 2 }]);
  });
});
