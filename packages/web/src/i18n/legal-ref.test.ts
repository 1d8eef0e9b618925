import { describe, expect, it } from 'vitest';
import { formatLegalRef } from './legal-ref';

describe('legal references in German citation style', () => {
  it.each([
    ['Art. 4', 'Art. 4'],
    ['Art. 26(6)', 'Art. 26 Abs. 6'],
    ['Art. 5(1)(h)', 'Art. 5 Abs. 1 Buchst. h'],
    ['Art. 5(1)(h)(iii)', 'Art. 5 Abs. 1 Buchst. h Ziff. iii'],
    ['Art. 17(1)(a)–(e)', 'Art. 17 Abs. 1 Buchst. a–e'],
    ['Art. 6(2), Annex III 6(d)', 'Art. 6 Abs. 2, Anhang III Nr. 6 Buchst. d'],
    ['Annex III 2', 'Anhang III Nr. 2'],
    ['Art. 49(1), Art. 49(4)', 'Art. 49 Abs. 1, Art. 49 Abs. 4'],
    ['Art. 5(1) (2026 amendment)', 'Art. 5 Abs. 1 (Änderung 2026)'],
    ['Art. 6(3), last subparagraph', 'Art. 6 Abs. 3, letzter Unterabsatz'],
    ['Art. 5(2)–(7)', 'Art. 5 Abs. 2–7'],
    ['Chapter III', 'Kapitel III'],
    ['GOVERN 1.1', 'GOVERN 1.1'],
    ['A.6.2.8', 'A.6.2.8'],
    ['SR-01', 'SR-01'],
  ])('%s → %s', (ref, german) => {
    expect(formatLegalRef(ref, 'de')).toBe(german);
    expect(formatLegalRef(ref, 'en')).toBe(ref);
  });
});
