import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { LabEnvironmentStatus, LabHarness, LabMethodStatus, LabVerificationNeed } from './lab.js';

const IsoDate = z.iso.date();
const Count = z.number().int().min(0);
const RunVerdict = z.enum(['pass', 'fail', 'incomplete']);

// ---------------------------------------------------------------------------------------------------------------
// Lab reports (ISO/IEC 17025 7.8): a test report of a run or of a release gate through the document engine.
// ---------------------------------------------------------------------------------------------------------------

/** GET /api/lab/runs/{id}/report and /api/lab/gates/{id}/report. */
export const LabReportQuery = z.strictObject({
  format: z.enum(['pdf', 'docx', 'md']).default('pdf'),
  locale: z.enum(['de', 'en']).default('de'),
});
export type LabReportQuery = z.infer<typeof LabReportQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Lab dashboard: runs per week, pass rate per subject, open gates, environments and methods that need attention.
// ---------------------------------------------------------------------------------------------------------------

export const LabDashboardQuery = z.strictObject({
  /** Limit to a unit and its sub-units. */
  orgUnitId: Id.optional(),
});
export type LabDashboardQuery = z.infer<typeof LabDashboardQuery>;

const Tally = { runs: Count, passed: Count, failed: Count, incomplete: Count };

/** Runs started in one ISO week (Monday to Sunday, Europe/Berlin). */
export const LabDashboardWeek = z.object({ week: z.string(), start: IsoDate, end: IsoDate, ...Tally });
export type LabDashboardWeek = z.infer<typeof LabDashboardWeek>;

/** Runs of one AI system (or, for a model's plan, one model) in the pass-rate window; passRate = passed / runs. */
export const LabDashboardSubject = z.object({
  kind: z.enum(['system', 'model']),
  id: Id,
  name: z.string(),
  ...Tally,
  passRate: z.number().min(0).max(1).nullable(),
});
export type LabDashboardSubject = z.infer<typeof LabDashboardSubject>;

export const LabDashboardGate = z.object({
  id: Id,
  number: z.number().int(),
  title: z.string(),
  systemId: Id.nullable(),
  modelVersionId: Id.nullable(),
  /** The system's name, or the model's name and version label. */
  subjectName: z.string(),
  planId: Id,
  planName: z.string(),
  /** Checks that fail now, and all checks; null when they could not be computed. */
  failingChecks: Count.nullable(),
  totalChecks: Count.nullable(),
  createdAt: Timestamp,
});
export type LabDashboardGate = z.infer<typeof LabDashboardGate>;

/** An environment whose verification has expired, ends within 30 days, or is needed (never verified, failed, changed). */
export const LabDashboardEnvironment = z.object({
  id: Id,
  name: z.string(),
  orgUnitName: z.string(),
  status: LabEnvironmentStatus,
  need: LabVerificationNeed.nullable(),
  validUntil: IsoDate.nullable(),
  expiresSoon: z.boolean(),
});
export type LabDashboardEnvironment = z.infer<typeof LabDashboardEnvironment>;

/** A method that is not validated or needs re-validation. */
export const LabDashboardMethod = z.object({
  id: Id,
  name: z.string(),
  orgUnitName: z.string(),
  harness: LabHarness,
  harnessVersion: z.string(),
  status: LabMethodStatus,
  lastValidatedOn: IsoDate.nullable(),
});
export type LabDashboardMethod = z.infer<typeof LabDashboardMethod>;

export const LabDashboardRun = z.object({
  id: Id,
  number: z.number().int(),
  planId: Id,
  planName: z.string(),
  systemId: Id.nullable(),
  subjectName: z.string(),
  verdict: RunVerdict,
  startedAt: Timestamp,
  recordedAt: Timestamp,
  operatorLabel: z.string(),
  /** The run was corrected by an amendment. */
  superseded: z.boolean(),
});
export type LabDashboardRun = z.infer<typeof LabDashboardRun>;

export const LabDashboard = z.object({
  /** Today in Europe/Berlin: the day the figures speak for. */
  asOf: IsoDate,
  /** The last 12 ISO weeks, oldest first, the current one included. */
  weeks: z.array(LabDashboardWeek),
  /** First day of the pass-rate window (90 days up to asOf). */
  passRateSince: IsoDate,
  subjects: z.array(LabDashboardSubject),
  openGates: z.array(LabDashboardGate),
  environmentsDue: z.array(LabDashboardEnvironment),
  methodsAwaitingValidation: z.array(LabDashboardMethod),
  /** The 10 most recently recorded runs. */
  latestRuns: z.array(LabDashboardRun),
});
export type LabDashboard = z.infer<typeof LabDashboard>;
