import { describe, expect, it } from 'vitest';
import { EMPTY_FRIA_CONTENT, type FriaState, type FriaVersion } from '@konform/core';
import { friaExportUrl, riskReportUrl } from './export-urls';
import { defaultExportNumber, holds, initialContent, nextNumber, sameContent, savePayload, saveVersion, suggestionFor } from './fria-model';

const version = (over: Partial<FriaVersion>): FriaVersion => ({
  number: 1, state: 'draft', content: { ...EMPTY_FRIA_CONTENT, processes: 'Antragsprüfung' }, version: 4,
  createdBy: 'A', createdAt: '2026-01-01T00:00:00Z', updatedBy: 'A', updatedAt: '2026-01-02T00:00:00Z',
  approvedBy: null, approvedAt: null, signatureId: null, ...over,
});

const SUGGESTIONS: FriaState['suggestions'] = {
  processes: 'Zweck\n\nKontext', affectedCategories: '', risksOfHarm: 'R-1 Benachteiligung', riskIds: ['r1', 'r2'], humanOversight: 'Protokollierung',
};

describe('FRIA saves', () => {
  it('send the draft\'s version, or 0 to start a new draft when there is none or the newest is approved', () => {
    expect(saveVersion(null)).toBe(0);
    expect(saveVersion(version({ state: 'draft', version: 4 }))).toBe(4);
    expect(saveVersion(version({ state: 'approved', version: 4 }))).toBe(0);
    expect(nextNumber(null)).toBe(1);
    expect(nextNumber(version({ number: 2, state: 'draft' }))).toBe(2);
    expect(nextNumber(version({ number: 2, state: 'approved' }))).toBe(3);
  });

  it('trim texts like the server and leave out an empty reason', () => {
    const values = { ...EMPTY_FRIA_CONTENT, processes: '  Antragsprüfung \n', riskIds: ['r1'] };
    expect(savePayload(null, values, '  ')).toEqual({ version: 0, content: { ...EMPTY_FRIA_CONTENT, processes: 'Antragsprüfung', riskIds: ['r1'] } });
    expect(savePayload(version({}), values, ' Pilot ').reason).toBe('Pilot');
  });

  it('count trailing spaces and the order of risks as no change', () => {
    const stored = initialContent(version({ content: { ...EMPTY_FRIA_CONTENT, processes: 'A', riskIds: ['r1', 'r2'] } }));
    expect(sameContent({ ...stored, processes: 'A  ', riskIds: ['r2', 'r1'] }, stored)).toBe(true);
    expect(sameContent({ ...stored, riskIds: ['r1'] }, stored)).toBe(false);
    expect(initialContent(null)).toEqual(EMPTY_FRIA_CONTENT);
  });
});

describe('FRIA suggestions', () => {
  it('exist for (a), (c), (d) and (e) only where the records hold something; (d) also picks the risks', () => {
    expect(suggestionFor('a', SUGGESTIONS)).toEqual({ processes: 'Zweck\n\nKontext' });
    expect(suggestionFor('b', SUGGESTIONS)).toBeNull();
    expect(suggestionFor('c', SUGGESTIONS)).toBeNull();
    expect(suggestionFor('d', SUGGESTIONS)).toEqual({ risksOfHarm: 'R-1 Benachteiligung', riskIds: ['r1', 'r2'] });
    expect(suggestionFor('f', SUGGESTIONS)).toBeNull();
  });

  it('count as applied when every field holds the suggested value', () => {
    const patch = suggestionFor('d', SUGGESTIONS)!;
    expect(holds({ ...EMPTY_FRIA_CONTENT, risksOfHarm: 'R-1 Benachteiligung', riskIds: ['r2', 'r1'] }, patch)).toBe(true);
    expect(holds({ ...EMPTY_FRIA_CONTENT, risksOfHarm: 'R-1 Benachteiligung', riskIds: [] }, patch)).toBe(false);
  });
});

describe('FRIA export', () => {
  it('defaults to the approved version, else the newest', () => {
    expect(defaultExportNumber({ approved: version({ number: 2, state: 'approved' }), versions: [] })).toBe(2);
    const versions = [{ number: 3, state: 'draft' as const, approvedBy: null, approvedAt: null, updatedAt: '2026-01-03T00:00:00Z' }];
    expect(defaultExportNumber({ approved: null, versions })).toBe(3);
    expect(defaultExportNumber({ approved: null, versions: [] })).toBeNull();
  });

  it('links the notification and the risk report in the UI language', () => {
    expect(friaExportUrl('s 1', 'pdf', 'de', 2)).toBe('/api/systems/s%201/fria/export?format=pdf&lang=de&number=2');
    expect(friaExportUrl('s', 'md', 'en', null)).toBe('/api/systems/s/fria/export?format=md&lang=en');
    expect(riskReportUrl('s', 'xlsx', 'fr')).toBe('/api/systems/s/risks/export?format=xlsx&lang=de');
  });
});
