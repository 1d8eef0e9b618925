import { z } from 'zod';
import { Id, PageQuery, Timestamp, text, optionalText } from './common.js';
import { PersonRef } from './signatures.js';
import { AiSystem, AiSystemCreate, OperatorRole, Sourcing } from './systems.js';

/** submitted → in-review (first advice) → accepted (became an AI system) or declined (with a reason). */
export const INTAKE_STATUSES = ['submitted', 'in-review', 'accepted', 'declined'] as const;
export const IntakeStatus = z.enum(INTAKE_STATUSES);
export type IntakeStatus = z.infer<typeof IntakeStatus>;

/** One dated entry of the advice log; it stays with the system once the intake is accepted. */
export const AdviceEntry = z.object({
  id: Id,
  intakeId: Id.nullable(),
  systemId: Id.nullable(),
  text: z.string(),
  author: PersonRef,
  createdAt: Timestamp,
});
export type AdviceEntry = z.infer<typeof AdviceEntry>;

/** Plain text (shown as written, never rendered as Markdown or HTML); line breaks are kept. */
export const AdviceCreate = z.strictObject({ text: text(10000) });
export type AdviceCreate = z.infer<typeof AdviceCreate>;

export const Intake = z.object({
  id: Id,
  title: z.string(),
  /** What the AI should do. */
  purpose: z.string(),
  /** For whom: users and the people affected. */
  targetGroup: z.string(),
  dataUsed: z.string(),
  sourcing: Sourcing,
  vendor: z.string(),
  plannedDate: z.iso.date().nullable(),
  orgUnitId: Id,
  status: IntakeStatus,
  submittedBy: PersonRef,
  /** The AI system it was accepted as. */
  systemId: Id.nullable(),
  declineReason: z.string().nullable(),
  /** Who accepted or declined it, and when. */
  decidedBy: PersonRef.nullable(),
  decidedAt: Timestamp.nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Intake = z.infer<typeof Intake>;

/** A single intake with its advice log, oldest entry first. */
export const IntakeDetail = Intake.extend({ advice: z.array(AdviceEntry) });
export type IntakeDetail = z.infer<typeof IntakeDetail>;

export const IntakeCreate = z
  .strictObject({
    title: text(200),
    purpose: text(4000),
    targetGroup: optionalText(4000).default(''),
    dataUsed: optionalText(4000).default(''),
    sourcing: Sourcing.default('in-house'),
    vendor: optionalText(200).default(''),
    plannedDate: z.iso.date().nullable().default(null),
    orgUnitId: Id,
  })
  .superRefine((value, ctx) => {
    if (value.sourcing === 'procured' && value.vendor.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'A procured use case needs the vendor name' });
    }
  });
export type IntakeCreate = z.infer<typeof IntakeCreate>;

export const IntakeListQuery = z.strictObject({
  /** A status, or `open` for submitted and in-review (the queue). */
  status: z.enum([...INTAKE_STATUSES, 'open']).optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type IntakeListQuery = z.infer<typeof IntakeListQuery>;

/**
 * The AI system an accepted intake becomes: the fields of AiSystemCreate, each optional. Name, purpose, sourcing,
 * vendor and unit default to the intake's; roles default to deployer (procured) or provider and deployer (in-house).
 */
export const IntakeSystemFields = z.strictObject({
  ...AiSystemCreate.shape,
  name: AiSystemCreate.shape.name.optional(),
  purpose: AiSystemCreate.shape.purpose.optional(),
  orgUnitId: Id.optional(),
  roles: z.array(OperatorRole).min(1).max(4).optional(),
  sourcing: Sourcing.optional(),
  vendor: optionalText(200).optional(),
});
export type IntakeSystemFields = z.infer<typeof IntakeSystemFields>;

export const IntakeAccept = z.strictObject({
  version: z.number().int().min(1),
  system: IntakeSystemFields.optional(),
});
export type IntakeAccept = z.infer<typeof IntakeAccept>;

export const IntakeDecline = z.strictObject({
  version: z.number().int().min(1),
  reason: text(2000),
});
export type IntakeDecline = z.infer<typeof IntakeDecline>;

export const IntakeAccepted = z.object({ intake: IntakeDetail, system: AiSystem });
export type IntakeAccepted = z.infer<typeof IntakeAccepted>;
