import { describe, expect, it } from 'vitest';
import { endOfDay, incidentDeadlines, isReportable, periodEnd, timeLeft, type IncidentAssessment, type IncidentClockInput } from './deadlines.js';

const NONE: IncidentAssessment = { death: false, seriousHealthHarm: false, criticalInfrastructure: false, fundamentalRights: false, propertyOrEnvironment: false, widespread: false };

function input(answers: Partial<IncidentAssessment>, extra: Partial<IncidentClockInput> = {}): IncidentClockInput {
  return {
    assessment: { ...NONE, ...answers }, awareAt: '2026-06-10T08:30:00Z', provider: true, providerUnreachable: false, providerInformedAt: null,
    reportSubmittedAt: null, rule: 'calendar-days', informProviderHours: 24, ...extra,
  };
}
const summary = (i: IncidentClockInput) => incidentDeadlines(i).map((d) => `${d.duty} ${d.ref} ${d.dueAt}${d.governing ? ' *' : ''}`);

describe('Art. 73 deadlines (provider)', () => {
  it('starts no clock for an incident that is not serious', () => {
    expect(isReportable(NONE)).toBe(false);
    expect(incidentDeadlines(input({}))).toEqual([]);
    expect(incidentDeadlines(input({ death: null }))).toEqual([]);
  });

  it('gives 15 days for a serious incident of another kind (Art. 73(2)), to the end of the day in Berlin (CEST)', () => {
    for (const q of ['seriousHealthHarm', 'fundamentalRights', 'propertyOrEnvironment'] as const) {
      expect(summary(input({ [q]: true }))).toEqual(['report-serious-incident Art. 73(2) 2026-06-25T21:59:59.999Z *']);
    }
  });

  it('gives 10 days for a death (Art. 73(4)) and keeps the 15 days listed', () => {
    expect(summary(input({ death: true }))).toEqual([
      'report-death Art. 73(4) 2026-06-20T21:59:59.999Z *',
      'report-serious-incident Art. 73(2) 2026-06-25T21:59:59.999Z',
    ]);
  });

  it('gives 2 days for a widespread infringement or a critical-infrastructure disruption (Art. 73(3))', () => {
    expect(summary(input({ widespread: true }))[0]).toBe('report-widespread Art. 73(3) 2026-06-12T21:59:59.999Z *');
    expect(summary(input({ criticalInfrastructure: true }))[0]).toBe('report-critical-infrastructure Art. 73(3) 2026-06-12T21:59:59.999Z *');
  });

  it('lists every deadline when several apply; the earliest governs', () => {
    expect(summary(input({ death: true, criticalInfrastructure: true, widespread: true }))).toEqual([
      'report-widespread Art. 73(3) 2026-06-12T21:59:59.999Z *',
      'report-critical-infrastructure Art. 73(3) 2026-06-12T21:59:59.999Z',
      'report-death Art. 73(4) 2026-06-20T21:59:59.999Z',
      'report-serious-incident Art. 73(2) 2026-06-25T21:59:59.999Z',
    ]);
  });

  it('marks every report deadline met once the initial report is submitted; none governs then', () => {
    const list = incidentDeadlines(input({ death: true }, { reportSubmittedAt: '2026-06-11T10:00:00Z' }));
    expect(list.every((d) => d.metAt === '2026-06-11T10:00:00Z' && !d.governing)).toBe(true);
  });

  it('counts the day of awareness out, also when awareness falls late in the evening (Berlin day, not UTC day)', () => {
    // 23:30 in Berlin on 10 June is still 10 June there, although 21:30 UTC.
    expect(summary(input({ widespread: true }, { awareAt: '2026-06-10T21:30:00Z' }))[0]).toContain('2026-06-12T21:59:59.999Z');
    // 00:30 in Berlin on 11 June is 22:30 UTC on 10 June: the period starts a day later.
    expect(summary(input({ widespread: true }, { awareAt: '2026-06-10T22:30:00Z' }))[0]).toContain('2026-06-13T21:59:59.999Z');
  });

  it('runs across month and year ends', () => {
    expect(periodEnd('2026-01-30T09:00:00Z', 2, 'calendar-days')).toBe('2026-02-01T22:59:59.999Z');
    expect(periodEnd('2026-02-20T09:00:00Z', 10, 'calendar-days')).toBe('2026-03-02T22:59:59.999Z');
    expect(periodEnd('2028-02-20T09:00:00Z', 10, 'calendar-days')).toBe('2028-03-01T22:59:59.999Z');
    expect(periodEnd('2026-12-20T09:00:00Z', 15, 'calendar-days')).toBe('2027-01-04T22:59:59.999Z');
  });

  it('ends the day at Berlin midnight across the spring change (last Sunday of March 2026: 29 March)', () => {
    // Aware 27 March (CET); 2 days → end of 29 March, which is already summer time (UTC+2).
    expect(periodEnd('2026-03-27T10:00:00Z', 2, 'calendar-days')).toBe('2026-03-29T21:59:59.999Z');
    expect(periodEnd('2026-03-27T10:00:00Z', 1, 'calendar-days')).toBe('2026-03-28T22:59:59.999Z');
    expect(endOfDay('2026-03-29')).toBe('2026-03-29T21:59:59.999Z');
    // Hours rule: 48 real hours, whatever the wall clock does.
    expect(periodEnd('2026-03-28T10:00:00Z', 2, 'hours')).toBe('2026-03-30T10:00:00.000Z');
  });

  it('ends the day at Berlin midnight across the autumn change (last Sunday of October 2026: 25 October)', () => {
    expect(periodEnd('2026-10-23T10:00:00Z', 2, 'calendar-days')).toBe('2026-10-25T22:59:59.999Z');
    expect(periodEnd('2026-10-23T10:00:00Z', 1, 'calendar-days')).toBe('2026-10-24T21:59:59.999Z');
    expect(endOfDay('2026-10-25')).toBe('2026-10-25T22:59:59.999Z');
    expect(periodEnd('2026-10-20T10:00:00Z', 10, 'hours')).toBe('2026-10-30T10:00:00.000Z');
  });

  it('counts from the awareness timestamp under the hours rule', () => {
    expect(summary(input({ death: true }, { rule: 'hours' }))).toEqual([
      'report-death Art. 73(4) 2026-06-20T08:30:00.000Z *',
      'report-serious-incident Art. 73(2) 2026-06-25T08:30:00.000Z',
    ]);
  });
});

describe('deployer duties (Art. 26(5))', () => {
  it('a deployer informs the provider on its own clock; Art. 73 does not run', () => {
    expect(summary(input({ death: true }, { provider: false }))).toEqual(['inform-provider Art. 26(5) 2026-06-11T08:30:00.000Z *']);
    expect(summary(input({ death: true }, { provider: false, informProviderHours: 4 }))).toEqual(['inform-provider Art. 26(5) 2026-06-10T12:30:00.000Z *']);
  });

  it('the Art. 73 clocks run for the deployer when the provider cannot be reached', () => {
    expect(summary(input({ widespread: true }, { provider: false, providerUnreachable: true }))).toEqual([
      'inform-provider Art. 26(5) 2026-06-11T08:30:00.000Z *',
      'report-widespread Art. 73(3) 2026-06-12T21:59:59.999Z',
      'report-serious-incident Art. 73(2) 2026-06-25T21:59:59.999Z',
    ]);
  });

  it('once the provider is informed, the next open deadline governs', () => {
    const list = incidentDeadlines(input({ widespread: true }, { provider: false, providerUnreachable: true, providerInformedAt: '2026-06-10T09:00:00Z' }));
    expect(list.find((d) => d.governing)?.duty).toBe('report-widespread');
  });

  it('a deployer has no duty for an incident that is not serious', () => {
    expect(incidentDeadlines(input({}, { provider: false }))).toEqual([]);
  });
});

describe('timeLeft', () => {
  it('counts days and hours, and overdue', () => {
    expect(timeLeft('2026-06-12T21:59:59.999Z', new Date('2026-06-10T08:30:00Z'))).toEqual({ overdue: false, days: 2, hours: 13 });
    expect(timeLeft('2026-06-12T21:59:59.999Z', new Date('2026-06-13T01:00:00Z'))).toEqual({ overdue: true, days: 0, hours: 3 });
  });
});
