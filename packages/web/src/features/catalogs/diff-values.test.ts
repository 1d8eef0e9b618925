import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { formatDiffValue } from './diff-values';

const t = ((key: string) => `<${key}>`) as unknown as TFunction;

describe('formatDiffValue', () => {
  it('shows an empty side as a dash', () => {
    expect(formatDiffValue('description', null, 'de', t)).toBe('–');
    expect(formatDiffValue('appliesFrom', undefined, 'en', t)).toBe('–');
  });

  it('formats effective dates in the UI language, without shifting the day', () => {
    expect(formatDiffValue('date', '2026-08-02', 'de', t)).toBe('02.08.2026');
    expect(formatDiffValue('date', '2027-12-02', 'en', t)).toBe('Dec 2, 2027');
  });

  it('picks the text of the UI language and lists evidence hints one per line', () => {
    expect(formatDiffValue('title', { de: 'Protokolle', en: 'Logs' }, 'en', t)).toBe('Logs');
    expect(formatDiffValue('evidence', [{ de: 'A', en: 'a' }, { de: 'B', en: 'b' }], 'de', t)).toBe('A\nB');
  });

  it('names roles, says so when a requirement binds the organisation as a whole, and shows conditions as JSON', () => {
    expect(formatDiffValue('roles', ['deployer', 'provider'], 'de', t)).toBe('<system.operatorRoles.deployer>, <system.operatorRoles.provider>');
    expect(formatDiffValue('roles', [], 'de', t)).toBe('<catalogs.rolesAll>');
    expect(formatDiffValue('appliesWhen', { riskClass: { in: ['high'] } }, 'de', t)).toBe('{"riskClass":{"in":["high"]}}');
  });

  it('uses the German citation style for references in German', () => {
    expect(formatDiffValue('ref', 'Art. 26(6)', 'de', t)).toBe('Art. 26 Abs. 6');
    expect(formatDiffValue('ref', 'Art. 26(6)', 'en', t)).toBe('Art. 26(6)');
  });
});
