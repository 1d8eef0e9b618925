import type { ImpactHit, RelationEdge, RelationGraph, RelationKind, RelationNode, RelationNodeKind } from '../schemas/relations.js';
import { RELATION_NODE_KINDS } from '../schemas/relations.js';

/** Node ids: `<kind>:<id>`, and per system for requirements (a requirement row belongs to one system's matrix). */
export function nodeId(kind: RelationNodeKind, id: string): string {
  return `${kind}:${id}`;
}
export function requirementNodeId(systemId: string, key: string): string {
  return `requirement:${systemId}:${key}`;
}

/** Collects nodes and edges without duplicates; the first node added under an id wins, edges are unique by from/to/relation. */
export class GraphBuilder {
  private readonly nodes = new Map<string, RelationNode>();
  private readonly edges = new Map<string, RelationEdge>();

  node(node: RelationNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  edge(from: string, to: string, relation: RelationKind, qualifier: string | null = null): void {
    const key = `${from}\u0000${to}\u0000${relation}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, relation, qualifier });
  }

  /** Nodes in column order (by kind), then by label; edges whose ends both exist, in a stable order. */
  build(): RelationGraph {
    const nodes = sortNodes([...this.nodes.values()]);
    const edges = [...this.edges.values()]
      .filter((e) => this.nodes.has(e.from) && this.nodes.has(e.to))
      .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.relation, b.relation));
    return { nodes, edges };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortNodes(nodes: RelationNode[]): RelationNode[] {
  const order = new Map<string, number>(RELATION_NODE_KINDS.map((k, i) => [k, i]));
  return [...nodes].sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || a.label.localeCompare(b.label, 'de', { numeric: true }) || cmp(a.id, b.id));
}

/** Keeps the nodes the predicate accepts and the edges between them. */
export function filterGraph(graph: RelationGraph, keep: (node: RelationNode) => boolean): RelationGraph {
  const nodes = graph.nodes.filter(keep);
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/**
 * What depends on the start: every node from which a chain of edges leads to it, found by a breadth-first walk
 * backwards along the edges, with the shortest such chain (start first). Several starts walk together
 * (a requirement is one node per system's matrix). Systems end the walk: a system depends on
 * what it uses, but nothing of interest depends on the system as a whole (its plans would otherwise reach every
 * record of the system); only the system's documents are reached past it, as they describe it as a whole (its incidents, monitoring plans
 * and audit findings are about its operation, not its make-up, and stay out). A plan covering a requirement is affected by a change of the requirement itself, not by
 * flawed evidence on it: `covers` edges are walked only from a start. Released gates are flagged: their release rests on the start.
 */
export function impactOf(graph: RelationGraph, startOrStarts: string | readonly string[]): ImpactHit[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const starts = (typeof startOrStarts === 'string' ? [startOrStarts] : [...startOrStarts]).filter((id) => nodes.has(id));
  if (starts.length === 0) return [];
  const isStart = new Set(starts);
  const incoming = new Map<string, RelationEdge[]>();
  for (const e of graph.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e]);
  const via = new Map<string, RelationEdge | null>(starts.map((s) => [s, null]));
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const pastSystem = !isStart.has(id) && nodes.get(id)!.kind === 'system';
    const edges = (incoming.get(id) ?? []).slice().sort((a, b) => cmp(a.from, b.from) || cmp(a.relation, b.relation));
    for (const e of edges) {
      if (pastSystem && e.relation !== 'documents') continue;
      if (via.has(e.from) || !nodes.has(e.from) || (e.relation === 'covers' && !isStart.has(id))) continue;
      via.set(e.from, e);
      queue.push(e.from);
    }
  }
  const hits: ImpactHit[] = [];
  for (const id of queue.slice(starts.length)) {
    const path: string[] = [id];
    const relations: RelationKind[] = [];
    let step = via.get(id) ?? null;
    while (step) {
      relations.unshift(step.relation);
      path.unshift(step.to);
      step = via.get(step.to) ?? null;
    }
    const node = nodes.get(id)!;
    hits.push({ node, path, relations, releaseRests: node.kind === 'gate' && node.status === 'released' });
  }
  const order = new Map(sortNodes(hits.map((h) => h.node)).map((n, i) => [n.id, i]));
  return hits.sort((a, b) => order.get(a.node.id)! - order.get(b.node.id)!);
}

/** The hits grouped by kind, in column order (no Map.groupBy on Node 20). */
export function groupByKind<T extends { node: RelationNode }>(hits: readonly T[]): { kind: RelationNodeKind; items: T[] }[] {
  return RELATION_NODE_KINDS.map((kind) => ({ kind, items: hits.filter((h) => h.node.kind === kind) })).filter((g) => g.items.length > 0);
}

/** Columns of the layered drawing: one per kind present, in the fixed order. */
export function columnsOf(graph: RelationGraph): { kind: RelationNodeKind; nodes: RelationNode[] }[] {
  return groupByKind(graph.nodes.map((node) => ({ node }))).map((g) => ({ kind: g.kind, nodes: g.items.map((i) => i.node) }));
}
