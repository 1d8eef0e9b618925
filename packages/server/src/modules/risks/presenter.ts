import { acceptanceRuleFor, type Risk, type RiskMatrixConfig, type RiskStatus } from '@konform/core';
import type { RiskAcceptanceTable, RiskTable } from '../../db/schema.js';

function levelRef(matrix: RiskMatrixConfig, id: string | null) {
  const level = id ? matrix.levels.find((l) => l.id === id) : undefined;
  return level ? { id: level.id, label: level.label, color: level.color, rank: level.rank } : null;
}

/** The state a risk acceptance signs: what the risk says, not its workflow status. Any change makes it stale. */
export function acceptanceState(row: RiskTable) {
  return {
    id: row.id,
    systemId: row.system_id,
    version: Number(row.version),
    title: row.title,
    description: row.description,
    sourceId: row.source_id,
    affected: JSON.parse(row.affected) as unknown,
    rights: JSON.parse(row.rights) as unknown,
    affectedGroups: row.affected_groups,
    likelihood: row.likelihood,
    impact: row.impact,
    inherentLevel: row.inherent_level,
    treatment: row.treatment,
    measures: JSON.parse(row.measures) as unknown,
    residualLikelihood: row.residual_likelihood,
    residualImpact: row.residual_impact,
    residualLevel: row.residual_level,
  };
}

/** The level whose acceptance rule applies: the residual one once rated, else the inherent one. */
export const acceptanceLevel = (row: Pick<RiskTable, 'residual_level' | 'inherent_level'>) => row.residual_level ?? row.inherent_level;

export function presentRisk(row: RiskTable, matrix: RiskMatrixConfig, acceptances: readonly RiskAcceptanceTable[], today: string): Risk {
  const version = Number(row.version);
  const current = acceptances.filter((a) => Number(a.risk_version) === version);
  const level = acceptanceLevel(row);
  const rule = level ? acceptanceRuleFor(matrix, level) : null;
  const required = rule?.signatures ?? 0;
  const state = current.length > 0 ? (current.length >= required ? 'accepted' : 'pending') : acceptances.length > 0 ? 'stale' : 'none';
  return {
    id: row.id,
    systemId: row.system_id,
    number: Number(row.number),
    title: row.title,
    description: row.description,
    sourceId: row.source_id,
    affected: JSON.parse(row.affected) as Risk['affected'],
    rights: JSON.parse(row.rights) as Risk['rights'],
    affectedGroups: row.affected_groups,
    likelihood: row.likelihood === null ? null : Number(row.likelihood),
    impact: row.impact === null ? null : Number(row.impact),
    inherentLevel: levelRef(matrix, row.inherent_level),
    treatment: row.treatment as Risk['treatment'],
    measures: JSON.parse(row.measures) as string[],
    residualLikelihood: row.residual_likelihood === null ? null : Number(row.residual_likelihood),
    residualImpact: row.residual_impact === null ? null : Number(row.residual_impact),
    residualLevel: levelRef(matrix, row.residual_level),
    owner: row.owner,
    status: row.status as RiskStatus,
    nextReview: row.next_review,
    reviewOverdue: row.next_review !== null && row.next_review < today && row.status !== 'closed',
    acceptance: {
      state,
      level,
      required,
      roles: rule?.roles ?? [],
      deputies: rule?.deputies ?? [],
      signatures: current.map((a) => ({ signatureId: a.signature_id, signerLabel: a.signer_label, role: a.role, signedAt: a.signed_at, justification: a.justification })),
    },
    version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
