import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '@konform/core';
import { CatalogRegistry } from './registry.js';
import { catalogDir } from './eu-ai-act.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/catalogs/', import.meta.url));

describe('catalogue registry', () => {
  const temp: string[] = [];
  afterEach(() => {
    for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-registry-'));
    temp.push(dir);
    cpSync(fixtures, dir, { recursive: true });
    return dir;
  };

  it('loads catalogues, measures and mappings and indexes them', () => {
    const registry = CatalogRegistry.load(fixtures);
    expect(registry.list().map((c) => [c.catalog.id, c.source])).toEqual([['eu-ai-act', 'bundled'], ['iso-42001', 'bundled']]);
    expect(registry.requirement('eu-ai-act:art-26-6')).toMatchObject({ catalogId: 'eu-ai-act', parentKey: 'eu-ai-act:ch-3', topKey: 'eu-ai-act:ch-3' });
    expect(registry.requirement('eu-ai-act:art-50-1')?.topKey).toBe('eu-ai-act:art-50-1');
    expect(registry.childrenOf('eu-ai-act:ch-3')).toEqual(['eu-ai-act:art-12-1', 'eu-ai-act:art-26-6', 'eu-ai-act:art-27']);
    expect(registry.measuresFor('eu-ai-act:art-26-6').map((m) => m.id)).toEqual(['m-logging']);
    expect(registry.mappingsOf('iso-42001:a-9-2').map((m) => [m.key, m.relation])).toEqual([['eu-ai-act:art-26-6', 'subset']]);
    expect(registry.mappingsOf('eu-ai-act:art-26-6').map((m) => [m.key, m.relation])).toEqual([['iso-42001:a-9-2', 'superset'], ['iso-42001:a-5-2', 'intersects']]);
    // Work on art-26-6 also meets what it covers (a-9-2 is a subset of it), not what it merely intersects.
    expect(registry.coveredBy('eu-ai-act:art-26-6')).toEqual(['eu-ai-act:art-26-6', 'iso-42001:a-9-2']);
    expect(registry.coveredBy('iso-42001:a-9-2')).toEqual(['iso-42001:a-9-2']);
  });

  it('merges imported internal catalogues into a new generation; bundled ids win', () => {
    const registry = CatalogRegistry.load(fixtures);
    const internal = Catalog.parse({
      id: 'house', version: '1', kind: 'internal', title: { de: 'Haus', en: 'House' }, publisher: 'x', source: 'x', licence: 'x',
      requirements: [{ id: 'h-1', ref: 'H1', title: { de: 'Eins', en: 'One' } }],
    });
    const merged = registry.withImported([{ catalog: internal }, { catalog: { ...internal, id: 'iso-42001' } }]);
    expect(merged.generation).not.toBe(registry.generation);
    expect(merged.list().map((c) => [c.catalog.id, c.source])).toEqual([['eu-ai-act', 'bundled'], ['iso-42001', 'bundled'], ['house', 'imported']]);
    expect(merged.requirement('house:h-1')?.topKey).toBe('house:h-1');
    expect(merged.isBundled('house')).toBe(false);
    expect(registry.get('house')).toBeUndefined();
  });

  it('names the file and the path of an invalid entry', () => {
    const dir = copy();
    const file = path.join(dir, 'iso-42001/catalog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ref: A.5.2', 'ref: ""'));
    expect(() => CatalogRegistry.load(dir)).toThrow(/iso-42001\/catalog\.yaml is invalid:\n {2}at requirements\[3\]\.ref: /);
  });

  it('refuses links to unknown requirements, an id that differs from its folder, and broken YAML', () => {
    let dir = copy();
    let file = path.join(dir, 'measures/measures.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('eu-ai-act:art-4]', 'eu-ai-act:art-99]'));
    expect(() => CatalogRegistry.load(dir)).toThrow(/measures\.yaml is invalid:\n {2}at measures\[1\]\.requirements\[0\]: unknown requirement eu-ai-act:art-99/);
    dir = copy();
    file = path.join(dir, 'mappings/eu-ai-act--iso-42001.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('to: iso-42001:a-5-2', 'to: iso-42001:a-5-3'));
    expect(() => CatalogRegistry.load(dir)).toThrow(/eu-ai-act--iso-42001\.yaml is invalid:\n {2}at mappings\[2\]\.to: unknown requirement iso-42001:a-5-3/);
    dir = copy();
    file = path.join(dir, 'iso-42001/catalog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: iso-42001', 'id: iso-42001-x'));
    expect(() => CatalogRegistry.load(dir)).toThrow(/at id: the id must equal the folder name "iso-42001"/);
    dir = copy();
    writeFileSync(path.join(dir, 'iso-42001/catalog.yaml'), 'requirements: [unclosed');
    expect(() => CatalogRegistry.load(dir)).toThrow(/iso-42001\/catalog\.yaml is not valid YAML/);
  });

  it('loads an empty root without catalogues', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'konform-registry-empty-'));
    temp.push(dir);
    expect(CatalogRegistry.load(dir).list()).toEqual([]);
  });

  it.runIf(existsSync(path.join(catalogDir(undefined, {}), 'eu-ai-act/catalog.yaml')))('loads the shipped catalogues in catalogs/', () => {
    const registry = CatalogRegistry.load(catalogDir(undefined, {}));
    expect(registry.list().length).toBeGreaterThan(0);
    expect(registry.measures().length).toBeGreaterThan(0);
  });
});
