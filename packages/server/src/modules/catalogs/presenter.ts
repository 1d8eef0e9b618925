import { timelineDate, type ApplicabilityCondition, type CatalogRequirement, type CatalogRequirementItem, type RiskClass, type Timeline, type TimelineGroupId } from '@konform/core';
import type { CatalogRegistry, IndexedRequirement } from '../../catalogs/registry.js';

/** The EU AI Act timeline and the act whose dates apply on this installation. */
export interface CatalogDates {
  timeline: Timeline;
  actInForce: string;
}

const HIGH_RISK_GROUPS: Record<'annex-i' | 'annex-iii', TimelineGroupId> = { 'annex-i': 'annex-i-high-risk', 'annex-iii': 'annex-iii-high-risk' };

/**
 * The date a requirement applies from: its timeline group's date under the act in force, else its fixed date, else
 * null. A high-risk group follows the system's high-risk route when one is known (an Annex I system takes the
 * Annex I date even where the catalogue names the Annex III group).
 */
export function appliesFrom(requirement: CatalogRequirement, dates: CatalogDates, highRiskRoute?: 'annex-i' | 'annex-iii' | null): string | null {
  let group = requirement.timelineGroup;
  if (group && highRiskRoute && (group === 'annex-i-high-risk' || group === 'annex-iii-high-risk')) group = HIGH_RISK_GROUPS[highRiskRoute];
  if (group) return timelineDate(dates.timeline, dates.actInForce, group)?.from ?? null;
  return requirement.appliesFrom ?? null;
}

export function presentCatalogRequirement(registry: CatalogRegistry, entry: IndexedRequirement, dates: CatalogDates): CatalogRequirementItem {
  const r = entry.requirement;
  return {
    id: r.id,
    key: entry.key,
    catalogId: entry.catalogId,
    ref: r.ref,
    kind: r.kind,
    title: r.title,
    description: r.description ?? null,
    roles: r.roles,
    appliesWhen: r.appliesWhen ?? null,
    appliesFrom: appliesFrom(r, dates),
    parentId: r.parent ?? null,
    evidence: r.evidence,
    measures: registry.measuresFor(entry.key).map((m) => m.id),
    mappings: registry.mappingsOf(entry.key).map((m) => ({ key: m.key, relation: m.relation, rationale: m.rationale })),
  };
}

/**
 * Whether a condition can hold for a system of the given risk class: leaves on `result.riskClass` are decided,
 * every other leaf is unknown (three-valued logic). A requirement without a condition applies inside the Act's scope.
 */
export function admitsRiskClass(condition: ApplicabilityCondition | undefined, riskClass: RiskClass): boolean {
  if (!condition) return riskClass !== 'out-of-scope';
  return decide(condition, riskClass) !== false;
}

function decide(c: ApplicabilityCondition, rc: RiskClass): boolean | null {
  if ('always' in c) return true;
  if ('all' in c) {
    const parts = c.all.map((p) => decide(p, rc));
    return parts.includes(false) ? false : parts.every((p) => p === true) ? true : null;
  }
  if ('any' in c) {
    const parts = c.any.map((p) => decide(p, rc));
    return parts.includes(true) ? true : parts.every((p) => p === false) ? false : null;
  }
  if ('not' in c) {
    const inner = decide(c.not, rc);
    return inner === null ? null : !inner;
  }
  if (c.path !== 'result.riskClass') return null;
  if ('equals' in c) return c.equals === rc;
  if ('in' in c) return c.in.includes(rc);
  return null;
}

/** Lower-cased text a catalogue search matches. */
export function requirementSearchText(r: CatalogRequirement): string {
  return [r.ref, r.id, r.title.de, r.title.en, r.description?.de ?? '', r.description?.en ?? ''].join('\n').toLocaleLowerCase('de');
}
