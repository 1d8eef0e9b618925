import { describe, expect, it } from 'vitest';
import { computeQmsCoverage, qmsClauseTree, type QmsClauseNode, type QmsCoverageInput } from './coverage.js';

const t = (de: string) => ({ de, en: de });
const node = (id: string, ref: string, parent: string | null = null): QmsClauseNode => ({ key: `iso-42001:${id}`, ref, title: t(ref), parentKey: parent === null ? null : `iso-42001:${parent}` });

const CLAUSES: QmsClauseNode[] = [
  node('clause-4', '4'), node('clause-4-1', '4.1', 'clause-4'),
  node('clause-5', '5'), node('clause-5-1', '5.1', 'clause-5'), node('clause-5-2', '5.2', 'clause-5'),
  node('clause-9', '9'), node('clause-9-1', '9.1', 'clause-9'), node('clause-9-3', '9.3', 'clause-9'),
  node('clause-9-3-1', '9.3.1', 'clause-9-3'), node('clause-9-3-2', '9.3.2', 'clause-9-3'),
  node('annex-a', 'Annex A'), node('a-2', 'A.2', 'annex-a'), node('a-2-2', 'A.2.2', 'a-2'),
  node('clause-1', '1'),
];

const none = { art17Elements: [], isoClauses: [] };
function doc(id: string, fields: Partial<QmsCoverageInput>): QmsCoverageInput {
  return { id, title: id, kind: 'other', releasedNumber: null, nextReview: null, released: null, current: none, ...fields };
}

const TODAY = '2027-01-15';
const policy = doc('KI-Politik', {
  kind: 'policy', releasedNumber: 2, nextReview: '2027-12-01',
  released: { art17Elements: ['a'], isoClauses: ['iso-42001:clause-5-2'] },
  // Named since the release: counts as draft coverage until the next release.
  current: { art17Elements: ['a', 'c'], isoClauses: ['iso-42001:clause-5-2'] },
});
const review = doc('Managementbewertung 2026', {
  kind: 'management-review', releasedNumber: 1, nextReview: '2027-01-10',
  released: { art17Elements: ['m'], isoClauses: ['iso-42001:clause-9-3'] },
  current: { art17Elements: ['m'], isoClauses: ['iso-42001:clause-9-3'] },
});
const draft = doc('Verfahren Entwicklung', { kind: 'procedure', current: { art17Elements: ['b', 'c'], isoClauses: ['iso-42001:clause-5-1', 'iso-42001:a-2-2'] } });
const soon = doc('KI-Ziele', { kind: 'objectives', releasedNumber: 1, nextReview: '2027-02-01', released: { art17Elements: [], isoClauses: [] }, current: none });

describe('QMS coverage', () => {
  const coverage = computeQmsCoverage({ clauses: CLAUSES, documents: [policy, review, draft, soon], today: TODAY });
  const iso = (id: string) => coverage.iso42001.find((r) => r.key === `iso-42001:${id}`)!;
  const art = (id: string) => coverage.art17.find((r) => r.key === id)!;

  it('takes the clauses 4–10 and everything below them, in catalogue order, with their levels', () => {
    expect(qmsClauseTree(CLAUSES).map((n) => n.ref)).toEqual(['4', '4.1', '5', '5.1', '5.2', '9', '9.1', '9.3', '9.3.1', '9.3.2']);
    expect(coverage.iso42001.map((r) => [r.ref, r.level])).toEqual([['4', 1], ['4.1', 2], ['5', 1], ['5.1', 2], ['5.2', 2], ['9', 1], ['9.1', 2], ['9.3', 2], ['9.3.1', 3], ['9.3.2', 3]]);
    expect(iso('clause-9-3-1').parentKey).toBe('iso-42001:clause-9-3');
  });

  it('marks what a released version covers, what only a draft covers, and what nothing covers', () => {
    expect(art('a')).toMatchObject({ state: 'covered', requirementKey: 'eu-ai-act:art-17-1-1', documents: [{ id: 'KI-Politik', state: 'released', releasedNumber: 2 }] });
    expect(art('b')).toMatchObject({ state: 'draft-only', documents: [{ id: 'Verfahren Entwicklung', state: 'draft' }] });
    expect(art('c').state).toBe('draft-only');
    expect(art('c').documents.map((d) => [d.id, d.state])).toEqual([['KI-Politik', 'draft'], ['Verfahren Entwicklung', 'draft']]);
    expect(art('d')).toMatchObject({ state: 'missing', documents: [] });
    expect(art('m').requirementKey).toBe('eu-ai-act:art-17-1-3');
    expect(iso('clause-5-2')).toMatchObject({ state: 'covered', documents: [{ id: 'KI-Politik' }] });
    expect(iso('clause-5-1').state).toBe('draft-only');
    expect(iso('clause-5')).toMatchObject({ state: 'partial' });
    expect(iso('clause-5').documents.map((d) => d.id)).toEqual(['KI-Politik', 'Verfahren Entwicklung']);
    expect(iso('clause-4').state).toBe('missing');
  });

  it('passes a clause down to its sub-clauses and rates a clause by all of its sub-clauses', () => {
    expect(iso('clause-9-3-1')).toMatchObject({ state: 'overdue', documents: [{ id: 'Managementbewertung 2026', state: 'overdue' }] });
    expect(iso('clause-9-3-2').state).toBe('overdue');
    expect(iso('clause-9-3').state).toBe('overdue');
    expect(iso('clause-9').state).toBe('partial');
    const allReleased = computeQmsCoverage({ clauses: CLAUSES, documents: [doc('Alles', { releasedNumber: 1, nextReview: '2028-01-01', released: { art17Elements: [], isoClauses: ['iso-42001:clause-9'] }, current: none })], today: TODAY });
    expect(allReleased.iso42001.filter((r) => r.key.startsWith('iso-42001:clause-9')).map((r) => r.state)).toEqual(['covered', 'covered', 'covered', 'covered', 'covered']);
    const onlyDrafts = computeQmsCoverage({ clauses: CLAUSES, documents: [doc('Entwurf', { current: { art17Elements: [], isoClauses: ['iso-42001:clause-9-3-1'] } })], today: TODAY });
    expect(onlyDrafts.iso42001.filter((r) => r.key.startsWith('iso-42001:clause-9')).map((r) => [r.ref, r.state])).toEqual([['9', 'draft-only'], ['9.1', 'missing'], ['9.3', 'draft-only'], ['9.3.1', 'draft-only'], ['9.3.2', 'missing']]);
  });

  it('ignores Annex A and unknown keys, lists the gaps once per clause, and the overdue and due documents', () => {
    expect(coverage.iso42001.some((r) => r.ref.startsWith('A'))).toBe(false);
    expect(coverage.missing.filter((m) => m.framework === 'iso42001').map((m) => m.ref)).toEqual(['4', '9.1']);
    expect(coverage.missing.filter((m) => m.framework === 'art17').map((m) => m.key)).toEqual(['d', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
    expect(coverage.overdue.map((d) => d.id)).toEqual(['Managementbewertung 2026']);
    expect(coverage.dueSoon.map((d) => [d.id, d.nextReview])).toEqual([['KI-Ziele', '2027-02-01']]);
    expect(coverage.counts).toEqual({ art17: { covered: 2, total: 13 }, iso42001: { covered: 4, total: 10 } });
    expect(coverage.today).toBe(TODAY);
  });

  it('lists a document once per row, by its best coverage', () => {
    const both = doc('Doppelt', { releasedNumber: 1, nextReview: '2028-01-01', released: { art17Elements: [], isoClauses: ['iso-42001:clause-9-3-1'] }, current: { art17Elements: [], isoClauses: ['iso-42001:clause-9-3-1', 'iso-42001:clause-9-3-2'] } });
    const result = computeQmsCoverage({ clauses: CLAUSES, documents: [both], today: TODAY });
    const row = result.iso42001.find((r) => r.ref === '9.3')!;
    expect(row.documents).toEqual([{ id: 'Doppelt', title: 'Doppelt', kind: 'other', state: 'released', releasedNumber: 1, nextReview: '2028-01-01' }]);
    expect(row.state).toBe('partial');
  });
});
