import { qmsClauseTree, type QmsClauseNode } from '@konform/core';
import type { CatalogService } from '../catalogs/service.js';

/** The ISO/IEC 42001 catalogue a document's clauses are keys of (`iso-42001:<id>`). */
export const ISO_42001 = 'iso-42001';

/** Clauses 4–10 of the ISO/IEC 42001 catalogue in force (shipped, or an accepted update), in catalogue order. */
export async function isoClauseNodes(catalogs: CatalogService): Promise<QmsClauseNode[]> {
  const registry = await catalogs.current();
  return qmsClauseTree(
    registry.requirementsOf(ISO_42001).map((entry) => ({ key: entry.key, ref: entry.requirement.ref, title: entry.requirement.title, parentKey: entry.parentKey })),
  );
}
