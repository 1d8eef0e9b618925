import type { CatalogRequirementItem } from '@konform/core';

export interface TreeNode {
  item: CatalogRequirementItem;
  children: TreeNode[];
}

/** Builds the requirement tree in document order; an item whose parent is not in the list becomes a root. */
export function buildTree(items: readonly CatalogRequirementItem[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const item of items) nodes.set(item.id, { item, children: [] });
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.id);
    if (node === undefined) continue;
    const parent = item.parentId === null ? undefined : nodes.get(item.parentId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  return roots;
}

/** Keeps the requirements applying on or before `date` (and those without a date), with their groups. */
export function filterByDate(items: readonly CatalogRequirementItem[], date: string): CatalogRequirementItem[] {
  if (date === '') return [...items];
  const keep = new Set<string>();
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const item of items) {
    if (item.kind !== 'requirement') continue;
    if (item.appliesFrom !== null && item.appliesFrom > date) continue;
    let current: CatalogRequirementItem | undefined = item;
    while (current !== undefined && !keep.has(current.id)) {
      keep.add(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
  }
  return items.filter((i) => keep.has(i.id));
}
