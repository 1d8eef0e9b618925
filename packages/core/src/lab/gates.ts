import type { TestItemType } from '../schemas/models.js';
import type { OperatorRole } from '../schemas/systems.js';
import type { RiskClass } from '../classification/result.js';
import {
  LAB_GATE_SIGNOFF_ROLES,
  type LabGateCaseResult,
  type LabGateCheck,
  type LabGateFinding,
  type LabGateItem,
  type LabGateSignoffRole,
} from '../schemas/lab-gates.js';
import { regressed, type LabComparator } from './verdicts.js';

/**
 * The rules of a release gate (#8 point 6) over plain facts: which runs count, the five checks, and whether the
 * signatures given so far cover the two roles. The server gathers the facts; nothing here reads a database.
 */

/** What the checks need of a recorded run (as stored at recording: method and environment status, authorisation). */
export interface GateRunFacts {
  id: string;
  number: number;
  methodId: string;
  methodStatus: string;
  environmentStatus: string;
  operatorAuthorised: boolean;
  /** An amendment replaced it: it never counts. */
  superseded: boolean;
  items: readonly { type: TestItemType; versionId: string; manifestDigest: string; matches: boolean }[];
  results: readonly { caseId: string; value: number; verdict: 'pass' | 'fail' }[];
}

export interface GateCaseFacts {
  id: string;
  key: string;
  name: string;
  metric: string;
  comparator: LabComparator;
  threshold: number;
  unit: string;
  mandatory: boolean;
  methodId: string;
  regressionTolerance: number | null;
  requirementKeys: readonly string[];
}

/** A version's names for the texts, by version id. */
export type VersionNames = ReadonlyMap<string, { itemName: string; versionLabel: string }>;

/**
 * The runs that are about the subject: not superseded, and every model version they tested is one of the subject's
 * (a run of another version of the model, or of a model the system no longer uses, does not count).
 */
export function runsOfSubject<R extends GateRunFacts>(runs: readonly R[], subjectModelVersionIds: ReadonlySet<string>): R[] {
  return runs.filter((r) => {
    if (r.superseded) return false;
    const models = r.items.filter((i) => i.type === 'model');
    return models.length > 0 && models.every((i) => subjectModelVersionIds.has(i.versionId));
  });
}

/** Per case, the latest run (highest number) among `runs` that has a result for it. */
export function countedRuns<R extends GateRunFacts>(cases: readonly GateCaseFacts[], runs: readonly R[]): Map<string, R> {
  const counted = new Map<string, R>();
  for (const c of cases) {
    for (const r of runs) {
      if (!r.results.some((x) => x.caseId === c.id)) continue;
      const best = counted.get(c.id);
      if (!best || r.number > best.number) counted.set(c.id, r);
    }
  }
  return counted;
}

const check = (key: LabGateCheck['key'], findings: LabGateFinding[], extra: Partial<LabGateCheck> = {}): LabGateCheck => ({
  key, passed: findings.every((f) => !f.blocking), findings, ...extra,
});

const runRef = (r: GateRunFacts) => ({ runId: r.id, runNumber: r.number });

/** Distinct runs in the order of their numbers. */
function distinctRuns<R extends GateRunFacts>(counted: ReadonlyMap<string, R>): R[] {
  return [...new Map([...counted.values()].map((r) => [r.id, r])).values()].sort((a, b) => a.number - b.number);
}

/**
 * digests: the subject has versions under test; every counted run was recorded with files matching the registered
 * digests (as it said at recording, and still now); and the counted runs together tested every version under test.
 */
export function digestsCheck(items: readonly LabGateItem[], counted: ReadonlyMap<string, GateRunFacts>, registered: ReadonlyMap<string, string>, names: VersionNames): LabGateCheck {
  const findings: LabGateFinding[] = [];
  const underTest = items.filter((i) => i.underTest);
  if (underTest.length === 0) findings.push({ code: 'no-items', blocking: true });
  const runs = distinctRuns(counted);
  for (const run of runs) {
    for (const item of run.items) {
      const named = { itemType: item.type, versionId: item.versionId, ...(names.get(item.versionId) ?? {}) };
      if (!item.matches) findings.push({ code: 'run-digest-mismatch', blocking: true, ...runRef(run), ...named });
      else if (registered.get(item.versionId) !== item.manifestDigest) findings.push({ code: 'run-digest-changed', blocking: true, ...runRef(run), ...named });
    }
  }
  for (const item of underTest) {
    const named = { itemType: item.type, versionId: item.versionId, itemName: item.itemName, versionLabel: item.versionLabel };
    const run = runs.find((r) => r.items.some((i) => i.versionId === item.versionId));
    findings.push(run ? { code: 'item-covered', blocking: false, ...runRef(run), ...named } : { code: 'not-covered', blocking: true, ...named });
  }
  return check('digests', findings);
}

/** Every case with the result that counts for it. */
export function caseResults(cases: readonly GateCaseFacts[], counted: ReadonlyMap<string, GateRunFacts>): LabGateCaseResult[] {
  return cases.map((c) => {
    const run = counted.get(c.id);
    const result = run?.results.find((x) => x.caseId === c.id);
    return {
      caseId: c.id, key: c.key, name: c.name, metric: c.metric, comparator: c.comparator, threshold: c.threshold, unit: c.unit, mandatory: c.mandatory,
      value: result?.value ?? null, verdict: result?.verdict ?? null, runId: run?.id ?? null, runNumber: run?.number ?? null,
    };
  });
}

/**
 * mandatory-cases: for every mandatory case, the run that counts passed it, used the case's method, and was recorded
 * with a validated method, an authorised operator and a verified environment. A failed optional case is reported
 * without blocking.
 */
export function casesCheck(cases: readonly GateCaseFacts[], counted: ReadonlyMap<string, GateRunFacts>): LabGateCheck {
  const findings: LabGateFinding[] = [];
  const results = caseResults(cases, counted);
  if (!cases.some((c) => c.mandatory)) findings.push({ code: 'no-mandatory-cases', blocking: true });
  cases.forEach((c, index) => {
    const run = counted.get(c.id);
    const result = results[index]!;
    const about = { caseKey: c.key, metric: c.metric, comparator: c.comparator, threshold: c.threshold, unit: c.unit };
    if (!run || result.value === null) {
      if (c.mandatory) findings.push({ code: 'no-run', blocking: true, ...about });
      return;
    }
    const at = { ...about, ...runRef(run), value: result.value };
    if (!c.mandatory) {
      if (result.verdict === 'fail') findings.push({ code: 'case-failed', blocking: false, ...at });
      return;
    }
    const problems: LabGateFinding[] = [];
    if (result.verdict !== 'pass') problems.push({ code: 'case-failed', blocking: true, ...at });
    if (run.methodId !== c.methodId) problems.push({ code: 'other-method', blocking: true, ...at });
    if (run.methodStatus !== 'validated') problems.push({ code: 'method-not-validated', blocking: true, ...at, status: run.methodStatus });
    if (!run.operatorAuthorised) problems.push({ code: 'operator-not-authorised', blocking: true, ...at });
    if (run.environmentStatus !== 'verified') problems.push({ code: 'environment-not-verified', blocking: true, ...at, status: run.environmentStatus });
    findings.push(...(problems.length > 0 ? problems : [{ code: 'case-passed' as const, blocking: false, ...at }]));
  });
  return check('mandatory-cases', findings, { cases: results });
}

/** The released gate a new release is compared with: its number and the case results it released. */
export interface GateBaseline {
  number: number;
  cases: readonly LabGateCaseResult[];
}

/**
 * regression: against the subject's current release, no case's value may be worse than the released one by more than
 * the case's tolerance (else the gate's). Cases are matched by key and metric; without a baseline: the first release.
 */
export function regressionCheck(cases: readonly GateCaseFacts[], current: readonly LabGateCaseResult[], baseline: GateBaseline | null, defaultTolerance: number): LabGateCheck {
  if (baseline === null) return check('regression', [{ code: 'first-release', blocking: false }]);
  const findings: LabGateFinding[] = [];
  cases.forEach((c, index) => {
    const value = current[index]?.value ?? null;
    if (value === null) return;
    const about = { caseKey: c.key, metric: c.metric, comparator: c.comparator, unit: c.unit, value, baselineGateNumber: baseline.number };
    const base = baseline.cases.find((b) => b.key === c.key && b.metric === c.metric && b.value !== null);
    if (!base) {
      findings.push({ code: 'no-baseline-value', blocking: false, ...about });
      return;
    }
    const tolerance = c.regressionTolerance ?? defaultTolerance;
    const worse = regressed(value, base.value!, c.comparator, tolerance);
    findings.push({ code: worse ? 'regressed' : 'within-tolerance', blocking: worse, ...about, baselineValue: base.value!, tolerance });
  });
  return check('regression', findings);
}

/** The requirement keys the plan's cases name, each once, in the order of the cases. */
export function planRequirementKeys(cases: readonly GateCaseFacts[]): string[] {
  return [...new Set(cases.flatMap((c) => c.requirementKeys))];
}

/** A system whose compliance matrix must carry the evidence, with the requirement keys that have some. */
export interface GateEvidenceSystem {
  systemId: string;
  systemName: string;
  keysWithEvidence: ReadonlySet<string>;
}

/**
 * evidence: every requirement a case names has evidence on the matrix row of each system concerned (the gate's
 * system; for a model version, every system using it — none: nothing to check).
 */
export function evidenceCheck(keys: readonly string[], systems: readonly GateEvidenceSystem[]): LabGateCheck {
  if (keys.length === 0) return check('evidence', [{ code: 'no-requirements', blocking: false }]);
  if (systems.length === 0) return check('evidence', [{ code: 'no-linked-systems', blocking: false }]);
  const findings: LabGateFinding[] = [];
  for (const s of systems) {
    for (const key of keys) {
      const has = s.keysWithEvidence.has(key);
      findings.push({ code: has ? 'evidence-present' : 'evidence-missing', blocking: !has, requirementKey: key, systemId: s.systemId, systemName: s.systemName });
    }
  }
  return check('evidence', findings);
}

/** What the registration rule needs of a system gate's system. */
export interface GateRegistrationFacts {
  /** Null for a model version's gate. */
  system: {
    /** The classification: only an approved one counts. */
    approved: { riskClass: RiskClass; publicAuthorityDeployer: boolean; effectiveRoles: readonly OperatorRole[] } | null;
    procured: boolean;
    /** The status recorded for the supplier document `eu-registration`, or null when none was recorded. */
    registrationStatus: string | null;
  } | null;
}

/**
 * registration (Art. 26(8)): a public-authority deployer may use a high-risk system only when it is registered in the
 * EU database; the supplier's registration must have been received. Where the organisation is the provider itself
 * (in-house, or a provider under Art. 25) it registers the system itself (Art. 49): shown, not checked here.
 */
export function registrationCheck(facts: GateRegistrationFacts): LabGateCheck {
  const s = facts.system;
  if (s === null) return check('registration', [{ code: 'model-gate', blocking: false }]);
  if (s.approved === null) return check('registration', [{ code: 'no-approved-classification', blocking: false }]);
  const c = s.approved;
  if (!(c.riskClass === 'high' && c.publicAuthorityDeployer && c.effectiveRoles.includes('deployer'))) return check('registration', [{ code: 'not-required', blocking: false }]);
  if (!s.procured || c.effectiveRoles.includes('provider')) return check('registration', [{ code: 'provider-registers', blocking: false }]);
  if (s.registrationStatus === 'received') return check('registration', [{ code: 'registration-received', blocking: false }]);
  return check('registration', [{ code: 'registration-missing', blocking: true, status: s.registrationStatus ?? 'missing' }]);
}

/** Everything the five checks need. */
export interface GateFacts {
  items: readonly LabGateItem[];
  cases: readonly GateCaseFacts[];
  /** The plan's runs (all of them; which count is decided here). */
  runs: readonly GateRunFacts[];
  /** Registered digests of every version the items and runs name, by version id. */
  registered: ReadonlyMap<string, string>;
  names: VersionNames;
  baseline: GateBaseline | null;
  regressionTolerance: number;
  evidenceSystems: readonly GateEvidenceSystem[];
  registration: GateRegistrationFacts;
}

/** The five checks in their order. */
export function gateChecks(facts: GateFacts): LabGateCheck[] {
  const models = new Set(facts.items.filter((i) => i.type === 'model' && i.underTest).map((i) => i.versionId));
  const counted = countedRuns(facts.cases, runsOfSubject(facts.runs, models));
  const cases = casesCheck(facts.cases, counted);
  return [
    digestsCheck(facts.items, counted, facts.registered, facts.names),
    cases,
    regressionCheck(facts.cases, cases.cases!, facts.baseline, facts.regressionTolerance),
    evidenceCheck(planRequirementKeys(facts.cases), facts.evidenceSystems),
    registrationCheck(facts.registration),
  ];
}

// ---- signatures ------------------------------------------------------------------------------------------------------

export interface SignoffAssignment {
  /** All roles are covered by different people. */
  complete: boolean;
  /** The role each signer counts in (null when they cannot be given one). */
  roles: (LabGateSignoffRole | null)[];
  /** Roles a further signer could still fill so that the release becomes complete. */
  missing: LabGateSignoffRole[];
}

/**
 * Which role each signer counts in, given the sign-off roles each held when signing (in order). Two people are needed:
 * one counting as lab, the other as governance; a person holding both counts in whichever the other does not fill.
 */
export function assignSignoffRoles(eligible: readonly (readonly LabGateSignoffRole[])[]): SignoffAssignment {
  const best = bestAssignment(eligible);
  const complete = best.filter((r) => r !== null).length === LAB_GATE_SIGNOFF_ROLES.length;
  const missing = complete ? [] : LAB_GATE_SIGNOFF_ROLES.filter((role) => bestAssignment([...eligible, [role]]).every((r) => r !== null));
  return { complete, roles: best, missing };
}

/** The assignment of distinct roles that gives a role to the most signers (earlier signers and roles first). */
function bestAssignment(eligible: readonly (readonly LabGateSignoffRole[])[]): (LabGateSignoffRole | null)[] {
  let best: (LabGateSignoffRole | null)[] = eligible.map(() => null);
  const count = (a: readonly (LabGateSignoffRole | null)[]) => a.filter((r) => r !== null).length;
  const walk = (index: number, taken: ReadonlySet<LabGateSignoffRole>, acc: (LabGateSignoffRole | null)[]) => {
    if (index === eligible.length) {
      if (count(acc) > count(best)) best = [...acc];
      return;
    }
    for (const role of LAB_GATE_SIGNOFF_ROLES) {
      if (eligible[index]!.includes(role) && !taken.has(role)) walk(index + 1, new Set([...taken, role]), [...acc, role]);
    }
    walk(index + 1, taken, [...acc, null]);
  };
  walk(0, new Set(), []);
  return best;
}
