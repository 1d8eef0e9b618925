import { describe, expect, it } from 'vitest';
import { catalogExportUrl } from '../catalogs/export-urls';
import { portfolioMatrixExportUrl, systemMatrixExportUrl } from './matrix-export-urls';

describe('export links', () => {
  it('name the system, format, UI language and row selection', () => {
    expect(systemMatrixExportUrl('sys 1', 'xlsx', 'de', false)).toBe('/api/systems/sys%201/requirements/export?format=xlsx&lang=de&applies=true');
    expect(systemMatrixExportUrl('s', 'csv', 'en', true)).toBe('/api/systems/s/requirements/export?format=csv&lang=en&applies=all');
  });

  it('fall back to German for any other UI language', () => {
    expect(portfolioMatrixExportUrl('csv', 'fr')).toBe('/api/requirements/export?format=csv&lang=de');
  });

  it('leave the version out of a catalogue export unless one is named', () => {
    expect(catalogExportUrl('eu-ai-act', 'oscal')).toBe('/api/catalogs/eu-ai-act/export?format=oscal');
    expect(catalogExportUrl('hausregeln', 'xlsx', '2026-2')).toBe('/api/catalogs/hausregeln/export?format=xlsx&version=2026-2');
  });
});
