import { z } from 'zod';
import { SignerCredentialFields } from './signatures.js';
import { COUNTING_RULES, INCIDENT_DUTIES } from '../incidents/deadlines.js';
import { Id, PageQuery, Timestamp } from './common.js';

const IsoDate = z.iso.date();
const Answer = z.boolean().nullable();

/** recorded → assessed → initial-report-submitted → complete-report-submitted → closed (a non-serious incident closes after assessment). */
export const INCIDENT_STATUSES = ['recorded', 'assessed', 'initial-report-submitted', 'complete-report-submitted', 'closed'] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** The Art. 3(49) questions and Art. 3(61); null: not answered yet. */
export const IncidentAssessmentSchema = z.strictObject({
  death: Answer,
  seriousHealthHarm: Answer,
  criticalInfrastructure: Answer,
  fundamentalRights: Answer,
  propertyOrEnvironment: Answer,
  widespread: Answer,
});

export const IncidentDeadlineSchema = z.object({
  duty: z.enum(INCIDENT_DUTIES),
  ref: z.string(),
  period: z.union([z.object({ days: z.number().int() }), z.object({ hours: z.number() })]),
  dueAt: Timestamp,
  governing: z.boolean(),
  metAt: Timestamp.nullable(),
});

export const REPORT_KINDS = ['initial', 'complete'] as const;
export const IncidentReportKind = z.enum(REPORT_KINDS);
export type IncidentReportKind = z.infer<typeof IncidentReportKind>;

export const IncidentSubmission = z.object({
  kind: IncidentReportKind,
  submittedAt: Timestamp,
  /** How it was sent: e.g. the authority's portal, e-mail, letter. */
  channel: z.string(),
  /** The authority's reference or file number. */
  reference: z.string(),
  byLabel: z.string(),
  recordedAt: Timestamp,
  /** The signature over the submitted state (facts, answers, this submission). */
  signatureId: Id.nullable(),
});

const IncidentBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000),
  occurredAt: Timestamp,
  awareAt: Timestamp,
  affectedPersons: z.string().trim().max(2000),
  harm: z.string().trim().max(10_000),
  assessment: IncidentAssessmentSchema.partial(),
  /** Deployer: the provider could not be reached, so the Art. 73 clocks run for the organisation. */
  providerUnreachable: z.boolean(),
  /** Deployer: when the provider was informed (Art. 26(5)). */
  providerInformedAt: Timestamp.nullable(),
});

export const IncidentCreate = IncidentBody.partial().required({ title: true, awareAt: true }).extend({ systemId: Id });
export type IncidentCreate = z.infer<typeof IncidentCreate>;

export const IncidentUpdate = IncidentBody.partial().extend({ version: z.number().int().min(1), reason: z.string().trim().max(1000).optional() });
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const IncidentTransition = z.strictObject({ version: z.number().int().min(1), to: z.enum(['assessed', 'closed']), note: z.string().trim().max(5000).optional() });
export type IncidentTransition = z.infer<typeof IncidentTransition>;

/** POST /api/incidents/{id}/reports: records that a report reached the authority. */
export const IncidentReportSubmit = z.strictObject({
  version: z.number().int().min(1),
  kind: IncidentReportKind,
  submittedAt: Timestamp,
  channel: z.string().trim().min(1).max(200),
  reference: z.string().trim().max(200).default(''),
  /** The submitter signs the record of the submission with their password (a simple electronic signature). */
  ...SignerCredentialFields,
});
export type IncidentReportSubmit = z.infer<typeof IncidentReportSubmit>;

export const Incident = z.object({
  id: Id,
  number: z.number().int(),
  systemId: Id,
  systemName: z.string(),
  orgUnitId: Id,
  title: z.string(),
  description: z.string(),
  occurredAt: Timestamp.nullable(),
  awareAt: Timestamp,
  affectedPersons: z.string(),
  harm: z.string(),
  assessment: IncidentAssessmentSchema,
  /** A serious incident (Art. 3(49)) or a widespread infringement. */
  reportable: z.boolean(),
  /** The organisation's role for this system's duties: provider (roles include provider) or deployer. */
  role: z.enum(['provider', 'deployer']),
  providerUnreachable: z.boolean(),
  providerInformedAt: Timestamp.nullable(),
  countingRule: z.enum(COUNTING_RULES),
  deadlines: z.array(IncidentDeadlineSchema),
  submissions: z.array(IncidentSubmission),
  /** The task created for informing the provider (deployer), if any. */
  taskId: Id.nullable(),
  status: IncidentStatus,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Incident = z.infer<typeof Incident>;

export const IncidentListQuery = z.strictObject({
  systemId: Id.optional(),
  status: IncidentStatus.optional(),
  /** true: only incidents not closed. */
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...PageQuery,
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentReportQuery = z.strictObject({
  kind: IncidentReportKind.default('initial'),
  format: z.enum(['docx', 'pdf', 'md']).default('pdf'),
  lang: z.enum(['de', 'en']).default('de'),
});
export type IncidentReportQuery = z.infer<typeof IncidentReportQuery>;

/** Settings of the incident and complaint registers (stored in the settings table). */
export const IncidentSettings = z.strictObject({
  countingRule: z.enum(COUNTING_RULES),
  informProviderHours: z.number().int().min(1).max(240),
  complaintDueDays: z.number().int().min(1).max(365),
});
export type IncidentSettings = z.infer<typeof IncidentSettings>;
export const IncidentSettingsUpdate = IncidentSettings.partial();
export type IncidentSettingsUpdate = z.infer<typeof IncidentSettingsUpdate>;

// Complaints (Art. 85) and requests for an explanation of an individual decision (Art. 86).
export const COMPLAINT_KINDS = ['complaint', 'explanation-request'] as const;
export const ComplaintKind = z.enum(COMPLAINT_KINDS);
export const COMPLAINT_STATUSES = ['open', 'answered', 'closed'] as const;
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

const ComplaintBody = z.strictObject({
  kind: ComplaintKind,
  receivedOn: IsoDate,
  /** Who it came from: free text, as little personal data as needed. */
  from: z.string().trim().max(300),
  subject: z.string().trim().min(1).max(300),
  details: z.string().trim().max(10_000),
  dueDate: IsoDate,
  answer: z.string().trim().max(20_000),
  answeredOn: IsoDate.nullable(),
  status: ComplaintStatus,
});

export const ComplaintCreate = ComplaintBody.partial().required({ kind: true, receivedOn: true, subject: true }).extend({ systemId: Id });
export type ComplaintCreate = z.infer<typeof ComplaintCreate>;
export const ComplaintUpdate = ComplaintBody.partial().extend({ version: z.number().int().min(1) });
export type ComplaintUpdate = z.infer<typeof ComplaintUpdate>;

export const Complaint = z.object({
  id: Id,
  number: z.number().int(),
  kind: ComplaintKind,
  systemId: Id,
  systemName: z.string(),
  orgUnitId: Id,
  receivedOn: IsoDate,
  from: z.string(),
  subject: z.string(),
  details: z.string(),
  dueDate: IsoDate,
  answer: z.string(),
  answeredOn: IsoDate.nullable(),
  status: ComplaintStatus,
  /** Open and past its due date (office day). */
  overdue: z.boolean(),
  /** Documents of the system (generated documents), for the answer. */
  documents: z.array(z.object({ id: Id, type: z.string(), title: z.string() })),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintListQuery = z.strictObject({
  systemId: Id.optional(),
  status: ComplaintStatus.optional(),
  kind: ComplaintKind.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...PageQuery,
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;
