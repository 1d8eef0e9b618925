import type { FriaElement, Risk } from '@konform/core';
import type { AiSystemTable } from '../../db/schema.js';
import { sha256Hex } from '../../audit/hash-chain.js';
import { canonicalJson } from '../../audit/canonical-json.js';

/** The record data each element is written from; when its hash moves, the element is flagged for update. */
export function elementSources(system: AiSystemTable, risks: readonly Risk[]): Record<FriaElement, string> {
  const hash = (value: unknown) => sha256Hex(canonicalJson(value));
  const relevant = risks.filter((r) => r.status !== 'closed');
  return {
    a: hash({ purpose: system.purpose, deploymentContext: system.deployment_context }),
    b: hash(null),
    c: hash({ affectedPersons: system.affected_persons, groups: relevant.map((r) => r.affectedGroups) }),
    d: hash(relevant.map((r) => ({ id: r.id, version: r.version }))),
    e: hash(relevant.map((r) => ({ id: r.id, measures: r.measures, treatment: r.treatment }))),
    f: hash(null),
  };
}

/** Risks that speak to harm to persons: fundamental rights, health or safety. */
export const harmRisks = (risks: readonly Risk[]) =>
  risks.filter((r) => r.status !== 'closed' && r.affected.some((a) => a === 'fundamental-rights' || a === 'health' || a === 'safety'));
