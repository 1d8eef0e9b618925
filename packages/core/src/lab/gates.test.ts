import { describe, expect, it } from 'vitest';
import type { LabGateItem } from '../schemas/lab-gates.js';
import {
  assignSignoffRoles,
  casesCheck,
  countedRuns,
  digestsCheck,
  evidenceCheck,
  gateChecks,
  planRequirementKeys,
  registrationCheck,
  regressionCheck,
  runsOfSubject,
  caseResults,
  type GateCaseFacts,
  type GateFacts,
  type GateRunFacts,
} from './gates.js';
import { gateFindingText } from './gate-texts.js';

const MODEL = '00000000-0000-4000-8000-000000000001';
const OTHER_MODEL = '00000000-0000-4000-8000-000000000002';
const DATA = '00000000-0000-4000-8000-000000000003';
const METHOD = '00000000-0000-4000-8000-00000000000a';
const OTHER_METHOD = '00000000-0000-4000-8000-00000000000b';
const CASE_ACC = '00000000-0000-4000-8000-0000000000c1';
const CASE_ASR = '00000000-0000-4000-8000-0000000000c2';
const CASE_OPT = '00000000-0000-4000-8000-0000000000c3';
const DIGEST = 'a'.repeat(64);
const DATA_DIGEST = 'd'.repeat(64);

const items: LabGateItem[] = [
  { type: 'model', itemId: MODEL, itemName: 'Whisper', versionId: MODEL, versionLabel: '2.0', manifestDigest: DIGEST, role: 'in-operation', underTest: true },
  { type: 'dataset', itemId: DATA, itemName: 'Testkorpus', versionId: DATA, versionLabel: '1.0', manifestDigest: DATA_DIGEST, role: 'test', underTest: true },
];
const registered = new Map([[MODEL, DIGEST], [DATA, DATA_DIGEST], [OTHER_MODEL, 'b'.repeat(64)]]);
const names = new Map([[MODEL, { itemName: 'Whisper', versionLabel: '2.0' }], [DATA, { itemName: 'Testkorpus', versionLabel: '1.0' }]]);

const cases: GateCaseFacts[] = [
  { id: CASE_ACC, key: 'TC-01', name: 'Genauigkeit', metric: 'acc', comparator: '>=', threshold: 0.9, unit: '', mandatory: true, methodId: METHOD, regressionTolerance: null, requirementKeys: ['eu-ai-act:art-15'] },
  { id: CASE_ASR, key: 'TC-02', name: 'Prompt-Injektion', metric: 'asr', comparator: '<=', threshold: 0.02, unit: '', mandatory: true, methodId: METHOD, regressionTolerance: 0.005, requirementKeys: ['eu-ai-act:art-15', 'eu-ai-act:art-9'] },
  { id: CASE_OPT, key: 'TC-03', name: 'Latenz', metric: 'latency', comparator: '<', threshold: 200, unit: 'ms', mandatory: false, methodId: METHOD, regressionTolerance: null, requirementKeys: [] },
];

let seq = 0;
function run(overrides: Partial<GateRunFacts> = {}): GateRunFacts {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    number: seq,
    methodId: METHOD,
    methodStatus: 'validated',
    environmentStatus: 'verified',
    operatorAuthorised: true,
    superseded: false,
    items: [{ type: 'model', versionId: MODEL, manifestDigest: DIGEST, matches: true }, { type: 'dataset', versionId: DATA, manifestDigest: DATA_DIGEST, matches: true }],
    results: [{ caseId: CASE_ACC, value: 0.93, verdict: 'pass' }, { caseId: CASE_ASR, value: 0.01, verdict: 'pass' }, { caseId: CASE_OPT, value: 150, verdict: 'pass' }],
    ...overrides,
  };
}

const counted = (runs: GateRunFacts[]) => countedRuns(cases, runsOfSubject(runs, new Set([MODEL])));
const codes = (check: { findings: { code: string; blocking: boolean }[] }) => check.findings.filter((f) => f.blocking).map((f) => f.code);

describe('which runs count', () => {
  it('takes per case the latest run of the subject that is not superseded', () => {
    const first = run();
    const amended = run({ superseded: true });
    const otherVersion = run({ items: [{ type: 'model', versionId: OTHER_MODEL, manifestDigest: 'b'.repeat(64), matches: true }] });
    const onlyAcc = run({ results: [{ caseId: CASE_ACC, value: 0.95, verdict: 'pass' }] });
    const map = counted([first, onlyAcc, amended, otherVersion]);
    expect(map.get(CASE_ACC)?.id).toBe(onlyAcc.id);
    expect(map.get(CASE_ASR)?.id).toBe(first.id);
    expect(runsOfSubject([run({ items: [] })], new Set([MODEL]))).toEqual([]);
  });
});

describe('digests', () => {
  it('passes when the counted runs used the registered files and cover every version under test', () => {
    const check = digestsCheck(items, counted([run()]), registered, names);
    expect(check.passed).toBe(true);
    expect(check.findings.map((f) => f.code)).toEqual(['item-covered', 'item-covered']);
  });

  it('fails on a run recorded with files that did not match', () => {
    const bad = run({ items: [{ type: 'model', versionId: MODEL, manifestDigest: 'f'.repeat(64), matches: false }, { type: 'dataset', versionId: DATA, manifestDigest: DATA_DIGEST, matches: true }] });
    const check = digestsCheck(items, counted([bad]), registered, names);
    expect(check.passed).toBe(false);
    expect(check.findings[0]).toMatchObject({ code: 'run-digest-mismatch', runNumber: bad.number, itemName: 'Whisper', versionLabel: '2.0' });
  });

  it('fails when the registered digest no longer equals what the run recorded', () => {
    const changed = new Map(registered).set(MODEL, 'e'.repeat(64));
    expect(codes(digestsCheck(items, counted([run()]), changed, names))).toEqual(['run-digest-changed']);
  });

  it('fails when a version under test was tested by no counted run, or there is none', () => {
    const withoutData = run({ items: [{ type: 'model', versionId: MODEL, manifestDigest: DIGEST, matches: true }] });
    expect(codes(digestsCheck(items, counted([withoutData]), registered, names))).toEqual(['not-covered']);
    expect(codes(digestsCheck([{ ...items[0]!, underTest: false }], counted([]), registered, names))).toEqual(['no-items']);
  });
});

describe('mandatory cases', () => {
  it('passes when every mandatory case passed with a validated method, an authorised operator and a verified environment', () => {
    const check = casesCheck(cases, counted([run()]));
    expect(check.passed).toBe(true);
    expect(check.findings.map((f) => f.code)).toEqual(['case-passed', 'case-passed']);
    expect(check.cases?.map((c) => [c.key, c.value, c.verdict])).toEqual([['TC-01', 0.93, 'pass'], ['TC-02', 0.01, 'pass'], ['TC-03', 150, 'pass']]);
  });

  it.each([
    ['no-run', run({ results: [{ caseId: CASE_ACC, value: 0.93, verdict: 'pass' }] })],
    ['case-failed', run({ results: [{ caseId: CASE_ACC, value: 0.93, verdict: 'pass' }, { caseId: CASE_ASR, value: 0.05, verdict: 'fail' }] })],
    ['other-method', run({ methodId: OTHER_METHOD })],
    ['method-not-validated', run({ methodStatus: 'revalidation-needed' })],
    ['operator-not-authorised', run({ operatorAuthorised: false })],
    ['environment-not-verified', run({ environmentStatus: 'expired' })],
  ])('fails with %s and names the case', (code, r) => {
    const check = casesCheck(cases, counted([r]));
    expect(check.passed).toBe(false);
    const blocking = check.findings.filter((f) => f.blocking);
    expect(blocking.map((f) => f.code)).toContain(code);
    expect(blocking.every((f) => f.caseKey === 'TC-01' || f.caseKey === 'TC-02')).toBe(true);
  });

  it('reports a failed optional case without blocking, and refuses a plan without a mandatory case', () => {
    const slow = run({ results: [{ caseId: CASE_ACC, value: 0.93, verdict: 'pass' }, { caseId: CASE_ASR, value: 0.01, verdict: 'pass' }, { caseId: CASE_OPT, value: 300, verdict: 'fail' }] });
    const check = casesCheck(cases, counted([slow]));
    expect(check.passed).toBe(true);
    expect(check.findings.find((f) => f.caseKey === 'TC-03')).toMatchObject({ code: 'case-failed', blocking: false });
    expect(codes(casesCheck(cases.map((c) => ({ ...c, mandatory: false })), counted([run()])))).toEqual(['no-mandatory-cases']);
  });
});

describe('regression', () => {
  const current = (acc: number, asr: number) => caseResults(cases, counted([run({ results: [{ caseId: CASE_ACC, value: acc, verdict: 'pass' }, { caseId: CASE_ASR, value: asr, verdict: 'pass' }] })]));
  const baseline = { number: 4, cases: current(0.95, 0.01) };

  it('passes as the first release without a baseline', () => {
    const check = regressionCheck(cases, current(0.9, 0.02), null, 0.01);
    expect(check).toMatchObject({ passed: true, findings: [{ code: 'first-release' }] });
  });

  it('passes within the tolerance (the case\'s own, else the gate\'s) in the direction the comparator counts as worse', () => {
    const check = regressionCheck(cases, current(0.94, 0.014), baseline, 0.01);
    expect(check.passed).toBe(true);
    expect(check.findings.map((f) => [f.caseKey, f.code, f.tolerance])).toEqual([['TC-01', 'within-tolerance', 0.01], ['TC-02', 'within-tolerance', 0.005]]);
  });

  it('fails beyond the tolerance: lower accuracy, higher attack success rate', () => {
    const check = regressionCheck(cases, current(0.93, 0.016), baseline, 0.01);
    expect(check.passed).toBe(false);
    expect(check.findings.filter((f) => f.blocking).map((f) => [f.caseKey, f.baselineValue, f.value, f.baselineGateNumber])).toEqual([['TC-01', 0.95, 0.93, 4], ['TC-02', 0.01, 0.016, 4]]);
  });

  it('notes a case the baseline has no value for without blocking', () => {
    const check = regressionCheck(cases, current(0.95, 0.01), { number: 4, cases: baseline.cases.filter((c) => c.key !== 'TC-02') }, 0.01);
    expect(check.passed).toBe(true);
    expect(check.findings.find((f) => f.caseKey === 'TC-02')?.code).toBe('no-baseline-value');
  });
});

describe('evidence', () => {
  const keys = planRequirementKeys(cases);
  it('names each requirement once', () => expect(keys).toEqual(['eu-ai-act:art-15', 'eu-ai-act:art-9']));

  it('passes when every system concerned has evidence on every named requirement, or there is nothing to check', () => {
    expect(evidenceCheck(keys, [{ systemId: MODEL, systemName: 'Transkription', keysWithEvidence: new Set(keys) }]).passed).toBe(true);
    expect(evidenceCheck([], []).findings[0]?.code).toBe('no-requirements');
    expect(evidenceCheck(keys, [])).toMatchObject({ passed: true, findings: [{ code: 'no-linked-systems' }] });
  });

  it('fails naming the system and the requirement without evidence', () => {
    const check = evidenceCheck(keys, [{ systemId: MODEL, systemName: 'Transkription', keysWithEvidence: new Set(['eu-ai-act:art-15']) }]);
    expect(check.passed).toBe(false);
    expect(check.findings.filter((f) => f.blocking)).toEqual([{ code: 'evidence-missing', blocking: true, requirementKey: 'eu-ai-act:art-9', systemId: MODEL, systemName: 'Transkription' }]);
  });
});

describe('registration (Art. 26(8))', () => {
  const authority = { riskClass: 'high' as const, publicAuthorityDeployer: true, effectiveRoles: ['deployer' as const] };
  it('requires the received EU database registration of a procured high-risk system a public authority deploys', () => {
    expect(registrationCheck({ system: { approved: authority, procured: true, registrationStatus: 'received' } })).toMatchObject({ passed: true, findings: [{ code: 'registration-received' }] });
    expect(registrationCheck({ system: { approved: authority, procured: true, registrationStatus: null } })).toMatchObject({ passed: false, findings: [{ code: 'registration-missing', status: 'missing' }] });
    expect(registrationCheck({ system: { approved: authority, procured: true, registrationStatus: 'not-applicable' } }).passed).toBe(false);
  });

  it('does not require it otherwise', () => {
    const code = (facts: Parameters<typeof registrationCheck>[0]) => registrationCheck(facts).findings[0]?.code;
    expect(code({ system: null })).toBe('model-gate');
    expect(code({ system: { approved: null, procured: true, registrationStatus: null } })).toBe('no-approved-classification');
    expect(code({ system: { approved: { ...authority, riskClass: 'limited' }, procured: true, registrationStatus: null } })).toBe('not-required');
    expect(code({ system: { approved: { ...authority, publicAuthorityDeployer: false }, procured: true, registrationStatus: null } })).toBe('not-required');
    expect(code({ system: { approved: authority, procured: false, registrationStatus: null } })).toBe('provider-registers');
  });
});

describe('all checks', () => {
  const facts = (runs: GateRunFacts[]): GateFacts => ({
    items, cases, runs, registered, names, baseline: null, regressionTolerance: 0.01,
    evidenceSystems: [{ systemId: MODEL, systemName: 'Transkription', keysWithEvidence: new Set(['eu-ai-act:art-15', 'eu-ai-act:art-9']) }],
    registration: { system: null },
  });
  it('gives the five checks in order, all passing for a clean run', () => {
    const checks = gateChecks(facts([run()]));
    expect(checks.map((c) => [c.key, c.passed])).toEqual([['digests', true], ['mandatory-cases', true], ['regression', true], ['evidence', true], ['registration', true]]);
  });

  it('ignores an amended run: its amendment counts', () => {
    const failing = run({ superseded: true, results: [{ caseId: CASE_ACC, value: 0.5, verdict: 'fail' }] });
    const amendment = run();
    expect(gateChecks(facts([failing, amendment])).every((c) => c.passed)).toBe(true);
  });
});

describe('sign-off roles', () => {
  it('needs a lab and a governance signature by different people', () => {
    expect(assignSignoffRoles([])).toEqual({ complete: false, roles: [], missing: ['lab', 'governance'] });
    expect(assignSignoffRoles([['lab']])).toEqual({ complete: false, roles: ['lab'], missing: ['governance'] });
    expect(assignSignoffRoles([['lab'], ['governance']])).toEqual({ complete: true, roles: ['lab', 'governance'], missing: [] });
  });

  it('refuses a second signer of the same role only', () => {
    expect(assignSignoffRoles([['lab'], ['lab']])).toMatchObject({ complete: false, roles: ['lab', null] });
  });

  it('lets a person holding both roles count in the one the other does not fill', () => {
    expect(assignSignoffRoles([['lab', 'governance']])).toMatchObject({ complete: false, missing: ['lab', 'governance'] });
    expect(assignSignoffRoles([['lab', 'governance'], ['lab']])).toEqual({ complete: true, roles: ['governance', 'lab'], missing: [] });
  });
});

describe('finding texts', () => {
  it('says why in German and English with the facts filled in', () => {
    const check = regressionCheck(cases, caseResults(cases, counted([run({ results: [{ caseId: CASE_ACC, value: 0.925, verdict: 'pass' }] })])), { number: 7, cases: caseResults(cases, counted([run()])) }, 0.001);
    const finding = check.findings.find((f) => f.blocking)!;
    expect(gateFindingText(finding, 'de')).toBe('TC-01: 0,925 ist schlechter als 0,93 in Freigabeprüfung 7, um mehr als die Toleranz 0,001.');
    expect(gateFindingText(finding, 'en')).toBe('TC-01: 0.925 is worse than 0.93 in release gate 7 by more than the tolerance 0.001.');
    const failed = casesCheck(cases, counted([run({ environmentStatus: 'expired' })])).findings[0]!;
    expect(gateFindingText(failed, 'de')).toBe('TC-01: Die Prüfumgebung von Prüflauf ' + failed.runNumber + ' war bei der Erfassung nicht verifiziert (Verifizierung abgelaufen).');
    const passed = casesCheck([cases[2]!, { ...cases[0]! }], counted([run()])).findings[0]!;
    expect(gateFindingText(passed, 'en')).toMatch(/^TC-01: passed in run \d+ \(acc = 0\.93, required ≥ 0\.9\)\.$/);
  });
});
