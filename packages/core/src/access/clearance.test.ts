import { describe, expect, it } from 'vitest';
import { exportMarking, highestMarking, markingRank, mayRead, readableLevels } from './clearance.js';

describe('need-to-know (clearance against classification level)', () => {
  it('lets a clearance read its own level and below, never above', () => {
    expect(mayRead('offen', 'offen')).toBe(true);
    expect(mayRead('offen', 'VS-NfD')).toBe(false);
    expect(mayRead('VS-NfD', 'VS-NfD')).toBe(true);
    expect(mayRead('VS-NfD', 'offen')).toBe(true);
    expect(readableLevels('offen')).toEqual(['offen']);
    expect(readableLevels('VS-NfD')).toEqual(['offen', 'VS-NfD']);
  });

  it('treats an unknown level as the highest (fail closed)', () => {
    expect(markingRank('geheim')).toBe(markingRank('VS-NfD'));
    expect(mayRead('offen', 'geheim')).toBe(false);
  });

  it('finds the highest level of a set and marks an export by it', () => {
    expect(highestMarking([])).toBe('offen');
    expect(highestMarking(['offen', null, undefined])).toBe('offen');
    expect(highestMarking(['offen', 'VS-NfD', 'offen'])).toBe('VS-NfD');
    expect(exportMarking(null, ['offen'])).toBeNull();
    expect(exportMarking(null, ['offen', 'VS-NfD'])).toBe('VS – NUR FÜR DEN DIENSTGEBRAUCH');
    expect(exportMarking('VS – NUR FÜR DEN DIENSTGEBRAUCH', ['offen'])).toBe('VS – NUR FÜR DEN DIENSTGEBRAUCH');
  });
});
