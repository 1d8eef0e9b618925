import { z } from 'zod';
import { OperatorRole } from '../schemas/systems.js';

export const RISK_CLASSES = ['prohibited', 'high', 'limited', 'minimal', 'out-of-scope'] as const;
export const RiskClass = z.enum(RISK_CLASSES);
export type RiskClass = z.infer<typeof RiskClass>;

/** `code` names the rule (stable, for the UI); `text` is the sentence in the requested language. */
export const Reason = z.object({ ref: z.string(), code: z.string(), text: z.string() });
export type Reason = z.infer<typeof Reason>;

export const Registration = z.object({
  by: z.enum(['provider', 'deployer']),
  database: z.enum(['eu-database-public', 'eu-database-secure', 'national']),
  basis: z.string(),
});
export type Registration = z.infer<typeof Registration>;

export const Obligation = z.object({
  ref: z.string(),
  /** ISO date from which the obligation applies, or null where the act in force sets none. */
  appliesFrom: z.string().nullable(),
  /** The obligation group of the timeline it was dated from. */
  group: z.string(),
  title: z.object({ de: z.string(), en: z.string() }),
});
export type Obligation = z.infer<typeof Obligation>;

/** Every key is always present: a key that does not apply is null or an empty list. */
export const ClassificationResult = z.object({
  riskClass: RiskClass,
  highRiskRoute: z.enum(['annex-i', 'annex-iii']).nullable(),
  prohibited: z.array(z.string()),
  transparency: z.array(z.string()),
  gpaiTier: z.enum(['none', 'gpai', 'gpai-systemic']),
  effectiveRoles: z.array(OperatorRole),
  conformityProcedure: z.enum(['annex-vi', 'annex-vii', 'annex-vi-or-vii', 'annex-i-product-law']).nullable(),
  friaRequired: z.boolean(),
  registrations: z.array(Registration),
  documentationDuty6_4: z.boolean(),
  /** Art. 2(3) exclusion with the Act's requirements applied voluntarily by internal policy. */
  voluntaryApplication: z.boolean(),
  /** With voluntaryApplication: the class the system would have inside the Act. */
  voluntaryRiskClass: RiskClass.nullable(),
  reasons: z.array(Reason),
  obligations: z.array(Obligation),
  /** Which version of the Act's timeline the dates come from. */
  timelineAct: z.string(),
});
export type ClassificationResult = z.infer<typeof ClassificationResult>;
