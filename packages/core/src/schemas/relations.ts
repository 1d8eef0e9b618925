import { z } from 'zod';
import { Id } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// Relations at a glance (#9 point 7): what a system is made of and bound by, as a graph of nodes and edges, and the
// reverse question: what depends on one model version, dataset version, method, environment or requirement.
// An edge points from the record that depends on another to the one it rests on (system → dataset version,
// run → dataset version, evidence → run, requirement → evidence), so "what is affected" walks the edges backwards.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The kinds of node, in the order of the graph's columns. `document` is the technical documentation of #9; incidents,
 * monitoring plans and audit findings (#10) are the system's operation, last as they rest on the system as a whole.
 */
export const RELATION_NODE_KINDS = [
  'system', 'model-version', 'dataset-version', 'method', 'environment', 'requirement', 'measure', 'risk', 'plan', 'run', 'gate', 'evidence', 'document',
  'incident', 'monitoring-plan', 'finding',
] as const;
export const RelationNodeKind = z.enum(RELATION_NODE_KINDS);
export type RelationNodeKind = z.infer<typeof RelationNodeKind>;

/** What an edge says, read "from … to": the system uses a version, a plan uses data, a run tested a version, … */
export const RELATION_KINDS = [
  'uses', // system → model/dataset version (the link's role in `qualifier`)
  'bound-by', // system → requirement
  'applies', // system → measure
  'has-risk', // system → risk
  'tested-by', // system → plan
  'uses-data', // plan → dataset version (a test case's data)
  'uses-method', // plan → method, run → method
  'covers', // plan → requirement (a test case's requirement; walked backwards only from the requirement itself)
  'runs', // run → plan
  'tested', // run → model/dataset version (the items of the run)
  'ran-in', // run → environment
  'gates', // gate → plan
  'rests-on', // gate → run (the current runs of its plan)
  'releases', // gate → model version
  'recorded-from', // evidence → run
  'advanced-by', // requirement → measure
  'evidenced-by', // requirement/measure → evidence
  'documents', // document → system or model version
  'concerns', // incident → system
  'monitors', // monitoring plan → system
  'found-in', // audit finding → system
] as const;
export const RelationKind = z.enum(RELATION_KINDS);
export type RelationKind = z.infer<typeof RelationKind>;

const LocalText = z.object({ de: z.string(), en: z.string() });

export const RelationNode = z.object({
  /** `<kind>:<record id>`; requirements are per system: `requirement:<systemId>:<catalogId:requirementId>`. */
  id: z.string(),
  kind: RelationNodeKind,
  /** Short, language-neutral name: the system's name, "Whisper 1.0", "Art. 15(1)", "Prüflauf 12". */
  label: z.string(),
  /** A longer title where one exists in both languages (requirements, measures). */
  title: LocalText.nullable(),
  /** The record's own status word (requirement status, gate status, run verdict, risk level, …); null where none. */
  status: z.string().nullable(),
  /** Path of the page in the web app that shows the record. */
  href: z.string().nullable(),
  /** The system the record belongs to, where it belongs to one. */
  systemId: z.string().nullable(),
});
export type RelationNode = z.infer<typeof RelationNode>;

export const RelationEdge = z.object({
  from: z.string(),
  to: z.string(),
  relation: RelationKind,
  /** E.g. the role of a linked version ("in-operation", "test"). */
  qualifier: z.string().nullable(),
});
export type RelationEdge = z.infer<typeof RelationEdge>;

export const RelationGraph = z.object({
  nodes: z.array(RelationNode),
  edges: z.array(RelationEdge),
});
export type RelationGraph = z.infer<typeof RelationGraph>;

/** The areas whose read permission decides which nodes a caller sees (besides the system itself). */
export const RELATION_AREAS = ['model', 'requirement', 'risk', 'lab', 'evidence', 'incident', 'monitoring', 'auditing'] as const;
export type RelationArea = (typeof RELATION_AREAS)[number];

/** Parts of a system graph left out, and why: open requirements without evidence or measures, or areas the caller may not read. */
export const SystemGraphOmissions = z.object({
  /** Applicable requirements still open with neither evidence nor measure: left out to keep the graph readable. */
  openRequirements: z.number().int(),
  /** Areas the caller holds no read permission for in the system's unit. */
  areas: z.array(z.enum(RELATION_AREAS)),
});

export const SystemGraph = RelationGraph.extend({
  systemId: Id,
  /** The node of the system itself. */
  root: z.string(),
  omitted: SystemGraphOmissions,
});
export type SystemGraph = z.infer<typeof SystemGraph>;

export const ImpactQuery = z.strictObject({
  datasetVersionId: Id.optional(),
  modelVersionId: Id.optional(),
  methodId: Id.optional(),
  environmentId: Id.optional(),
  /** `catalogId:requirementId`. */
  requirementKey: z.string().trim().min(3).max(200).regex(/^[^:]+:.+$/, 'catalogId:requirementId').optional(),
});
export type ImpactQuery = z.infer<typeof ImpactQuery>;

/** One record that depends on the start, with the shortest chain of edges that explains why (start first, hit last). */
export const ImpactHit = z.object({
  node: RelationNode,
  /** Node ids from the start to the hit. */
  path: z.array(z.string()),
  /** The relation of each step of the path (one fewer than the nodes). */
  relations: z.array(RelationKind),
  /** A released gate whose release rests on the start: a release to review. */
  releaseRests: z.boolean(),
});
export type ImpactHit = z.infer<typeof ImpactHit>;

export const ImpactResult = z.object({
  start: RelationNode,
  hits: z.array(ImpactHit),
  /** Every node on a path, for labels: the start, the hits and what lies between. */
  nodes: z.array(RelationNode),
  /** Records that depend on the start but lie outside what the caller may read (counted, never named). */
  hidden: z.number().int(),
});
export type ImpactResult = z.infer<typeof ImpactResult>;
