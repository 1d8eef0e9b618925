import { evaluateApplicability, type ApplicabilityBasis, type ClassificationFacts, type ClassificationResult } from '@konform/core';
import type { AiSystemTable } from '../../db/schema.js';
import type { CatalogRegistry, IndexedRequirement } from '../../catalogs/registry.js';
import { appliesFrom, type CatalogDates } from '../catalogs/presenter.js';

/** The classification a system's matrix rests on: the last approved revision, else the latest (draft) one, else none. */
export interface ClassificationBasis {
  basis: ApplicabilityBasis;
  revisionId: string | null;
  revision: number | null;
  result: ClassificationResult | null;
  facts: ClassificationFacts | null;
}

export const NO_CLASSIFICATION: ClassificationBasis = { basis: 'none', revisionId: null, revision: null, result: null, facts: null };

/** One requirement's applicability for one system. */
export interface Derived {
  entry: IndexedRequirement;
  applies: boolean;
  why: string[];
  appliesFrom: string | null;
}

/** The system attributes a condition may address as `system.*`. */
function systemAttributes(system: AiSystemTable): Record<string, unknown> {
  return {
    lifecycleStage: system.lifecycle_stage,
    roles: JSON.parse(system.roles) as unknown,
    sourcing: system.sourcing,
    autonomy: system.autonomy,
    tags: JSON.parse(system.tags) as unknown,
  };
}

/**
 * Applicability of one requirement:
 * - with a classification, a requirement with `appliesWhen` applies when the condition holds over {result, facts,
 *   system}; one without applies when the system is inside the Act's scope (risk class other than out-of-scope, or
 *   the Act applied voluntarily) and, if it names roles, the system holds one of them (result.effectiveRoles);
 * - without a classification nothing that depends on one can be decided: only requirements without a condition and
 *   without roles (the organisation as a whole) apply.
 */
export function deriveOne(entry: IndexedRequirement, basis: ClassificationBasis, system: Record<string, unknown>, dates: CatalogDates): Derived {
  const r = entry.requirement;
  const result = basis.result;
  const date = appliesFrom(r, dates, result?.highRiskRoute);
  if (!result) {
    const orgWide = !r.appliesWhen && r.roles.length === 0;
    return { entry, applies: orgWide, why: [orgWide ? 'no classification yet: applies to the organisation as a whole' : 'no classification yet'], appliesFrom: date };
  }
  if (r.appliesWhen) {
    const outcome = evaluateApplicability(r.appliesWhen, { result, facts: basis.facts ?? {}, system });
    return { entry, applies: outcome.applies, why: outcome.why, appliesFrom: date };
  }
  const inScope = result.riskClass !== 'out-of-scope' || result.voluntaryApplication;
  if (!inScope) return { entry, applies: false, why: ['result.riskClass = out-of-scope'], appliesFrom: date };
  const why = [result.riskClass !== 'out-of-scope' ? 'result.riskClass ≠ out-of-scope' : 'result.voluntaryApplication = true'];
  if (r.roles.length > 0) {
    const held = r.roles.filter((role) => result.effectiveRoles.includes(role));
    if (held.length === 0) return { entry, applies: false, why: [`result.effectiveRoles ∌ ${r.roles.join(' | ')}`], appliesFrom: date };
    why.push(`result.effectiveRoles ∋ ${held.join(', ')}`);
  }
  return { entry, applies: true, why, appliesFrom: date };
}

/** Every requirement (not group) of the given catalogues (default: all), derived for one system. */
export function deriveAll(registry: CatalogRegistry, basis: ClassificationBasis, system: AiSystemTable, dates: CatalogDates, catalogIds?: readonly string[]): Derived[] {
  const attributes = systemAttributes(system);
  const out: Derived[] = [];
  for (const id of catalogIds ?? registry.list().map((c) => c.catalog.id)) {
    for (const entry of registry.requirementsOf(id)) {
      if (entry.requirement.kind === 'requirement') out.push(deriveOne(entry, basis, attributes, dates));
    }
  }
  return out;
}

/**
 * Derived applicability per system, kept while nothing it rests on changes (catalogues, the basis revision and its
 * state, the system's attributes). Least recently used entries leave first.
 */
export class ApplicabilityCache {
  private readonly entries = new Map<string, { stamp: string; derived: Derived[]; byKey: Map<string, Derived> }>();

  constructor(private readonly capacity = 2000) {}

  get(registry: CatalogRegistry, basis: ClassificationBasis, system: AiSystemTable, dates: CatalogDates) {
    const stamp = `${registry.generation}|${dates.actInForce}|${basis.basis}|${basis.revisionId ?? ''}|${system.version}|${system.updated_at}`;
    const hit = this.entries.get(system.id);
    if (hit && hit.stamp === stamp) {
      this.entries.delete(system.id);
      this.entries.set(system.id, hit);
      return hit;
    }
    const derived = deriveAll(registry, basis, system, dates);
    const entry = { stamp, derived, byKey: new Map(derived.map((d) => [d.entry.key, d])) };
    this.entries.delete(system.id);
    this.entries.set(system.id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
