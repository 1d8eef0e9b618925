import type {
  Art17Element,
  QmsCoverage,
  QmsCoverageDocument,
  QmsCoverageRow,
  QmsCoverageState,
  QmsDocumentKind,
} from '../schemas/qms.js';
import { ART_17_ELEMENTS } from './art17.js';
import { qmsReviewState } from './review.js';

/** A node of the ISO/IEC 42001 catalogue as the registry holds it. */
export interface QmsClauseNode {
  key: string;
  ref: string;
  title: { de: string; en: string };
  parentKey: string | null;
}

interface Covers {
  art17Elements: readonly Art17Element[];
  isoClauses: readonly string[];
}

/** A document as the coverage sees it: what its released version covers (frozen at submission) and what it covers now. */
export interface QmsCoverageInput {
  id: string;
  title: string;
  kind: QmsDocumentKind;
  releasedNumber: number | null;
  nextReview: string | null;
  /** The snapshot of the released version in force; null when nothing is released. */
  released: Covers | null;
  /** The document's current data: what it covers beyond the released version counts as draft coverage. */
  current: Covers;
}

const FIRST_CLAUSE = 4;
const LAST_CLAUSE = 10;

/**
 * The management-system clauses 4–10 of an ISO/IEC 42001 catalogue and everything below them, in catalogue order:
 * top-level nodes whose reference is a clause number from 4 to 10 (Annex A and the rest are left out).
 */
export function qmsClauseTree(nodes: readonly QmsClauseNode[]): QmsClauseNode[] {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const topOf = (node: QmsClauseNode): QmsClauseNode => {
    let current = node;
    const seen = new Set<string>();
    while (current.parentKey !== null && byKey.has(current.parentKey) && !seen.has(current.key)) {
      seen.add(current.key);
      current = byKey.get(current.parentKey)!;
    }
    return current;
  };
  return nodes.filter((n) => {
    const top = topOf(n);
    if (!/^\d+$/.test(top.ref.trim())) return false;
    const clause = Number(top.ref.trim());
    return clause >= FIRST_CLAUSE && clause <= LAST_CLAUSE;
  });
}

type DocState = QmsCoverageDocument['state'];
const DOC_RANK: Record<DocState, number> = { released: 0, overdue: 1, draft: 2 };

function merge(into: Map<string, QmsCoverageDocument>, doc: QmsCoverageDocument) {
  const existing = into.get(doc.id);
  if (!existing || DOC_RANK[doc.state] < DOC_RANK[existing.state]) into.set(doc.id, doc);
}

const sorted = (docs: Iterable<QmsCoverageDocument>) =>
  [...docs].sort((a, b) => DOC_RANK[a.state] - DOC_RANK[b.state] || a.title.localeCompare(b.title, 'de') || a.id.localeCompare(b.id));

/** A row without sub-rows: the best way any document covers it. */
function leafState(docs: Iterable<QmsCoverageDocument>): QmsCoverageState {
  let best: DocState | null = null;
  for (const d of docs) if (best === null || DOC_RANK[d.state] < DOC_RANK[best]) best = d.state;
  if (best === 'released') return 'covered';
  if (best === 'overdue') return 'overdue';
  if (best === 'draft') return 'draft-only';
  return 'missing';
}

/** A clause with sub-clauses, from the states of its sub-clauses. */
function groupState(children: readonly QmsCoverageState[]): QmsCoverageState {
  const released = children.filter((s) => s === 'covered' || s === 'overdue');
  if (released.length === children.length) return released.includes('overdue') ? 'overdue' : 'covered';
  if (released.length > 0) return 'partial';
  if (children.some((s) => s === 'draft-only' || s === 'partial')) return 'draft-only';
  return 'missing';
}

const isReleased = (s: QmsCoverageState) => s === 'covered' || s === 'overdue';

/**
 * Which document covers which Art. 17(1) element and which ISO/IEC 42001 clause, and how:
 * - a released version in force covers what its snapshot names (`released`, or `overdue` past its review date);
 *   what the document names beyond that counts as draft coverage until the next release;
 * - a document covering a clause covers all its sub-clauses; a clause with sub-clauses is covered when all of them
 *   are (partial when only some are), and lists every document of its sub-clauses;
 * - `missing` lists the uncovered rows, a clause once instead of each of its sub-clauses.
 */
export function computeQmsCoverage(input: { clauses: readonly QmsClauseNode[]; documents: readonly QmsCoverageInput[]; today: string }): QmsCoverage {
  const { today } = input;
  const tree = qmsClauseTree(input.clauses);
  const inTree = new Set(tree.map((n) => n.key));
  const children = new Map<string, string[]>();
  for (const n of tree) if (n.parentKey !== null && inTree.has(n.parentKey)) children.set(n.parentKey, [...(children.get(n.parentKey) ?? []), n.key]);
  const parentOf = new Map(tree.map((n) => [n.key, n.parentKey !== null && inTree.has(n.parentKey) ? n.parentKey : null]));
  const nodeByKey = new Map(tree.map((n) => [n.key, n]));

  const directArt17 = new Map<string, Map<string, QmsCoverageDocument>>();
  const directIso = new Map<string, Map<string, QmsCoverageDocument>>();
  const add = (map: Map<string, Map<string, QmsCoverageDocument>>, key: string, doc: QmsCoverageDocument) => {
    const docs = map.get(key) ?? new Map<string, QmsCoverageDocument>();
    merge(docs, doc);
    map.set(key, docs);
  };
  const overdue: QmsCoverageDocument[] = [];
  const dueSoon: QmsCoverageDocument[] = [];

  for (const d of input.documents) {
    const base = { id: d.id, title: d.title, kind: d.kind, releasedNumber: d.releasedNumber, nextReview: d.nextReview };
    const review = d.released ? qmsReviewState(d.nextReview, today) : 'none';
    const released: QmsCoverageDocument = { ...base, state: review === 'overdue' ? 'overdue' : 'released' };
    const draft: QmsCoverageDocument = { ...base, state: 'draft' };
    if (d.released) {
      for (const e of d.released.art17Elements) add(directArt17, e, released);
      for (const c of d.released.isoClauses) add(directIso, c, released);
      if (review === 'overdue') overdue.push(released);
      if (review === 'due-soon') dueSoon.push(released);
    }
    for (const e of d.current.art17Elements) if (!d.released?.art17Elements.includes(e)) add(directArt17, e, draft);
    for (const c of d.current.isoClauses) if (!d.released?.isoClauses.includes(c)) add(directIso, c, draft);
  }

  const art17: QmsCoverageRow[] = ART_17_ELEMENTS.map((e) => {
    const docs = directArt17.get(e.id)?.values() ?? [];
    const list = sorted(docs);
    return { key: e.id, ref: e.ref, title: e.title, requirementKey: e.requirementKey, level: 1, parentKey: null, state: leafState(list), documents: list };
  });

  // Coverage flows down: a document on a clause covers its sub-clauses.
  const inherited = new Map<string, Map<string, QmsCoverageDocument>>();
  const inheritedOf = (key: string): Map<string, QmsCoverageDocument> => {
    const cached = inherited.get(key);
    if (cached) return cached;
    const docs = new Map<string, QmsCoverageDocument>();
    const parent = parentOf.get(key) ?? null;
    if (parent !== null) for (const d of inheritedOf(parent).values()) merge(docs, d);
    for (const d of directIso.get(key)?.values() ?? []) merge(docs, d);
    inherited.set(key, docs);
    return docs;
  };
  const rows = new Map<string, QmsCoverageRow>();
  const levelOf = (key: string): number => {
    const parent = parentOf.get(key) ?? null;
    return parent === null ? 1 : levelOf(parent) + 1;
  };
  const build = (node: QmsClauseNode): QmsCoverageRow => {
    const done = rows.get(node.key);
    if (done) return done;
    const kids = (children.get(node.key) ?? []).map((k) => build(nodeByKey.get(k)!));
    const docs = new Map(inheritedOf(node.key));
    for (const kid of kids) for (const d of kid.documents) merge(docs, d);
    const list = sorted(docs.values());
    const row: QmsCoverageRow = {
      key: node.key, ref: node.ref, title: node.title, requirementKey: node.key, level: levelOf(node.key), parentKey: parentOf.get(node.key) ?? null,
      state: kids.length > 0 ? groupState(kids.map((k) => k.state)) : leafState(list),
      documents: list,
    };
    rows.set(node.key, row);
    return row;
  };
  const iso42001 = tree.map(build);

  const missing: QmsCoverage['missing'] = [
    ...art17.filter((r) => r.state === 'missing').map((r) => ({ key: r.key, ref: r.ref, framework: 'art17' as const })),
    ...iso42001
      .filter((r) => r.state === 'missing' && (r.parentKey === null || rows.get(r.parentKey)?.state !== 'missing'))
      .map((r) => ({ key: r.key, ref: r.ref, framework: 'iso42001' as const })),
  ];
  const byDate = (a: QmsCoverageDocument, b: QmsCoverageDocument) => (a.nextReview ?? '').localeCompare(b.nextReview ?? '') || a.title.localeCompare(b.title, 'de');

  return {
    today,
    art17,
    iso42001,
    missing,
    overdue: overdue.sort(byDate),
    dueSoon: dueSoon.sort(byDate),
    counts: {
      art17: { covered: art17.filter((r) => isReleased(r.state)).length, total: art17.length },
      iso42001: { covered: iso42001.filter((r) => isReleased(r.state)).length, total: iso42001.length },
    },
  };
}
