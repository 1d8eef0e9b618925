import type { Kysely } from 'kysely';
import {
  gateChecks,
  planRequirementKeys,
  type GateCaseFacts,
  type GateEvidenceSystem,
  type GateRegistrationFacts,
  type GateRunFacts,
  type LabComparator,
  type LabGateCaseResult,
  type LabGateCheck,
  type LabGateItem,
  type TestItemType,
} from '@konform/core';
import type { DB, LabGateTable } from '../../db/schema.js';
import type { CatalogRegistry } from '../../catalogs/registry.js';
import { findSystem } from '../systems/repository.js';
import { linksOf, usageOf, versionsWithItems } from '../models/repository.js';
import { evidenceLinks, listSystemMeasures } from '../requirements/repository.js';
import { advancedKeys } from '../requirements/service.js';
import { basesOfSystems } from '../vendors/checklist.js';
import { documentsOf } from '../vendors/repository.js';
import { casesOf } from './plan-repository.js';
import * as repo from './gate-repository.js';

type Db = Kysely<DB>;

/** The roles in which a system uses a version that runs must cover: in operation, or as test data. */
const ROLES_UNDER_TEST = new Set(['in-operation', 'test']);

/**
 * The test items of a gate's subject as they are registered now: the model version of a model gate; for a system,
 * every version linked to it (one entry per version, its roles joined), under test where used in operation or as
 * test data.
 */
export async function subjectItems(db: Db, gate: Pick<LabGateTable, 'system_id' | 'model_version_id'>): Promise<LabGateItem[]> {
  if (gate.model_version_id) {
    const v = await repo.findModelVersion(db, gate.model_version_id);
    return v ? [{ type: 'model', itemId: v.model_id, itemName: v.model_name, versionId: v.id, versionLabel: v.label, manifestDigest: v.manifest_digest, role: null, underTest: true }] : [];
  }
  const links = await linksOf(db, gate.system_id!);
  const versions = new Map<string, Awaited<ReturnType<typeof versionsWithItems>>[number]>();
  for (const type of ['model', 'dataset'] as const) {
    for (const v of await versionsWithItems(db, type, links.filter((l) => l.item_type === type).map((l) => l.version_id))) versions.set(v.id, v);
  }
  const items = new Map<string, LabGateItem>();
  for (const link of links) {
    const v = versions.get(link.version_id);
    if (!v) continue;
    const seen = items.get(v.id);
    if (seen) {
      seen.role = `${seen.role}, ${link.role}`;
      seen.underTest ||= ROLES_UNDER_TEST.has(link.role);
      continue;
    }
    items.set(v.id, {
      type: link.item_type as TestItemType, itemId: v.item_id, itemName: v.item_name, versionId: v.id, versionLabel: v.label, manifestDigest: v.manifest_digest,
      role: link.role, underTest: ROLES_UNDER_TEST.has(link.role),
    });
  }
  return [...items.values()];
}

/** The case results a released gate froze (its regression baseline). */
export function releasedCases(gate: Pick<LabGateTable, 'checks'>): LabGateCaseResult[] {
  const checks = gate.checks ? (JSON.parse(gate.checks) as LabGateCheck[]) : [];
  return checks.find((c) => c.key === 'mandatory-cases')?.cases ?? [];
}

/** The requirement keys with evidence on a system's matrix rows: linked directly, or through an applied measure. */
async function keysWithEvidence(db: Db, registry: CatalogRegistry, systemId: string): Promise<Set<string>> {
  const [links, measures] = await Promise.all([evidenceLinks(db, systemId), listSystemMeasures(db, systemId)]);
  const keys = new Set<string>();
  for (const link of links) {
    if (link.requirement_key) keys.add(link.requirement_key);
    if (link.measure_id && measures.some((m) => m.measure_id === link.measure_id)) for (const key of advancedKeys(registry, link.measure_id)) keys.add(key);
  }
  return keys;
}

/** The systems whose matrix must carry the evidence: the gate's system, or every system using the model version. */
async function evidenceSystems(db: Db, registry: CatalogRegistry, gate: Pick<LabGateTable, 'system_id' | 'model_version_id'>, needed: boolean): Promise<GateEvidenceSystem[]> {
  if (!needed) return [];
  const systems = gate.system_id
    ? [await findSystem(db, gate.system_id)].flatMap((s) => (s ? [{ id: s.id, name: s.name }] : []))
    : [...new Map((await usageOf(db, 'model', [gate.model_version_id!])).map((u) => [u.system_id, { id: u.system_id, name: u.system_name }])).values()];
  return Promise.all(systems.map(async (s) => ({ systemId: s.id, systemName: s.name, keysWithEvidence: await keysWithEvidence(db, registry, s.id) })));
}

/** What the Art. 26(8) rule needs of a system gate's system (its approved classification and supplier documents). */
async function registrationFacts(db: Db, systemId: string | null): Promise<GateRegistrationFacts> {
  if (!systemId) return { system: null };
  const [system, bases, documents] = await Promise.all([findSystem(db, systemId), basesOfSystems(db, [systemId]), documentsOf(db, [systemId])]);
  const basis = bases.get(systemId);
  const { result, facts } = basis?.basis === 'approved' ? basis : { result: null, facts: null };
  return {
    system: {
      approved: result && facts ? { riskClass: result.riskClass, publicAuthorityDeployer: facts.deployer?.publicAuthority ?? false, effectiveRoles: result.effectiveRoles } : null,
      procured: system?.sourcing === 'procured',
      registrationStatus: documents.find((d) => d.kind === 'eu-registration')?.status ?? null,
    },
  };
}

export interface GateEvaluation {
  checks: LabGateCheck[];
  items: LabGateItem[];
  /** The release compared with, or null for a first release. */
  baseline: LabGateTable | null;
}

/**
 * The five checks of a gate now, from the database `db` (a transaction when signing): plan cases, the plan's runs and
 * results, the registered digests, the subject's current release, the evidence on the matrix and the registration.
 */
export async function evaluateGate(db: Db, registry: CatalogRegistry, gate: Pick<LabGateTable, 'id' | 'system_id' | 'model_version_id' | 'plan_id' | 'regression_tolerance'>): Promise<GateEvaluation> {
  const [caseRows, { runs, results }, items, baseline] = await Promise.all([casesOf(db, gate.plan_id), repo.runsOfPlan(db, gate.plan_id), subjectItems(db, gate), repo.releasedGateOfLine(db, gate)]);
  const cases: GateCaseFacts[] = caseRows.map((c) => ({
    id: c.id, key: c.key, name: c.name, metric: c.metric, comparator: c.comparator as LabComparator, threshold: Number(c.threshold), unit: c.unit, mandatory: Number(c.mandatory) === 1,
    methodId: c.method_id, regressionTolerance: c.regression_tolerance === null ? null : Number(c.regression_tolerance), requirementKeys: JSON.parse(c.requirement_keys) as string[],
  }));
  const runFacts: GateRunFacts[] = runs.map((r) => ({
    id: r.id, number: Number(r.number), methodId: r.method_id, methodStatus: r.method_status, environmentStatus: r.environment_status, operatorAuthorised: Number(r.operator_authorised) === 1,
    superseded: r.superseded_by_run_id !== null, items: JSON.parse(r.items) as GateRunFacts['items'],
    results: results.filter((x) => x.run_id === r.id).map((x) => ({ caseId: x.test_case_id, value: Number(x.value), verdict: x.verdict as 'pass' | 'fail' })),
  }));
  // Registered digests and names of every version the subject and the runs name.
  const ids = (type: TestItemType) => [...new Set([...items.filter((i) => i.type === type).map((i) => i.versionId), ...runFacts.flatMap((r) => r.items.filter((i) => i.type === type).map((i) => i.versionId))])];
  const versions = [...(await versionsWithItems(db, 'model', ids('model'))), ...(await versionsWithItems(db, 'dataset', ids('dataset')))];
  const keys = planRequirementKeys(cases);
  const checks = gateChecks({
    items, cases, runs: runFacts,
    registered: new Map(versions.map((v) => [v.id, v.manifest_digest])),
    names: new Map(versions.map((v) => [v.id, { itemName: v.item_name, versionLabel: v.label }])),
    baseline: baseline ? { number: Number(baseline.number), cases: releasedCases(baseline) } : null,
    regressionTolerance: Number(gate.regression_tolerance),
    evidenceSystems: await evidenceSystems(db, registry, gate, keys.length > 0),
    registration: await registrationFacts(db, gate.system_id),
  });
  return { checks, items, baseline: baseline ?? null };
}

/** What a release signature binds: the gate, its subject and plan, the checks and the items with their digests. */
export function signedState(gate: Pick<LabGateTable, 'id' | 'number' | 'system_id' | 'model_version_id' | 'plan_id' | 'regression_tolerance'>, checks: readonly LabGateCheck[], items: readonly LabGateItem[]) {
  return {
    gateId: gate.id,
    number: Number(gate.number),
    subject: { systemId: gate.system_id, modelVersionId: gate.model_version_id },
    planId: gate.plan_id,
    regressionTolerance: Number(gate.regression_tolerance),
    checks,
    items,
  };
}

/**
 * How the released items differ from what is registered now, one sentence per difference; empty when nothing
 * changed. A system's linked versions count whole: a version added, removed or with another digest.
 */
export async function digestChanges(db: Db, gate: Pick<LabGateTable, 'system_id' | 'model_version_id' | 'released_items'>): Promise<string[]> {
  const released = JSON.parse(gate.released_items ?? '[]') as LabGateItem[];
  const now = await subjectItems(db, gate);
  const name = (i: LabGateItem) => `${i.type} ${i.itemName} ${i.versionLabel}`;
  const changes: string[] = [];
  for (const r of released) {
    const current = now.find((i) => i.versionId === r.versionId);
    if (!current) changes.push(gate.system_id ? `${name(r)} is no longer linked to the AI system` : `${name(r)} is no longer registered`);
    else if (current.manifestDigest !== r.manifestDigest) changes.push(`${name(r)}: digest ${r.manifestDigest.slice(0, 12)}… is now ${current.manifestDigest.slice(0, 12)}…`);
  }
  for (const i of now) if (!released.some((r) => r.versionId === i.versionId)) changes.push(`${name(i)} is now linked to the AI system`);
  return changes;
}
