import type { Kysely } from 'kysely';
import {
  GraphBuilder, RELATION_AREAS, filterGraph, findingStatus, impactOf, nodeId, requirementNodeId,
  type ImpactQuery, type ImpactResult, type Permission, type RelationNode, type SystemGraph,
} from '@konform/core';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../access/actor.js';
import { assertInScope, inScope, systemAllowed, unitScope, type UnitScope } from '../../access/scope.js';
import { hiddenSystemIds } from '../../access/clearance.js';
import { invalid, notFound } from '../../http/errors.js';
import { findSystem } from '../systems/repository.js';
import { presentRow, type RequirementService } from '../requirements/service.js';
import type { CatalogService } from '../catalogs/service.js';
import * as repo from './repository.js';

/** The read permission a node needs, by area; a node is shown where the caller holds it in the node's unit. */
const AREAS = {
  system: 'system.read', model: 'model.read', requirement: 'requirement.read', risk: 'risk.read', lab: 'lab.read', evidence: 'evidence.read', document: 'document.read',
  incident: 'incident.read', monitoring: 'monitoring.read', auditing: 'auditing.read',
} as const satisfies Record<string, Permission>;
type Area = keyof typeof AREAS;
interface Meta { area: Area; unitId: string; systemId: string | null }

/** A graph under construction with, beside each node, the unit and area that decide who may see it. */
class Collector {
  readonly graph = new GraphBuilder();
  readonly meta = new Map<string, Meta>();
  add(node: Omit<RelationNode, 'title' | 'systemId'> & Partial<Pick<RelationNode, 'title'>>, meta: Meta): string {
    if (!this.meta.has(node.id)) this.meta.set(node.id, meta);
    return this.graph.node({ title: null, ...node, systemId: meta.systemId });
  }
}

interface RunItem { type: 'model' | 'dataset'; versionId: string }

/**
 * Relations at a glance (#9 point 7): a system's graph of what it is made of and bound by, and the reverse walk —
 * what depends on a dataset or model version, a method, an environment or a requirement. Read-only; everything comes
 * from existing tables (links, matrix, measures, risks, the lab's plans, runs and gates, evidence). The technical
 * documentation of #9 joins as `document` nodes once it exists: `addDocuments` is the one place to fill.
 */
export class RelationService {
  constructor(
    private readonly database: Database,
    private readonly requirements: RequirementService,
    private readonly catalogs: CatalogService,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  async systemGraph(actor: Actor, systemId: string): Promise<SystemGraph> {
    const system = await findSystem(this.db, systemId);
    if (!system) throw notFound('AI system');
    await assertInScope(this.db, actor, 'system.read', system.org_unit_id, system.id);
    const collected = await this.collect([systemId], [], false);
    await this.addOperation(collected.graph, [system.id]);
    const [scopes, hidden] = await Promise.all([this.scopes(actor), hiddenSystemIds(this.db, actor)]);
    const visible = filterGraph(collected.graph.graph.build(), (n) => this.visible(actor, scopes, hidden, collected.graph.meta.get(n.id)!));
    const areas = RELATION_AREAS.filter((a) => !inScope(scopes[a], system.org_unit_id));
    return { systemId, root: nodeId('system', systemId), ...visible, omitted: { openRequirements: collected.openRequirements, areas } };
  }

  async impact(actor: Actor, query: ImpactQuery): Promise<ImpactResult> {
    const given = (['datasetVersionId', 'modelVersionId', 'methodId', 'environmentId', 'requirementKey'] as const).filter((k) => query[k] !== undefined);
    if (given.length !== 1) throw invalid(given[1] ?? 'datasetVersionId', 'Name exactly one of datasetVersionId, modelVersionId, methodId, environmentId, requirementKey');
    const field = given[0]!;
    let start: RelationNode;
    let starts: string[];
    let touching: { systemIds: string[]; planIds: string[] };
    if (field === 'datasetVersionId' || field === 'modelVersionId') {
      const type = field === 'datasetVersionId' ? 'dataset' : 'model';
      const id = query[field]!;
      const [v] = await repo.versions(this.db, type, [id]);
      if (!v) throw notFound(type === 'model' ? 'Model version' : 'Dataset version');
      await assertInScope(this.db, actor, 'model.read', v.org_unit_id);
      start = versionNode(type, v);
      starts = [start.id];
      touching = await repo.touchingVersion(this.db, type, id);
    } else if (field === 'methodId' || field === 'environmentId') {
      const id = query[field]!;
      const [r] = field === 'methodId' ? await repo.methods(this.db, [id]) : await repo.environments(this.db, [id]);
      if (!r) throw notFound(field === 'methodId' ? 'Method' : 'Environment');
      await assertInScope(this.db, actor, 'lab.read', r.org_unit_id);
      start = field === 'methodId' ? methodNode(r) : environmentNode(r);
      starts = [start.id];
      touching = field === 'methodId' ? await repo.touchingMethod(this.db, id) : await repo.touchingEnvironment(this.db, id);
    } else {
      const key = query.requirementKey!;
      const entry = (await this.catalogs.current()).requirement(key);
      if (!entry) throw invalid('requirementKey', 'Unknown requirement');
      start = { id: `requirement:${key}`, kind: 'requirement', label: entry.requirement.ref, title: entry.requirement.title, status: null, href: null, systemId: null };
      touching = await repo.touchingRequirement(this.db, key);
      starts = [...new Set(touching.systemIds)].map((s) => requirementNodeId(s, key));
    }
    const collected = await this.collect([...new Set(touching.systemIds)], [...new Set(touching.planIds)], true, field === 'modelVersionId' ? [query.modelVersionId!] : []);
    const all = collected.graph.graph.build();
    const [scopes, hidden] = await Promise.all([this.scopes(actor), hiddenSystemIds(this.db, actor)]);
    // A version, method or environment start was checked above; requirement rows start only in systems the caller may read.
    const visible = filterGraph(all, (n) => (field !== 'requirementKey' && starts.includes(n.id)) || this.visible(actor, scopes, hidden, collected.graph.meta.get(n.id)!));
    const everything = impactOf(all, starts);
    const hits = impactOf(visible, starts);
    const onPath = new Set(hits.flatMap((h) => h.path));
    return {
      start,
      hits,
      nodes: [start, ...visible.nodes.filter((n) => onPath.has(n.id) && n.id !== start.id)],
      hidden: everything.length - hits.length,
    };
  }

  private async scopes(actor: Actor): Promise<Record<Area, UnitScope>> {
    const entries = await Promise.all((Object.keys(AREAS) as Area[]).map(async (a) => [a, await unitScope(this.db, actor, AREAS[a])] as const));
    return Object.fromEntries(entries) as Record<Area, UnitScope>;
  }

  /** A node is shown when its area's scope reaches its unit and its system (if any) is open to the actor, clearance included. */
  private visible(actor: Actor, scopes: Record<Area, UnitScope>, hidden: ReadonlySet<string>, meta: Meta): boolean {
    return inScope(scopes[meta.area], meta.unitId) && (meta.systemId === null || (systemAllowed(actor, meta.systemId) && !hidden.has(meta.systemId)));
  }

  /**
   * Loads the systems and plans named, with everything around them: versions, requirements (applicable and worked
   * on, evidenced, advanced by a measure or covered by a test case), measures, risks, runs, gates and evidence.
   * A handful of queries per call plus the matrix of each system. Methods and environments only when asked.
   */
  private async collect(systemIds: string[], planIds: string[], labDetails: boolean, modelVersionIds: readonly string[] = []): Promise<{ graph: Collector; openRequirements: number }> {
    const c = new Collector();
    const systems = await repo.systemsByIds(this.db, systemIds);
    const ids = systems.map((s) => s.id);
    const unitOfSystem = new Map(systems.map((s) => [s.id, s.org_unit_id]));
    for (const s of systems) {
      c.add({ id: nodeId('system', s.id), kind: 'system', label: s.name, status: s.risk_class, href: `/systems/${s.id}` }, { area: 'system', unitId: s.org_unit_id, systemId: s.id });
    }
    // The lab: plans of the systems and those named, runs and gates of both, and the plans those runs and gates follow.
    const planRows = await repo.plans(this.db, { systemIds: ids, ids: planIds });
    const runRows = await repo.runs(this.db, { systemIds: ids, planIds: planRows.map((p) => p.id) });
    const gateRows = await repo.gates(this.db, { systemIds: ids, planIds: planRows.map((p) => p.id) });
    const known = new Set(planRows.map((p) => p.id));
    const more = [...new Set([...runRows, ...gateRows].map((r) => r.plan_id))].filter((id) => !known.has(id));
    if (more.length > 0) planRows.push(...(await repo.plans(this.db, { ids: more })));
    const cases = await repo.casesOfPlans(this.db, planRows.map((p) => p.id));
    const links = await repo.linksOfSystems(this.db, ids);
    const runItems = new Map(runRows.map((r) => [r.id, JSON.parse(r.items) as RunItem[]]));

    // Versions, by kind.
    const wanted = { model: new Set<string>(), dataset: new Set<string>() };
    for (const l of links) wanted[l.item_type as 'model' | 'dataset'].add(l.version_id);
    // A model version asked about joins with its model card even when nothing else uses it.
    for (const id of modelVersionIds) wanted.model.add(id);
    for (const k of cases) if (k.dataset_version_id) wanted.dataset.add(k.dataset_version_id);
    for (const items of runItems.values()) for (const i of items) wanted[i.type].add(i.versionId);
    for (const g of gateRows) if (g.model_version_id) wanted.model.add(g.model_version_id);
    for (const type of ['model', 'dataset'] as const) {
      for (const v of await repo.versions(this.db, type, [...wanted[type]])) c.add(versionNode(type, v), { area: 'model', unitId: v.org_unit_id, systemId: null });
    }
    const versionId = (type: 'model' | 'dataset', id: string) => nodeId(type === 'model' ? 'model-version' : 'dataset-version', id);
    for (const l of links) c.graph.edge(nodeId('system', l.system_id), versionId(l.item_type as 'model' | 'dataset', l.version_id), 'uses', l.role);

    // Requirements, measures and the evidence on them, per system (the matrix decides what applies).
    const registry = await this.catalogs.current();
    const covered = new Map<string, Set<string>>(); // systemId → requirement keys covered by its plans' cases
    const planSystem = new Map(planRows.map((p) => [p.id, p.system_id]));
    for (const k of cases) {
      const sys = planSystem.get(k.plan_id);
      if (!sys) continue;
      const set = covered.get(sys) ?? new Set<string>();
      for (const key of JSON.parse(k.requirement_keys) as string[]) set.add(key);
      covered.set(sys, set);
    }
    let openRequirements = 0;
    const evidenceIds = new Set<string>();
    const evidenceEdges: { from: string; evidenceId: string }[] = [];
    for (const s of systems) {
      const state = await this.requirements.stateOf(s);
      const meta: Meta = { area: 'requirement', unitId: s.org_unit_id, systemId: s.id };
      for (const m of state.measures) {
        const measure = registry.measure(m.measure_id);
        const id = c.add({ id: `measure:${s.id}:${m.measure_id}`, kind: 'measure', label: m.measure_id, title: measure?.title ?? null, status: m.status, href: `/systems/${s.id}?tab=matrix` }, meta);
        c.graph.edge(nodeId('system', s.id), id, 'applies');
      }
      for (const d of state.derived.derived) {
        if (!d.applies) continue;
        const row = presentRow(state, d);
        const direct = state.evidence.filter((e) => e.requirement_key === row.requirementId);
        if (row.status === 'open' && direct.length === 0 && row.measures.length === 0 && row.evidence.length === 0 && !covered.get(s.id)?.has(row.requirementId)) {
          openRequirements++;
          continue;
        }
        const id = c.add({ id: requirementNodeId(s.id, row.requirementId), kind: 'requirement', label: row.ref, title: row.title, status: row.status, href: `/systems/${s.id}?tab=matrix` }, meta);
        c.graph.edge(nodeId('system', s.id), id, 'bound-by');
        for (const m of row.measures) c.graph.edge(id, `measure:${s.id}:${m}`, 'advanced-by');
        for (const e of direct) {
          evidenceIds.add(e.evidence_id);
          evidenceEdges.push({ from: id, evidenceId: e.evidence_id });
        }
      }
      for (const e of state.evidence) {
        if (e.measure_id === null) continue;
        evidenceIds.add(e.evidence_id);
        evidenceEdges.push({ from: `measure:${s.id}:${e.measure_id}`, evidenceId: e.evidence_id });
      }
      for (const r of await repo.risksOf(this.db, s.id)) {
        const id = c.add({ id: nodeId('risk', r.id), kind: 'risk', label: `R-${r.number} ${r.title}`, status: r.residual_level ?? r.inherent_level ?? r.status, href: `/risks/${r.id}` }, { area: 'risk', unitId: s.org_unit_id, systemId: s.id });
        c.graph.edge(nodeId('system', s.id), id, 'has-risk');
      }
    }

    // Plans, their cases' data, methods and requirements; runs and what they tested; gates.
    for (const p of planRows) {
      const id = c.add({ id: nodeId('plan', p.id), kind: 'plan', label: p.name, status: p.status, href: `/lab/plans/${p.id}` }, { area: 'lab', unitId: p.org_unit_id, systemId: p.system_id });
      if (p.system_id) c.graph.edge(nodeId('system', p.system_id), id, 'tested-by');
    }
    for (const k of cases) {
      const plan = nodeId('plan', k.plan_id);
      if (k.dataset_version_id) c.graph.edge(plan, versionId('dataset', k.dataset_version_id), 'uses-data');
      if (labDetails) c.graph.edge(plan, nodeId('method', k.method_id), 'uses-method');
      const sys = planSystem.get(k.plan_id);
      if (sys) for (const key of JSON.parse(k.requirement_keys) as string[]) c.graph.edge(plan, requirementNodeId(sys, key), 'covers');
    }
    for (const r of runRows) {
      const id = c.add({ id: nodeId('run', r.id), kind: 'run', label: `#${r.number}`, status: r.superseded_by_run_id ? 'superseded' : r.verdict, href: `/lab/runs/${r.id}` }, { area: 'lab', unitId: r.org_unit_id, systemId: r.system_id });
      c.graph.edge(id, nodeId('plan', r.plan_id), 'runs');
      for (const i of runItems.get(r.id) ?? []) c.graph.edge(id, versionId(i.type, i.versionId), 'tested');
      if (labDetails) {
        c.graph.edge(id, nodeId('method', r.method_id), 'uses-method');
        c.graph.edge(id, nodeId('environment', r.environment_id), 'ran-in');
      }
    }
    for (const g of gateRows) {
      const id = c.add({ id: nodeId('gate', g.id), kind: 'gate', label: `#${g.number} ${g.title}`, status: g.status, href: `/lab/gates/${g.id}` }, { area: 'lab', unitId: g.org_unit_id, systemId: g.system_id });
      c.graph.edge(id, nodeId('plan', g.plan_id), 'gates');
      for (const r of runRows) if (r.plan_id === g.plan_id && !r.superseded_by_run_id && (g.system_id === null || r.system_id === g.system_id)) c.graph.edge(id, nodeId('run', r.id), 'rests-on');
      if (g.model_version_id) c.graph.edge(id, versionId('model', g.model_version_id), 'releases');
    }
    if (labDetails) {
      for (const m of await repo.methods(this.db, [...new Set([...cases.map((k) => k.method_id), ...runRows.map((r) => r.method_id)])])) c.add(methodNode(m), { area: 'lab', unitId: m.org_unit_id, systemId: null });
      for (const e of await repo.environments(this.db, [...new Set(runRows.map((r) => r.environment_id))])) c.add(environmentNode(e), { area: 'lab', unitId: e.org_unit_id, systemId: null });
    }

    // Evidence: on requirement rows and measures, and recorded from runs.
    const fromRuns = await repo.evidenceOfRuns(this.db, runRows.map((r) => r.id));
    const rows = [...fromRuns, ...(await repo.evidenceByIds(this.db, [...evidenceIds].filter((id) => !fromRuns.some((e) => e.id === id))))];
    for (const e of rows) {
      const id = c.add({ id: nodeId('evidence', e.id), kind: 'evidence', label: e.title, status: e.valid_until, href: `/evidence/${e.id}` }, { area: 'evidence', unitId: unitOfSystem.get(e.system_id) ?? e.org_unit_id, systemId: e.system_id });
      if (e.lab_run_id) c.graph.edge(id, nodeId('run', e.lab_run_id), 'recorded-from');
    }
    for (const e of evidenceEdges) c.graph.edge(e.from, nodeId('evidence', e.evidenceId), 'evidenced-by');
    await this.addDocuments(c, ids, [...wanted.model]);
    return { graph: c, openRequirements };
  }

  /**
   * The generated documents of #9: those about the systems and the model cards of the model versions in the graph,
   * each with its latest status (released, with the number of the release in force). A `documents` edge points to
   * the subject, so an impact walk from a version reaches the documents of the systems using it and its model card.
   */
  private async addDocuments(c: Collector, systemIds: readonly string[], modelVersionIds: readonly string[]): Promise<void> {
    const docs = await repo.documentsOf(this.db, systemIds, modelVersionIds);
    const latest = await repo.latestDocumentVersions(this.db, docs.map((d) => d.id));
    for (const d of docs) {
      const v = latest.get(d.id);
      const label = v?.released ? `${d.title} (v${v.released})` : d.title;
      const id = c.add({ id: nodeId('document', d.id), kind: 'document', label, status: v?.released ? 'released' : (v?.status ?? null), href: `/documents/${d.id}` }, { area: 'document', unitId: d.org_unit_id, systemId: d.system_id });
      c.graph.edge(id, d.system_id ? nodeId('system', d.system_id) : nodeId('model-version', d.model_version_id!), 'documents', d.type);
    }
  }

  /**
   * The system's operation (#10): its incidents, monitoring plans and audit findings, each pointing to the system.
   * Only in the system graph: an impact walk stops at a system (they rest on the system as a whole, not on a version).
   */
  private async addOperation(c: Collector, systemIds: readonly string[]): Promise<void> {
    const [incidents, plans, findings] = await Promise.all([repo.incidentsOf(this.db, systemIds), repo.monitoringPlansOf(this.db, systemIds), repo.findingsOf(this.db, systemIds)]);
    for (const i of incidents) {
      const id = c.add({ id: nodeId('incident', i.id), kind: 'incident', label: `INC-${i.number} ${i.title}`, status: i.status, href: `/incidents/${i.id}` }, { area: 'incident', unitId: i.org_unit_id, systemId: i.system_id });
      c.graph.edge(id, nodeId('system', i.system_id), 'concerns');
    }
    for (const p of plans) {
      const id = c.add({ id: nodeId('monitoring-plan', p.id), kind: 'monitoring-plan', label: planLabel(p.observed, p.system_name), status: p.status, href: `/systems/${p.system_id}?tab=monitoring` }, { area: 'monitoring', unitId: p.org_unit_id, systemId: p.system_id });
      c.graph.edge(id, nodeId('system', p.system_id), 'monitors');
    }
    // A finding is read through its audit: the audit's unit decides, the system's clearance too.
    for (const f of findings) {
      const status = findingStatus(f.acceptance !== null, f.nonconformity_status);
      const id = c.add({ id: nodeId('finding', f.id), kind: 'finding', label: f.title, status, href: `/audits/${f.audit_id}` }, { area: 'auditing', unitId: f.org_unit_id, systemId: f.system_id });
      c.graph.edge(id, nodeId('system', f.system_id!), 'found-in');
    }
  }
}

/** A plan has no name: the first line of what it observes, or the system's name when that is still empty. */
function planLabel(observed: string, systemName: string): string {
  const line = observed.trim().split('\n')[0]!.trim();
  if (line === '') return systemName;
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

function versionNode(type: 'model' | 'dataset', v: { id: string; item_id: string; label: string; item_name: string; custody_state: string }): RelationNode {
  return {
    id: nodeId(type === 'model' ? 'model-version' : 'dataset-version', v.id), kind: type === 'model' ? 'model-version' : 'dataset-version',
    label: `${v.item_name} ${v.label}`, title: null, status: v.custody_state === 'none' ? null : v.custody_state, href: `/${type === 'model' ? 'models' : 'datasets'}/${v.item_id}`, systemId: null,
  };
}

function methodNode(m: { id: string; name: string }): RelationNode {
  return { id: nodeId('method', m.id), kind: 'method', label: m.name, title: null, status: null, href: `/lab/methods/${m.id}`, systemId: null };
}

function environmentNode(e: { id: string; name: string }): RelationNode {
  return { id: nodeId('environment', e.id), kind: 'environment', label: e.name, title: null, status: null, href: `/lab/environments/${e.id}`, systemId: null };
}
