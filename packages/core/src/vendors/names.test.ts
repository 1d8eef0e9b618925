import { describe, expect, it } from 'vitest';
import { normaliseVendorName, vendorNameKey } from './names.js';

describe('vendor names', () => {
  it('trims and collapses whitespace, keeping the spelling', () => {
    expect(normaliseVendorName('  Muster \t  Software\nGmbH ')).toBe('Muster Software GmbH');
  });

  it('gives names that differ only in case or whitespace the same key', () => {
    const keys = ['Muster GmbH', ' muster  gmbh', 'MUSTER GMBH\t'].map(vendorNameKey);
    expect(new Set(keys).size).toBe(1);
    expect(vendorNameKey('Ärzte & Söhne KG')).toBe(vendorNameKey('ÄRZTE & SÖHNE KG'));
    expect(vendorNameKey('Muster GmbH')).not.toBe(vendorNameKey('Muster AG'));
  });

  it('treats composed and decomposed umlauts alike', () => {
    expect(vendorNameKey('Mu\u0308ller')).toBe(vendorNameKey('Müller'));
  });
});
