import { describe, expect, it } from 'vitest';
import { addCalendarDays, retentionCutoff, retentionLastDay, startOfDay } from '@konform/core';

/** Whether the retention sweep at `now` erases a record whose period started at `start`. */
const swept = (start: string, now: string, months: number) => start < retentionCutoff(new Date(now), months);

describe('retention of superseded document versions (Art. 18 AI Act)', () => {
  it('keeps a version the configured period from the day it was superseded in Berlin', () => {
    expect(retentionLastDay('2026-11-27T10:00:00.000Z', 120)).toBe('2036-11-27');
    expect(retentionLastDay('2026-11-27T10:00:00.000Z', 180)).toBe('2041-11-27');
    // 23:30 UTC on 31 December is already 1 January in Berlin.
    expect(retentionLastDay('2026-12-31T23:30:00.000Z', 120)).toBe('2037-01-01');
  });

  it('turns a day the last month lacks into its last day', () => {
    expect(retentionLastDay('2028-02-29T12:00:00.000Z', 120)).toBe('2038-02-28');
    expect(retentionLastDay('2027-01-31T12:00:00.000Z', 1)).toBe('2027-02-28');
  });

  it('is the rule of the sweep: kept through the shown day, erased from the day after', () => {
    const starts = ['2026-11-27T10:00:00.000Z', '2026-12-31T23:30:00.000Z', '2028-02-29T12:00:00.000Z', '2027-01-29T08:00:00.000Z', '2027-01-31T22:59:59.999Z', '2027-03-28T01:30:00.000Z', '2027-10-31T00:30:00.000Z'];
    for (const months of [1, 13, 120, 180]) {
      for (const start of starts) {
        const last = retentionLastDay(start, months);
        // The first and last instants of the shown day in Berlin (winter and summer time alike).
        for (const time of ['T00:00:00+01:00', 'T00:00:00+02:00', 'T21:59:59.999Z', 'T22:59:59.999Z']) {
          const at = `${last}${time}`;
          if (new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(at)) !== last) continue;
          expect(swept(start, new Date(at).toISOString(), months), `${start} +${months} at ${at}`).toBe(false);
        }
        expect(swept(start, new Date(startOfDay(addCalendarDays(last, 1))).toISOString(), months), `${start} +${months}`).toBe(true);
      }
    }
  });
});
