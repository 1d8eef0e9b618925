import { describe, expect, it } from 'vitest';
import type { RelationNode, RelationNodeKind } from '../schemas/relations.js';
import { GraphBuilder, columnsOf, filterGraph, groupByKind, impactOf, nodeId } from './graph.js';

const n = (kind: RelationNodeKind, id: string, status: string | null = null): RelationNode => ({
  id: nodeId(kind, id), kind, label: id, title: null, status, href: null, systemId: null,
});

/** system → model + data; plan → data; run → plan, data; gate → plan; evidence → run; requirement → evidence. */
function chain() {
  const g = new GraphBuilder();
  const sys = g.node(n('system', 'S'));
  const mv = g.node(n('model-version', 'M'));
  const dv = g.node(n('dataset-version', 'D'));
  const other = g.node(n('dataset-version', 'E'));
  const plan = g.node(n('plan', 'P'));
  const run = g.node(n('run', 'R', 'pass'));
  const gate = g.node(n('gate', 'G', 'released'));
  const ev = g.node(n('evidence', 'V'));
  const req = g.node({ ...n('requirement', 'Q', 'implemented'), id: 'requirement:S:eu:art-15' });
  g.edge(sys, mv, 'uses', 'in-operation');
  g.edge(sys, dv, 'uses', 'test');
  g.edge(sys, other, 'uses', 'training');
  g.edge(sys, plan, 'tested-by');
  g.edge(sys, req, 'bound-by');
  g.edge(plan, dv, 'uses-data');
  g.edge(run, plan, 'runs');
  g.edge(run, dv, 'tested');
  g.edge(run, mv, 'tested');
  g.edge(gate, plan, 'gates');
  g.edge(gate, mv, 'releases');
  g.edge(ev, run, 'recorded-from');
  g.edge(req, ev, 'evidenced-by');
  return g.build();
}

describe('relation graph', () => {
  it('orders nodes by column and drops duplicate nodes and edges and edges to unknown nodes', () => {
    const g = new GraphBuilder();
    g.node(n('run', 'R'));
    g.node(n('system', 'S'));
    g.node({ ...n('system', 'S'), label: 'other' });
    g.edge('run:R', 'system:S', 'runs');
    g.edge('run:R', 'system:S', 'runs');
    g.edge('run:R', 'plan:gone', 'runs');
    const built = g.build();
    expect(built.nodes.map((x) => [x.id, x.label])).toEqual([['system:S', 'S'], ['run:R', 'R']]);
    expect(built.edges).toEqual([{ from: 'run:R', to: 'system:S', relation: 'runs', qualifier: null }]);
  });

  it('finds what depends on a dataset version, with the shortest explaining path, and stops at systems', () => {
    const hits = impactOf(chain(), 'dataset-version:D');
    expect(hits.map((h) => [h.node.id, h.path.join(' > '), h.relations.join(',')])).toEqual([
      ['system:S', 'dataset-version:D > system:S', 'uses'],
      ['requirement:S:eu:art-15', 'dataset-version:D > run:R > evidence:V > requirement:S:eu:art-15', 'tested,recorded-from,evidenced-by'],
      ['plan:P', 'dataset-version:D > plan:P', 'uses-data'],
      ['run:R', 'dataset-version:D > run:R', 'tested'],
      ['gate:G', 'dataset-version:D > plan:P > gate:G', 'uses-data,gates'],
      ['evidence:V', 'dataset-version:D > run:R > evidence:V', 'tested,recorded-from'],
    ]);
    expect(hits.filter((h) => h.releaseRests).map((h) => h.node.id)).toEqual(['gate:G']);
    // The other dataset is reachable from the system, but the walk does not go on through the system.
    expect(hits.some((h) => h.node.id === 'dataset-version:E')).toBe(false);
  });

  it('finds nothing for an unknown start and nothing for a record nobody depends on', () => {
    expect(impactOf(chain(), 'dataset-version:nope')).toEqual([]);
    expect(impactOf(chain(), 'system:S')).toEqual([]);
  });

  it('does not walk through nodes a filter removed', () => {
    const visible = filterGraph(chain(), (x) => x.kind !== 'run');
    const ids = impactOf(visible, 'dataset-version:D').map((h) => h.node.id);
    expect(ids).toEqual(['system:S', 'plan:P', 'gate:G']);
    expect(visible.edges.some((e) => e.from === 'run:R' || e.to === 'run:R')).toBe(false);
  });

  it('groups and lays out by kind in column order', () => {
    const graph = chain();
    expect(columnsOf(graph).map((c) => [c.kind, c.nodes.length])).toEqual([
      ['system', 1], ['model-version', 1], ['dataset-version', 2], ['requirement', 1], ['plan', 1], ['run', 1], ['gate', 1], ['evidence', 1],
    ]);
    expect(groupByKind(impactOf(graph, 'model-version:M')).map((g) => [g.kind, g.items.map((i) => i.node.id)])).toEqual([
      ['system', ['system:S']], ['requirement', ['requirement:S:eu:art-15']], ['run', ['run:R']], ['gate', ['gate:G']], ['evidence', ['evidence:V']],
    ]);
  });
});

describe('impact from several starts', () => {
  it('walks from each start and names the start each path begins at', () => {
    const g = new GraphBuilder();
    g.node(n('system', 'A'));
    g.node(n('system', 'B'));
    g.node({ ...n('requirement', 'x'), id: 'requirement:A:k' });
    g.node({ ...n('requirement', 'x'), id: 'requirement:B:k' });
    g.edge('system:A', 'requirement:A:k', 'bound-by');
    g.edge('system:B', 'requirement:B:k', 'bound-by');
    const hits = impactOf(g.build(), ['requirement:A:k', 'requirement:B:k']);
    expect(hits.map((h) => h.path)).toEqual([['requirement:A:k', 'system:A'], ['requirement:B:k', 'system:B']]);
  });
});

describe('covers edges', () => {
  it('are walked from a requirement that is a start, never through one reached on the way', () => {
    const g = new GraphBuilder();
    g.node(n('evidence', 'V'));
    g.node({ ...n('requirement', 'x'), id: 'requirement:S:k' });
    g.node(n('plan', 'P'));
    g.edge('requirement:S:k', 'evidence:V', 'evidenced-by');
    g.edge('plan:P', 'requirement:S:k', 'covers');
    const graph = g.build();
    expect(impactOf(graph, 'evidence:V').map((h) => h.node.id)).toEqual(['requirement:S:k']);
    expect(impactOf(graph, 'requirement:S:k').map((h) => h.node.id)).toEqual(['plan:P']);
  });

  it('reaches past a system only to its documents, and a model card straight from its version', () => {
    const g = new GraphBuilder();
    const sys = g.node(n('system', 'S'));
    const mv = g.node(n('model-version', 'M'));
    const plan = g.node(n('plan', 'P'));
    const doc = g.node(n('document', 'A', 'released'));
    const card = g.node(n('document', 'C'));
    g.edge(sys, mv, 'uses', 'core');
    g.edge(sys, plan, 'tested-by');
    g.edge(doc, sys, 'documents', 'annex-iv');
    g.edge(card, mv, 'documents', 'model-card');
    const hits = impactOf(g.build(), mv);
    expect(hits.map((h) => h.node.id).sort()).toEqual([card, doc, sys].sort());
    expect(hits.find((h) => h.node.id === doc)!.path).toEqual([mv, sys, doc]);
    expect(hits.find((h) => h.node.id === card)!.relations).toEqual(['documents']);
  });

  it('does not reach past a system to its incidents, monitoring plans or audit findings', () => {
    const g = new GraphBuilder();
    const sys = g.node(n('system', 'S'));
    const dv = g.node(n('dataset-version', 'D'));
    const incident = g.node(n('incident', 'I', 'recorded'));
    const monitoring = g.node(n('monitoring-plan', 'B', 'active'));
    const finding = g.node(n('finding', 'F', 'open'));
    g.edge(sys, dv, 'uses', 'training');
    g.edge(incident, sys, 'concerns');
    g.edge(monitoring, sys, 'monitors');
    g.edge(finding, sys, 'found-in');
    const graph = g.build();
    expect(impactOf(graph, dv).map((h) => h.node.id)).toEqual([sys]);
    expect(columnsOf(graph).map((c) => c.kind)).toEqual(['system', 'dataset-version', 'incident', 'monitoring-plan', 'finding']);
  });
});
