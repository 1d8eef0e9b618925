import { describe, expect, it } from 'vitest';
import type { CatalogVersionEntry } from '@konform/core';
import { previousVersionOf } from './version-order';

function entry(version: string, state: CatalogVersionEntry['state']): CatalogVersionEntry {
  return {
    catalogId: 'c',
    version,
    title: { de: 'K', en: 'C' },
    state,
    format: 'konform-yaml',
    fileName: null,
    importedAt: '2026-01-01T00:00:00Z',
    importedBy: 'A',
    decidedAt: null,
    decidedBy: null,
  };
}

// Newest first, as the API lists them.
const versions = [entry('4', 'discarded'), entry('3', 'active'), entry('2b', 'discarded'), entry('2', 'superseded'), entry('1', 'superseded')];

describe('previousVersionOf', () => {
  it('compares an accepted version with the next older accepted one, skipping discarded ones', () => {
    expect(previousVersionOf(versions, '3', '3')).toBe('2');
    expect(previousVersionOf(versions, '2', '3')).toBe('1');
  });

  it('compares a discarded version with the active one', () => {
    expect(previousVersionOf(versions, '4', '3')).toBe('3');
    expect(previousVersionOf(versions, '2b', null)).toBeNull();
  });

  it('has nothing to compare the oldest version or an unknown one with', () => {
    expect(previousVersionOf(versions, '1', '3')).toBeNull();
    expect(previousVersionOf(versions, 'x', '3')).toBeNull();
  });
});
