import type { Risk, RiskCreate, RiskUpdate } from '@konform/core';

export type AffectedArea = Risk['affected'][number];
export type FundamentalRight = Risk['rights'][number];
export type RiskTreatment = NonNullable<Risk['treatment']>;
/** Statuses a user may set; `accepted` only follows from signatures. */
export const EDITABLE_STATUSES = ['identified', 'assessed', 'treated', 'closed'] as const;
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

export interface RiskFormValues {
  title: string;
  description: string;
  sourceId: string | null;
  affected: AffectedArea[];
  rights: FundamentalRight[];
  affectedGroups: string;
  likelihood: number | null;
  impact: number | null;
  treatment: RiskTreatment | null;
  measures: string[];
  residualLikelihood: number | null;
  residualImpact: number | null;
  owner: string;
  /** `YYYY-MM-DD` or '' */
  nextReview: string;
  /** '' keeps the current status (a new risk's status follows from its rating). */
  status: EditableStatus | '';
  reason: string;
}

export function emptyRiskValues(): RiskFormValues {
  return {
    title: '', description: '', sourceId: null, affected: [], rights: [], affectedGroups: '', likelihood: null, impact: null, treatment: null,
    measures: [], residualLikelihood: null, residualImpact: null, owner: '', nextReview: '', status: '', reason: '',
  };
}

export function riskValues(risk: Risk): RiskFormValues {
  return {
    title: risk.title,
    description: risk.description,
    sourceId: risk.sourceId,
    affected: [...risk.affected],
    rights: [...risk.rights],
    affectedGroups: risk.affectedGroups,
    likelihood: risk.likelihood,
    impact: risk.impact,
    treatment: risk.treatment,
    measures: [...risk.measures],
    residualLikelihood: risk.residualLikelihood,
    residualImpact: risk.residualImpact,
    owner: risk.owner,
    nextReview: risk.nextReview ?? '',
    status: risk.status === 'accepted' ? '' : risk.status,
    reason: '',
  };
}

/** The fields as the API takes them: trimmed, rights only while fundamental rights are ticked. */
function body(values: RiskFormValues) {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    sourceId: values.sourceId,
    affected: values.affected,
    rights: values.affected.includes('fundamental-rights') ? values.rights : [],
    affectedGroups: values.affectedGroups.trim(),
    likelihood: values.likelihood,
    impact: values.impact,
    treatment: values.treatment,
    measures: values.measures,
    residualLikelihood: values.residualLikelihood,
    residualImpact: values.residualImpact,
    owner: values.owner.trim(),
    nextReview: values.nextReview === '' ? null : values.nextReview,
  };
}

export function createPayload(values: RiskFormValues): RiskCreate {
  return body(values);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Only what changed, with the version the form was loaded at: an unchanged field is not sent, so that saving the
 * form untouched does not make an acceptance stale. Null when nothing changed.
 */
export function updatePayload(risk: Risk, values: RiskFormValues): RiskUpdate | null {
  const next = body(values);
  const before = body(riskValues(risk));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const a = before[key];
    const b = next[key];
    const same = Array.isArray(a) && Array.isArray(b) ? sameList(a, b) : a === b;
    if (!same) changes[key] = b;
  }
  if (values.status !== '' && values.status !== risk.status) changes.status = values.status;
  if (Object.keys(changes).length === 0) return null;
  const reason = values.reason.trim();
  return { version: risk.version, ...changes, ...(reason === '' ? {} : { reason }) };
}
