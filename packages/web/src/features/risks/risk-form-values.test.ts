import { describe, expect, it } from 'vitest';
import type { Risk } from '@konform/core';
import { createPayload, emptyRiskValues, riskValues, updatePayload } from './risk-form-values';

const RISK: Risk = {
  id: 'r1', systemId: 's1', number: 3, title: 'Benachteiligung nach Herkunft', description: 'Sprache steuert die Zuordnung.', sourceId: 'harm-discrimination',
  affected: ['fundamental-rights'], rights: ['non-discrimination'], affectedGroups: 'Antragstellende', likelihood: 4, impact: 4,
  inherentLevel: { id: 'hoch', label: { de: 'hoch', en: 'high' }, color: '#fc8d59', rank: 3 }, treatment: 'reduce', measures: ['m-logging'],
  residualLikelihood: null, residualImpact: null, residualLevel: null, owner: 'Referat Z 4', status: 'accepted', nextReview: '2027-01-31', reviewOverdue: false,
  acceptance: { state: 'accepted', level: 'hoch', required: 1, roles: ['governance'], deputies: ['admin'], signatures: [] },
  version: 7, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z',
};

describe('risk form payloads', () => {
  it('creates with trimmed fields, nulls for what is not given, and no rights unless fundamental rights are affected', () => {
    const values = { ...emptyRiskValues(), title: '  Modelldrift ', rights: ['privacy' as const], affected: ['operations' as const], likelihood: 2 };
    expect(createPayload(values)).toEqual({
      title: 'Modelldrift', description: '', sourceId: null, affected: ['operations'], rights: [], affectedGroups: '', likelihood: 2, impact: null,
      treatment: null, measures: [], residualLikelihood: null, residualImpact: null, owner: '', nextReview: null,
    });
  });

  it('sends nothing when the form is saved untouched (an acceptance stays valid)', () => {
    expect(updatePayload(RISK, riskValues(RISK))).toBeNull();
    expect(updatePayload(RISK, { ...riskValues(RISK), reason: 'nur angesehen' })).toBeNull();
  });

  it('sends only changed fields with the version it was loaded at', () => {
    const values = { ...riskValues(RISK), residualLikelihood: 2, residualImpact: 3, measures: ['m-logging', 'm-oversight'], reason: ' Maßnahme wirkt ' };
    expect(updatePayload(RISK, values)).toEqual({ version: 7, measures: ['m-logging', 'm-oversight'], residualLikelihood: 2, residualImpact: 3, reason: 'Maßnahme wirkt' });
  });

  it('keeps an accepted status unless the user picks another one, and clears rights with the fundamental-rights box', () => {
    expect(riskValues(RISK).status).toBe('');
    expect(updatePayload(RISK, { ...riskValues(RISK), status: 'closed' })).toEqual({ version: 7, status: 'closed' });
    expect(updatePayload(RISK, { ...riskValues(RISK), affected: ['health'] })).toEqual({ version: 7, affected: ['health'], rights: [] });
    expect(updatePayload(RISK, { ...riskValues(RISK), nextReview: '' })).toEqual({ version: 7, nextReview: null });
  });
});
