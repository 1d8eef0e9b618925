import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListPage, OrgUnit, OrgUnitCreate, OrgUnitUpdate } from '@konform/core';
import { api } from '../../api/client';

export const orgUnitKeys = { all: ['org-units'] as const };

export function useOrgUnits() {
  return useQuery({
    queryKey: orgUnitKeys.all,
    queryFn: () => api.get<ListPage<OrgUnit>>('/org-units', { limit: 500 }),
    select: (page) => page.items,
  });
}

export interface UnitNode {
  unit: OrgUnit;
  depth: number;
  path: string;
  children: UnitNode[];
}

/** Builds the unit tree from parent links, siblings sorted by name. */
export function buildUnitTree(units: readonly OrgUnit[]): UnitNode[] {
  const byParent = new Map<string | null, OrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(unit);
    byParent.set(parent, list);
  }
  const build = (parent: string | null, depth: number, prefix: string, seen: Set<string>): UnitNode[] =>
    (byParent.get(parent) ?? [])
      .filter((unit) => !seen.has(unit.id))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((unit) => {
        const path = prefix === '' ? unit.name : `${prefix} › ${unit.name}`;
        const next = new Set(seen).add(unit.id);
        return { unit, depth, path, children: build(unit.id, depth + 1, path, next) };
      });
  return build(null, 0, '', new Set());
}

/** Units in tree order with their full path, for selects. */
export function flattenUnitTree(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...flattenUnitTree(node.children)]);
}

export function useUnitOptions() {
  const query = useOrgUnits();
  const options = useMemo(() => {
    const flat = flattenUnitTree(buildUnitTree((query.data ?? []).filter((u) => u.archivedAt === null)));
    return flat.map((node) => ({ value: node.unit.id, label: node.path }));
  }, [query.data]);
  const names = useMemo(() => new Map((query.data ?? []).map((u) => [u.id, u.name])), [query.data]);
  return { options, names, query };
}

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrgUnitCreate) => api.post<OrgUnit>('/org-units', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}

export function useUpdateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: OrgUnitUpdate }) => api.patch<OrgUnit>(`/org-units/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}
