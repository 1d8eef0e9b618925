import { describe, expect, it } from 'vitest';
import { LAB_PLAN_STATUSES, LabPlanCreate, LabTestCaseInput } from '../schemas/lab-plans.js';
import { caseCriterion, latestRevision, nextCaseKey, planAllows, planFixProblems, unitsOnOneLine } from './plans.js';

const METHOD = '5f0c2b8e-7c1d-4a51-9a3e-0c1d2e3f4a5b';
const SYSTEM = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const kase = (over: Record<string, unknown> = {}) => ({ key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, methodId: METHOD, ...over });

describe('planAllows', () => {
  it('edits and fixes drafts only, revises fixed plans only, retires drafts and fixed plans', () => {
    const table = Object.fromEntries(LAB_PLAN_STATUSES.map((s) => [s, (['edit', 'fix', 'revise', 'retire'] as const).filter((a) => planAllows(s, a))]));
    expect(table).toEqual({ draft: ['edit', 'fix', 'retire'], fixed: ['revise', 'retire'], retired: [] });
  });
});

describe('planFixProblems', () => {
  it('needs at least one case and at least one mandatory case', () => {
    expect(planFixProblems([])).toEqual(['no-cases']);
    expect(planFixProblems([{ mandatory: false }, { mandatory: false }])).toEqual(['no-mandatory-case']);
    expect(planFixProblems([{ mandatory: false }, { mandatory: true }])).toEqual([]);
  });
});

describe('caseCriterion', () => {
  it('takes comparator, threshold and decision rule of the case', () => {
    expect(caseCriterion({ comparator: '<=', threshold: 0.05, decisionRule: 'conservative-bound' })).toEqual({ comparator: '<=', threshold: 0.05, decisionRule: 'conservative-bound' });
  });
});

describe('nextCaseKey', () => {
  it('proposes the number after the highest TC key, ignoring other keys', () => {
    expect(nextCaseKey([])).toBe('TC-01');
    expect(nextCaseKey(['TC-01', 'TC-07', 'tc-03'])).toBe('TC-08');
    expect(nextCaseKey(['ROBUST', 'TC-x'])).toBe('TC-01');
    expect(nextCaseKey(['TC-99'])).toBe('TC-100');
  });
});

describe('latestRevision', () => {
  const r = (id: string, status: 'draft' | 'fixed' | 'retired', createdAt: string, fixedAt: string | null = null) => ({ id, status, createdAt, fixedAt });
  it('shows the latest fixed revision before any draft, and none when only abandoned drafts exist', () => {
    expect(latestRevision([])).toBeNull();
    expect(latestRevision([r('a', 'draft', '2026-01-01T00:00:00Z'), r('b', 'draft', '2026-02-01T00:00:00Z')])?.id).toBe('b');
    expect(latestRevision([r('a', 'retired', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), r('b', 'fixed', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'), r('c', 'draft', '2026-04-01T00:00:00Z')])?.id).toBe('b');
    expect(latestRevision([r('a', 'retired', '2026-01-01T00:00:00Z')])).toBeNull();
  });
});

describe('unitsOnOneLine', () => {
  const tree = [
    { id: 'top', parentId: null },
    { id: 'lab', parentId: 'top' },
    { id: 'team', parentId: 'lab' },
    { id: 'other', parentId: 'top' },
  ];
  it('accepts the same unit, a unit above and a unit below; refuses a sibling branch', () => {
    expect(unitsOnOneLine(tree, 'lab', 'lab')).toBe(true);
    expect(unitsOnOneLine(tree, 'top', 'team')).toBe(true);
    expect(unitsOnOneLine(tree, 'team', 'top')).toBe(true);
    expect(unitsOnOneLine(tree, 'team', 'other')).toBe(false);
    expect(unitsOnOneLine(tree, 'lab', 'unknown')).toBe(false);
  });
});

describe('plan schemas', () => {
  const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((i) => i.path.join('.'));

  it('fills defaults of a case: point estimate, mandatory, no tolerance, dataset or requirements', () => {
    expect(LabTestCaseInput.parse(kase())).toEqual({
      ...kase(), description: '', unit: '', decisionRule: 'point-estimate', regressionTolerance: null, datasetVersionId: null, mandatory: true, requirementKeys: [],
    });
  });

  it('names the field of a bad case: empty metric, unknown comparator, infinite threshold, bad or repeated requirement key, a key used twice', () => {
    const result = LabPlanCreate.safeParse({
      systemId: SYSTEM,
      name: 'Plan',
      cases: [
        kase({ metric: '  ' }),
        kase({ key: 'TC-02', comparator: '=>' }),
        kase({ key: 'TC-03', threshold: Number.POSITIVE_INFINITY }),
        kase({ key: 'TC-04', requirementKeys: ['eu-ai-act:art-15', 'no key', 'eu-ai-act:art-15'] }),
      ],
    });
    expect(result.success).toBe(false);
    expect(paths(result)).toEqual(['cases.0.metric', 'cases.1.comparator', 'cases.2.threshold', 'cases.3.requirementKeys.1', 'cases.3.requirementKeys.2']);
    // Unique keys are checked once every case is well-formed (case-insensitively: TC-01 and tc-01 clash).
    expect(paths(LabPlanCreate.safeParse({ systemId: SYSTEM, name: 'Plan', cases: [kase(), kase({ key: 'TC-02' }), kase({ key: 'tc-01' })] }))).toEqual(['cases.2.key']);
  });

  it('needs exactly one of system and model, and a unit only for a model', () => {
    expect(paths(LabPlanCreate.safeParse({ name: 'Plan' }))).toEqual(['systemId']);
    expect(paths(LabPlanCreate.safeParse({ name: 'Plan', systemId: SYSTEM, modelId: METHOD }))).toEqual(['systemId']);
    expect(paths(LabPlanCreate.safeParse({ name: 'Plan', systemId: SYSTEM, orgUnitId: METHOD }))).toEqual(['orgUnitId']);
    expect(LabPlanCreate.safeParse({ name: 'Plan', modelId: SYSTEM, orgUnitId: METHOD }).success).toBe(true);
  });
});
