import { describe, expect, it } from 'vitest';
import { isBreach, measurementDueState, meetsThreshold, nextMeasurementDue, type MonitoringComparator } from './rules.js';

describe('monitoring thresholds', () => {
  it('applies each comparator, with equality meeting ≥/≤ and breaching >/<', () => {
    const table: [MonitoringComparator, number, boolean][] = [
      ['>=', 0.91, false], ['>=', 0.9, false], ['>=', 0.89, true],
      ['>', 0.91, false], ['>', 0.9, true], ['>', 0.89, true],
      ['<=', 0.89, false], ['<=', 0.9, false], ['<=', 0.91, true],
      ['<', 0.89, false], ['<', 0.9, true], ['<', 0.91, true],
    ];
    for (const [comparator, value, breach] of table) {
      expect(isBreach(value, comparator, 0.9), `${value} ${comparator} 0.9`).toBe(breach);
      expect(meetsThreshold(value, comparator, 0.9)).toBe(!breach);
    }
  });

  it('never counts a non-number as a breach', () => {
    expect(isBreach(Number.NaN, '>=', 1)).toBe(false);
    expect(isBreach(Number.POSITIVE_INFINITY, '<', 1)).toBe(false);
  });

  it('handles negative thresholds and zero', () => {
    expect(isBreach(0, '>=', 0)).toBe(false);
    expect(isBreach(-0.5, '>', -1)).toBe(false);
    expect(isBreach(-1, '>', -1)).toBe(true);
  });
});

describe('measurement due dates', () => {
  it('counts calendar periods, months clamped to their last day', () => {
    expect(nextMeasurementDue('2026-11-27', 'daily')).toBe('2026-11-28');
    expect(nextMeasurementDue('2026-12-29', 'weekly')).toBe('2027-01-05');
    expect(nextMeasurementDue('2027-01-31', 'monthly')).toBe('2027-02-28');
    expect(nextMeasurementDue('2028-01-31', 'monthly')).toBe('2028-02-29');
    expect(nextMeasurementDue('2026-11-30', 'quarterly')).toBe('2027-02-28');
    expect(nextMeasurementDue('2026-12-15', 'yearly')).toBe('2027-12-15');
  });

  it('is overdue only after the due day, in Berlin', () => {
    // Measured late on 1 Dec in Berlin (23:30 UTC on 30 Nov is 00:30 on 1 Dec): a day counts from 1 Dec.
    const latest = '2026-11-30T23:30:00.000Z';
    expect(measurementDueState('daily', latest, '2026-11-01T00:00:00.000Z', new Date('2026-12-02T12:00:00Z'))).toEqual({ dueOn: '2026-12-02', overdue: false });
    expect(measurementDueState('daily', latest, '2026-11-01T00:00:00.000Z', new Date('2026-12-02T23:30:00Z'))).toEqual({ dueOn: '2026-12-02', overdue: true });
  });

  it('counts from activation when nothing was measured', () => {
    expect(measurementDueState('weekly', null, '2026-11-20T08:00:00.000Z', new Date('2026-11-27T10:00:00Z')).overdue).toBe(false);
    expect(measurementDueState('weekly', null, '2026-11-19T08:00:00.000Z', new Date('2026-11-27T10:00:00Z'))).toEqual({ dueOn: '2026-11-26', overdue: true });
  });
});
