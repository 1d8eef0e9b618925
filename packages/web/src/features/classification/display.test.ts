import { describe, expect, it } from 'vitest';
import { PROHIBITED_PRACTICES, TRANSPARENCY_CASES } from '@konform/core';
import de from '../../i18n/de.json';
import en from '../../i18n/en.json';
import { formatDate } from '../../i18n/format';
import { parseListParams, toApiQuery, toSearchParams } from '../inventory/list-params';
import { practiceKey, transparencyKey } from './ref-labels';
import { shortHash } from './short-hash';

describe('classification display helpers', () => {
  it('names every Art. 5 practice and Art. 50 case in both catalogues', () => {
    for (const ref of PROHIBITED_PRACTICES) {
      const key = practiceKey(ref);
      expect(key, ref).toBeDefined();
      expect(de.classification.practice[key!], ref).toBeTruthy();
      expect(en.classification.practice[key!], ref).toBeTruthy();
    }
    for (const ref of TRANSPARENCY_CASES) {
      const key = transparencyKey(ref);
      expect(key, ref).toBeDefined();
      expect(de.classification.transparencyCase[key!], ref).toBeTruthy();
    }
    expect(practiceKey('5.1.z')).toBeUndefined();
  });

  it('shortens a SHA-256 digest to its ends', () => {
    const hash = 'ae2602781f0c9d3b4a5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7048a1f475';
    expect(shortHash(hash)).toBe('ae260278…48a1f475');
    expect(shortHash(null)).toBe('–');
  });

  it('shows a calendar date as that day, whatever the time zone', () => {
    expect(formatDate('2027-12-02', 'de')).toBe('02.12.2027');
    expect(formatDate('2028-08-02', 'en')).toBe('Aug 2, 2028');
    expect(formatDate(null, 'de')).toBe('–');
  });

  it('keeps the risk-class and classification filters in the URL and sends them to the API', () => {
    const params = parseListParams(new URLSearchParams('riskClass=high&classification=unapproved'));
    expect(params.riskClass).toBe('high');
    expect(params.classification).toBe('unapproved');
    expect(toSearchParams(params).toString()).toBe('riskClass=high&classification=unapproved');
    expect(toApiQuery(params)).toMatchObject({ riskClass: 'high', classification: 'unapproved' });
    const bogus = parseListParams(new URLSearchParams('riskClass=severe&classification=maybe'));
    expect(bogus.riskClass).toBe('');
    expect(bogus.classification).toBe('');
  });
});
