import { describe, expect, it } from 'vitest';
import type { CatalogRequirementItem } from '@konform/core';
import { buildTree, filterByDate } from './catalog-tree';

function item(id: string, parentId: string | null, kind: 'group' | 'requirement', appliesFrom: string | null = null): CatalogRequirementItem {
  return {
    id,
    key: `c:${id}`,
    catalogId: 'c',
    ref: id,
    kind,
    title: { de: id, en: id },
    description: null,
    roles: [],
    appliesWhen: null,
    appliesFrom,
    parentId,
    evidence: [],
    measures: [],
    mappings: [],
  };
}

const items = [item('ch3', null, 'group'), item('a26', 'ch3', 'requirement', '2026-08-02'), item('a4', null, 'requirement', '2025-02-02')];

describe('catalogue tree', () => {
  it('nests requirements under their groups in document order', () => {
    const tree = buildTree(items);
    expect(tree.map((n) => n.item.id)).toEqual(['ch3', 'a4']);
    expect(tree[0]?.children.map((n) => n.item.id)).toEqual(['a26']);
  });

  it('treats an item whose parent was filtered out as a root', () => {
    expect(buildTree([items[1]!]).map((n) => n.item.id)).toEqual(['a26']);
  });

  it('filters by the date a requirement applies from and keeps its groups', () => {
    expect(filterByDate(items, '2025-12-31').map((i) => i.id)).toEqual(['a4']);
    expect(filterByDate(items, '2026-08-02').map((i) => i.id)).toEqual(['ch3', 'a26', 'a4']);
    expect(filterByDate(items, '').length).toBe(3);
  });
});
