import { z } from 'zod';
import { Id, PageQuery, Timestamp, optionalText, text } from './common.js';

const IsoDate = z.iso.date();
const VersionNumber = z.number().int().min(1);
const Reason = z.string().trim().max(1000).optional();

// ---------------------------------------------------------------------------------------------------------------
// Evaluation methods (ISO/IEC 17025 7.2): a harness with a version or commit plus its configuration.
// ---------------------------------------------------------------------------------------------------------------

export const LAB_HARNESSES = ['lm-evaluation-harness', 'inspect', 'helm', 'own-script', 'other'] as const;
export const LabHarness = z.enum(LAB_HARNESSES);
export type LabHarness = z.infer<typeof LabHarness>;

/** A metric the method reports: its name (as the harness writes it), unit and direction. */
export const LabMetricDefinition = z.strictObject({
  name: text(200),
  unit: optionalText(50).default(''),
  higherIsBetter: z.boolean(),
  description: optionalText(2000).default(''),
});
export type LabMetricDefinition = z.infer<typeof LabMetricDefinition>;

export const LabPrompt = z.strictObject({ name: text(200), template: z.string().max(20_000) });
export type LabPrompt = z.infer<typeof LabPrompt>;

const DecodingKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'Expected a parameter name (letters, digits, _ . -)');
const DecodingValue = z.union([z.number(), z.string().max(500), z.boolean()]);

/**
 * The configuration that, with the harness version, makes the method: task, prompts, decoding parameters (e.g.
 * `temperature`, `max_tokens`, `num_fewshot`, `seed`) and the metrics it reports. Metric names are unique.
 */
export const LabMethodConfiguration = z
  .strictObject({
    task: text(300),
    prompts: z.array(LabPrompt).max(100).default([]),
    decoding: z.record(DecodingKey, DecodingValue).default({}),
    metrics: z.array(LabMetricDefinition).min(1).max(100),
  })
  .superRefine((config, ctx) => {
    if (Object.keys(config.decoding).length > 50) ctx.addIssue({ code: 'custom', path: ['decoding'], message: 'At most 50 decoding parameters' });
    const seen = new Set<string>();
    config.metrics.forEach((m, index) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: ['metrics', index, 'name'], message: 'Metric names must be unique' });
      seen.add(m.name);
    });
  });
export type LabMethodConfiguration = z.infer<typeof LabMethodConfiguration>;

/** validated: the latest validation passed for the current harness version; revalidation-needed: the version changed since. */
export const LAB_METHOD_STATUSES = ['validated', 'revalidation-needed', 'not-validated'] as const;
export const LabMethodStatus = z.enum(LAB_METHOD_STATUSES);
export type LabMethodStatus = z.infer<typeof LabMethodStatus>;

export const LabValidationResult = z.enum(['passed', 'failed']);
export type LabValidationResult = z.infer<typeof LabValidationResult>;

export const LabMethodCreate = z.strictObject({
  orgUnitId: Id,
  name: text(300),
  harness: LabHarness,
  harnessVersion: text(200),
  configuration: LabMethodConfiguration,
  description: optionalText(10_000).default(''),
});
export type LabMethodCreate = z.infer<typeof LabMethodCreate>;

/** A change of a method; a new harness version makes it need re-validation. */
export const LabMethodUpdate = z.strictObject({
  version: VersionNumber,
  orgUnitId: Id.optional(),
  name: text(300).optional(),
  harness: LabHarness.optional(),
  harnessVersion: text(200).optional(),
  configuration: LabMethodConfiguration.optional(),
  description: optionalText(10_000).optional(),
  reason: Reason,
});
export type LabMethodUpdate = z.infer<typeof LabMethodUpdate>;

/** POST /api/lab/methods/{id}/validations: the harness version validated is the method's current one unless named. */
export const LabMethodValidationCreate = z.strictObject({
  result: LabValidationResult,
  validatedOn: IsoDate.optional(),
  harnessVersion: text(200).optional(),
  report: optionalText(20_000).default(''),
});
export type LabMethodValidationCreate = z.infer<typeof LabMethodValidationCreate>;

export const LabMethodValidation = z.object({
  id: Id,
  methodId: Id,
  result: LabValidationResult,
  harnessVersion: z.string(),
  validatedOn: IsoDate,
  report: z.string(),
  validatedBy: Id,
  validatedByLabel: z.string(),
  recordedAt: Timestamp,
});
export type LabMethodValidation = z.infer<typeof LabMethodValidation>;

/** POST /api/lab/methods/{id}/authorisations: a person authorised to record runs with the method (ISO/IEC 17025 6.2.6). */
export const LabAuthorisationCreate = z
  .strictObject({
    userId: Id,
    since: IsoDate.optional(),
    until: IsoDate.nullable().optional(),
    note: optionalText(2000).default(''),
  })
  .superRefine((a, ctx) => {
    if (a.since && a.until && a.until < a.since) ctx.addIssue({ code: 'custom', path: ['until'], message: 'Must not lie before the start' });
  });
export type LabAuthorisationCreate = z.infer<typeof LabAuthorisationCreate>;

/** active: within since..until and not withdrawn; pending: starts later; ended: past until; revoked: withdrawn. */
export const LabAuthorisationState = z.enum(['active', 'pending', 'ended', 'revoked']);
export type LabAuthorisationState = z.infer<typeof LabAuthorisationState>;

export const LabAuthorisation = z.object({
  id: Id,
  methodId: Id,
  userId: Id,
  userName: z.string(),
  userEmail: z.string(),
  authorisedBy: Id,
  authorisedByLabel: z.string(),
  since: IsoDate,
  until: IsoDate.nullable(),
  note: z.string(),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  revokedByLabel: z.string().nullable(),
  state: LabAuthorisationState,
});
export type LabAuthorisation = z.infer<typeof LabAuthorisation>;

export const LabAuthorisationParams = z.strictObject({ id: Id, authorisationId: Id });

/** People who may be authorised: active users holding lab.run in the method's unit. */
export const LabAuthorisationCandidate = z.object({ id: Id, name: z.string(), email: z.string() });
export type LabAuthorisationCandidate = z.infer<typeof LabAuthorisationCandidate>;

export const LabMethodSummary = z.object({
  id: Id,
  orgUnitId: Id,
  orgUnitName: z.string(),
  name: z.string(),
  harness: LabHarness,
  harnessVersion: z.string(),
  status: LabMethodStatus,
  lastValidation: LabMethodValidation.nullable(),
  authorisedCount: z.number().int(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type LabMethodSummary = z.infer<typeof LabMethodSummary>;

export const LabMethodDetail = LabMethodSummary.extend({
  configuration: LabMethodConfiguration,
  description: z.string(),
  createdAt: Timestamp,
  createdByLabel: z.string(),
  validations: z.array(LabMethodValidation),
  authorisations: z.array(LabAuthorisation),
});
export type LabMethodDetail = z.infer<typeof LabMethodDetail>;

export const LabMethodListQuery = z.strictObject({
  orgUnitId: Id.optional(),
  status: LabMethodStatus.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type LabMethodListQuery = z.infer<typeof LabMethodListQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Environments (equipment, ISO/IEC 17025 6.4): hardware, driver, runtime, container digest, verified by a reference run.
// ---------------------------------------------------------------------------------------------------------------

/** An OCI image digest: `sha256:` and 64 lower-case hex digits. */
export const ContainerDigest = z.string().trim().regex(/^sha256:[0-9a-f]{64}$/, 'Expected sha256: followed by 64 lower-case hex digits');

export const LabHardware = z.strictObject({
  cpu: optionalText(200).default(''),
  gpuModel: optionalText(200).default(''),
  gpuCount: z.number().int().min(0).max(4096).default(0),
  memoryGb: z.number().min(0).max(1_000_000).default(0),
});
export type LabHardware = z.infer<typeof LabHardware>;

export const LabRuntime = z.strictObject({
  python: optionalText(50).default(''),
  cuda: optionalText(50).default(''),
  other: optionalText(1000).default(''),
});
export type LabRuntime = z.infer<typeof LabRuntime>;

/** verified: the latest passing verification holds today for the current digest and driver. */
export const LAB_ENVIRONMENT_STATUSES = ['verified', 'expired', 'verification-needed'] as const;
export const LabEnvironmentStatus = z.enum(LAB_ENVIRONMENT_STATUSES);
export type LabEnvironmentStatus = z.infer<typeof LabEnvironmentStatus>;

/** Why an environment needs verification (null when it is verified or expired). */
export const LabVerificationNeed = z.enum(['never-verified', 'failed', 'configuration-changed']);
export type LabVerificationNeed = z.infer<typeof LabVerificationNeed>;

export const LabEnvironmentCreate = z.strictObject({
  orgUnitId: Id,
  name: text(300),
  hardware: LabHardware.default({ cpu: '', gpuModel: '', gpuCount: 0, memoryGb: 0 }),
  driverVersion: optionalText(100).default(''),
  runtime: LabRuntime.default({ python: '', cuda: '', other: '' }),
  containerDigest: ContainerDigest.nullable().default(null),
  location: optionalText(300).default(''),
  notes: optionalText(10_000).default(''),
  verificationValidityMonths: z.number().int().min(1).max(60).default(6),
});
export type LabEnvironmentCreate = z.infer<typeof LabEnvironmentCreate>;

export const LabEnvironmentUpdate = z.strictObject({
  version: VersionNumber,
  orgUnitId: Id.optional(),
  name: text(300).optional(),
  hardware: LabHardware.optional(),
  driverVersion: optionalText(100).optional(),
  runtime: LabRuntime.optional(),
  containerDigest: ContainerDigest.nullable().optional(),
  location: optionalText(300).optional(),
  notes: optionalText(10_000).optional(),
  verificationValidityMonths: z.number().int().min(1).max(60).optional(),
  reason: Reason,
});
export type LabEnvironmentUpdate = z.infer<typeof LabEnvironmentUpdate>;

/** POST /api/lab/environments/{id}/verifications: a reference run; passed = |measured − expected| ≤ tolerance. */
export const LabVerificationCreate = z
  .strictObject({
    referenceRun: text(300),
    metric: optionalText(200).default(''),
    expectedValue: z.number().finite(),
    measuredValue: z.number().finite(),
    tolerance: z.number().finite().min(0),
    verifiedOn: IsoDate.optional(),
    validUntil: IsoDate.optional(),
    notes: optionalText(10_000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.verifiedOn && v.validUntil && v.validUntil < v.verifiedOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'Must not lie before the day of verification' });
  });
export type LabVerificationCreate = z.infer<typeof LabVerificationCreate>;

export const LabVerification = z.object({
  id: Id,
  environmentId: Id,
  referenceRun: z.string(),
  metric: z.string(),
  expectedValue: z.number(),
  measuredValue: z.number(),
  tolerance: z.number(),
  passed: z.boolean(),
  verifiedOn: IsoDate,
  validUntil: IsoDate,
  containerDigest: z.string().nullable(),
  driverVersion: z.string(),
  notes: z.string(),
  verifiedBy: Id,
  verifiedByLabel: z.string(),
  recordedAt: Timestamp,
});
export type LabVerification = z.infer<typeof LabVerification>;

export const LabEnvironmentSummary = z.object({
  id: Id,
  orgUnitId: Id,
  orgUnitName: z.string(),
  name: z.string(),
  hardware: LabHardware,
  driverVersion: z.string(),
  containerDigest: z.string().nullable(),
  location: z.string(),
  status: LabEnvironmentStatus,
  need: LabVerificationNeed.nullable(),
  /** Valid-until of the verification that counts (the latest passing one), if any. */
  validUntil: IsoDate.nullable(),
  /** Verified, but the verification ends within 30 days. */
  expiresSoon: z.boolean(),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type LabEnvironmentSummary = z.infer<typeof LabEnvironmentSummary>;

export const LabEnvironmentDetail = LabEnvironmentSummary.extend({
  runtime: LabRuntime,
  notes: z.string(),
  verificationValidityMonths: z.number().int(),
  createdAt: Timestamp,
  createdByLabel: z.string(),
  verifications: z.array(LabVerification),
});
export type LabEnvironmentDetail = z.infer<typeof LabEnvironmentDetail>;

export const LabEnvironmentListQuery = z.strictObject({
  orgUnitId: Id.optional(),
  status: LabEnvironmentStatus.optional(),
  q: z.string().trim().max(200).optional(),
  ...PageQuery,
});
export type LabEnvironmentListQuery = z.infer<typeof LabEnvironmentListQuery>;
