import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { Id, PageQuery, Timestamp } from './common.js';
import { RiskMatrixConfig } from '../risks/matrix.js';

const IsoDate = z.iso.date();
const Text = z.object({ de: z.string(), en: z.string() });

/** What a risk may harm. */
export const RISK_AFFECTED_AREAS = ['health', 'safety', 'fundamental-rights', 'operations', 'reputation'] as const;
export const RiskAffectedArea = z.enum(RISK_AFFECTED_AREAS);

/** Fundamental rights (EU Charter) a risk may touch; named when `fundamental-rights` is affected. */
export const FUNDAMENTAL_RIGHTS = [
  'human-dignity', 'non-discrimination', 'equality', 'privacy', 'data-protection', 'freedom-of-expression', 'freedom-of-assembly',
  'rights-of-the-child', 'workers-rights', 'social-security', 'good-administration', 'effective-remedy-fair-trial', 'presumption-of-innocence', 'asylum',
] as const;
export const FundamentalRight = z.enum(FUNDAMENTAL_RIGHTS);

export const RISK_TREATMENTS = ['reduce', 'avoid', 'transfer', 'accept'] as const;
export const RiskTreatment = z.enum(RISK_TREATMENTS);

/** identified → assessed (rated) → treated (measures decided) → accepted (signed) | closed. */
export const RISK_STATUSES = ['identified', 'assessed', 'treated', 'accepted', 'closed'] as const;
export const RiskStatus = z.enum(RISK_STATUSES);
export type RiskStatus = z.infer<typeof RiskStatus>;

/** none: no acceptance asked; pending: fewer signatures than the level needs; accepted; stale: the risk changed after acceptance. */
export const RISK_ACCEPTANCE_STATES = ['none', 'pending', 'accepted', 'stale'] as const;
export const RiskAcceptanceState = z.enum(RISK_ACCEPTANCE_STATES);

const Rating = z.number().int().min(1).max(10);

const RiskBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000),
  /** A risk source of the risk-source catalogue (GET /api/risk-sources). */
  sourceId: z.string().max(100).nullable(),
  affected: z.array(RiskAffectedArea).max(RISK_AFFECTED_AREAS.length),
  rights: z.array(FundamentalRight).max(FUNDAMENTAL_RIGHTS.length),
  affectedGroups: z.string().trim().max(2000),
  likelihood: Rating.nullable(),
  impact: Rating.nullable(),
  treatment: RiskTreatment.nullable(),
  /** Measures of the measures catalogue. */
  measures: z.array(z.string().max(200)).max(100),
  residualLikelihood: Rating.nullable(),
  residualImpact: Rating.nullable(),
  owner: z.string().trim().max(200),
  nextReview: IsoDate.nullable(),
});

/** A new risk: a title at least; everything else may follow. */
export const RiskCreate = RiskBody.partial().required({ title: true });
export type RiskCreate = z.infer<typeof RiskCreate>;

/** A change: the version it is based on, any fields, the status (not `accepted`, which only signatures set). */
export const RiskUpdate = RiskBody.partial().extend({
  version: z.number().int().min(1),
  status: z.enum(['identified', 'assessed', 'treated', 'closed']).optional(),
  reason: z.string().trim().max(1000).optional(),
});
export type RiskUpdate = z.infer<typeof RiskUpdate>;

export const RiskLevelRef = z.object({ id: z.string(), label: Text, color: z.string(), rank: z.number().int() });

export const RiskAcceptanceSignature = z.object({ signatureId: z.string(), signerLabel: z.string(), role: z.string(), signedAt: Timestamp, justification: z.string() });

export const RiskAcceptance = z.object({
  state: RiskAcceptanceState,
  /** The level whose rule applies (the residual level, else the inherent one). */
  level: z.string().nullable(),
  required: z.number().int(),
  roles: z.array(z.string()),
  deputies: z.array(z.string()),
  signatures: z.array(RiskAcceptanceSignature),
});

export const Risk = z.object({
  id: Id,
  systemId: Id,
  /** … per system. */
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  sourceId: z.string().nullable(),
  affected: z.array(RiskAffectedArea),
  rights: z.array(FundamentalRight),
  affectedGroups: z.string(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  inherentLevel: RiskLevelRef.nullable(),
  treatment: RiskTreatment.nullable(),
  measures: z.array(z.string()),
  residualLikelihood: z.number().int().nullable(),
  residualImpact: z.number().int().nullable(),
  residualLevel: RiskLevelRef.nullable(),
  owner: z.string(),
  status: RiskStatus,
  nextReview: IsoDate.nullable(),
  reviewOverdue: z.boolean(),
  acceptance: RiskAcceptance,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Risk = z.infer<typeof Risk>;

export const RiskListQuery = z.strictObject({
  status: RiskStatus.optional(),
  /** `inherent:<likelihood>-<impact>` or `residual:<likelihood>-<impact>`: the risks of one heat-map cell. */
  cell: z.string().regex(/^(inherent|residual):\d{1,2}-\d{1,2}$/).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...PageQuery,
});
export type RiskListQuery = z.infer<typeof RiskListQuery>;

/** POST /api/risks/{id}/accept: one signature towards the acceptance of the risk's current state. */
export const RiskAcceptRequest = z.strictObject({
  version: z.number().int().min(1),
  justification: z.string().trim().min(10).max(2000),
  ...SignerCredentialFields,
});
export type RiskAcceptRequest = z.infer<typeof RiskAcceptRequest>;

/** GET/PUT /api/risk-matrix */
export const RiskMatrix = z.object({ config: RiskMatrixConfig, version: z.number().int(), updatedAt: Timestamp.nullable(), updatedBy: z.string().nullable() });
export type RiskMatrix = z.infer<typeof RiskMatrix>;
export const RiskMatrixUpdate = z.strictObject({ version: z.number().int().min(0), config: RiskMatrixConfig, reason: z.string().trim().max(1000).optional() });
export type RiskMatrixUpdate = z.infer<typeof RiskMatrixUpdate>;
export const RiskMatrixUpdateResult = RiskMatrix.extend({ reRated: z.number().int(), acceptancesStale: z.number().int() });

/** Heat map: counts per cell of the inherent and the residual rating. */
export const HeatMap = z.object({
  likelihood: z.array(z.object({ value: z.number().int(), label: Text })),
  impact: z.array(z.object({ value: z.number().int(), label: Text })),
  inherent: z.array(z.array(z.number().int())),
  residual: z.array(z.array(z.number().int())),
  cells: z.array(z.array(RiskLevelRef)),
  unrated: z.number().int(),
  overdue: z.number().int(),
});
export type HeatMap = z.infer<typeof HeatMap>;
