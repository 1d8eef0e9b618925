import { z } from 'zod';
import { Role } from '../permissions.js';
import { Id, PageQuery, Timestamp, optionalText, text } from './common.js';

const IsoDate = z.iso.date();

/**
 * What a course covers, mapped to the themes of AI literacy (AI Act Art. 4 with the definition in Art. 3(56)):
 * how AI works, its risks and limits, the Act and its duties, data protection, human oversight, the systems in use,
 * security (prompt injection and the like), bias and fairness. Anything else goes into free tags.
 */
export const TRAINING_TOPICS = [
  'ai-basics',
  'risks-limits',
  'ai-act',
  'data-protection',
  'human-oversight',
  'systems-in-use',
  'security',
  'bias-fairness',
] as const;
export const TrainingTopic = z.enum(TRAINING_TOPICS);
export type TrainingTopic = z.infer<typeof TrainingTopic>;

export const TRAINING_PROVIDER_KINDS = ['internal', 'external'] as const;
export const TrainingProviderKind = z.enum(TRAINING_PROVIDER_KINDS);

export const TRAINING_DELIVERIES = ['in-person', 'e-learning', 'external'] as const;
export const TrainingDelivery = z.enum(TRAINING_DELIVERIES);

export const TRAINING_COURSE_STATUSES = ['active', 'retired'] as const;
export const TrainingCourseStatus = z.enum(TRAINING_COURSE_STATUSES);

/** How a completion ended; both count as completed. */
export const TRAINING_RESULTS = ['passed', 'attended'] as const;
export const TrainingResult = z.enum(TRAINING_RESULTS);
export type TrainingResult = z.infer<typeof TrainingResult>;

/** A person's state for one required course (see literacy/status.ts for the rule). */
export const TRAINING_STATES = ['current', 'due', 'overdue'] as const;
export const TrainingState = z.enum(TRAINING_STATES);
export type TrainingState = z.infer<typeof TrainingState>;

const Months = z.number().int().min(1).max(240);

const CourseBody = z.strictObject({
  title: text(300),
  description: optionalText(10_000),
  providerKind: TrainingProviderKind,
  /** The provider's name; needed for an external course. */
  provider: optionalText(200),
  topics: z.array(TrainingTopic).max(TRAINING_TOPICS.length).refine((t) => new Set(t).size === t.length, 'Each topic once'),
  tags: z.array(text(60)).max(30),
  /** Hours, in quarter hours at the finest. */
  durationHours: z.number().min(0.25).max(1000).refine((h) => Number.isInteger(h * 4), 'In quarter hours').nullable(),
  delivery: TrainingDelivery,
  /** How long a completion counts; null: it does not expire. */
  validityMonths: Months.nullable(),
});

export const TrainingCourseCreate = CourseBody.partial().required({ title: true, providerKind: true, delivery: true });
export type TrainingCourseCreate = z.infer<typeof TrainingCourseCreate>;

export const TrainingCourseUpdate = CourseBody.partial().extend({
  version: z.number().int().min(1),
  /** retired: no new requirements; requirements of a retired course no longer count. */
  status: TrainingCourseStatus.optional(),
  reason: z.string().trim().max(1000).optional(),
});
export type TrainingCourseUpdate = z.infer<typeof TrainingCourseUpdate>;

export const TrainingCourse = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  providerKind: TrainingProviderKind,
  provider: z.string(),
  topics: z.array(TrainingTopic),
  tags: z.array(z.string()),
  durationHours: z.number().nullable(),
  delivery: TrainingDelivery,
  validityMonths: z.number().int().nullable(),
  status: TrainingCourseStatus,
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;

export const TrainingCourseListQuery = z.strictObject({
  status: TrainingCourseStatus.optional(),
  ...PageQuery,
});
export type TrainingCourseListQuery = z.infer<typeof TrainingCourseListQuery>;

/** Days after a person came under a requirement until a first completion is overdue, unless the requirement says otherwise. */
export const DEFAULT_GRACE_DAYS = 30;

/**
 * Who must complete a course and how often: everyone holding `role`, everywhere or (with `orgUnitId`) when the role is
 * assigned in that unit or one of its sub-units.
 */
export const TrainingRequirementCreate = z.strictObject({
  courseId: Id,
  role: Role,
  orgUnitId: Id.nullable().default(null),
  /** Renewal interval; null: the course's validity. */
  intervalMonths: Months.nullable().default(null),
  graceDays: z.number().int().min(0).max(365).default(DEFAULT_GRACE_DAYS),
});
export type TrainingRequirementCreate = z.infer<typeof TrainingRequirementCreate>;

export const TrainingRequirementUpdate = z.strictObject({
  version: z.number().int().min(1),
  role: Role.optional(),
  orgUnitId: Id.nullable().optional(),
  intervalMonths: Months.nullable().optional(),
  graceDays: z.number().int().min(0).max(365).optional(),
  reason: z.string().trim().max(1000).optional(),
});
export type TrainingRequirementUpdate = z.infer<typeof TrainingRequirementUpdate>;

export const TrainingRequirement = z.object({
  id: Id,
  courseId: Id,
  role: Role,
  orgUnitId: Id.nullable(),
  intervalMonths: z.number().int().nullable(),
  graceDays: z.number().int(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TrainingRequirement = z.infer<typeof TrainingRequirement>;

export const TrainingRequirementListQuery = z.strictObject({ courseId: Id.optional() });
export type TrainingRequirementListQuery = z.infer<typeof TrainingRequirementListQuery>;

/** The text fields of `POST /api/training-records` (multipart/form-data; the certificate as the part `file`). */
export const TrainingRecordFields = z.strictObject({
  userId: Id,
  courseId: Id,
  completedOn: IsoDate,
  result: TrainingResult,
  note: optionalText(2000).optional(),
});
export type TrainingRecordFields = z.infer<typeof TrainingRecordFields>;

/** The multipart form as described in the OpenAPI document. */
export const TrainingRecordForm = TrainingRecordFields.extend({
  file: z.file().optional().meta({ description: 'The certificate (optional): PDF, PNG or JPEG, at most 10 MB; the content must match the extension' }),
});

export const TrainingCertificate = z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() });

export const TrainingRecord = z.object({
  id: Id,
  userId: Id,
  userName: z.string(),
  courseId: Id,
  courseTitle: z.string(),
  completedOn: IsoDate,
  result: TrainingResult,
  /** From the course's validity when recorded; null: does not expire. */
  validUntil: IsoDate.nullable(),
  note: z.string(),
  certificate: TrainingCertificate.nullable(),
  recordedBy: Id.nullable(),
  recordedByLabel: z.string(),
  recordedAt: Timestamp,
  withdrawnAt: Timestamp.nullable(),
  withdrawnReason: z.string().nullable(),
  version: z.number().int(),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

export const TrainingRecordListQuery = z.strictObject({
  userId: Id.optional(),
  courseId: Id.optional(),
  /** `true`: withdrawn records too. */
  withdrawn: z.enum(['true', 'false']).optional(),
  ...PageQuery,
});
export type TrainingRecordListQuery = z.infer<typeof TrainingRecordListQuery>;

/** Takes back a record entered in error; it stays in the history but no longer counts. */
export const TrainingRecordWithdraw = z.strictObject({ version: z.number().int().min(1), reason: text(1000) });
export type TrainingRecordWithdraw = z.infer<typeof TrainingRecordWithdraw>;

/** Counts over (person, required course) pairs. */
export const LiteracySummary = z.object({
  required: z.number().int(),
  current: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
  /** Share of current pairs in per cent, rounded; null when nothing is required. */
  percentCurrent: z.number().int().nullable(),
});
export type LiteracySummary = z.infer<typeof LiteracySummary>;

export const RequiredCourseStatus = z.object({
  courseId: Id,
  courseTitle: z.string(),
  state: TrainingState,
  /** Expiry of the counting completion, or the deadline of a first completion; null: current without expiry. */
  dueDate: IsoDate.nullable(),
  lastCompletedOn: IsoDate.nullable(),
  recordId: Id.nullable(),
  /** The roles whose requirements ask for the course. */
  roles: z.array(Role),
  intervalMonths: z.number().int().nullable(),
});
export type RequiredCourseStatus = z.infer<typeof RequiredCourseStatus>;

export const UserTrainingStatus = z.object({
  userId: Id,
  displayName: z.string(),
  courses: z.array(RequiredCourseStatus),
  summary: LiteracySummary,
});
export type UserTrainingStatus = z.infer<typeof UserTrainingStatus>;

export const TrainingStatusQuery = z.strictObject({ orgUnitId: Id });
export type TrainingStatusQuery = z.infer<typeof TrainingStatusQuery>;

/** A unit's literacy: its members (role holders in it and its sub-units), their required courses, and sums. */
export const UnitTrainingStatus = z.object({
  orgUnitId: Id,
  orgUnitName: z.string(),
  /** The day (UTC) the states were computed for. */
  asOf: IsoDate,
  summary: LiteracySummary,
  users: z.array(UserTrainingStatus),
  /** The same sums for each direct sub-unit (with its own sub-units). */
  units: z.array(z.object({ orgUnitId: Id, name: z.string(), summary: LiteracySummary })),
});
export type UnitTrainingStatus = z.infer<typeof UnitTrainingStatus>;

export const MyTrainingStatus = UserTrainingStatus.extend({ asOf: IsoDate });
export type MyTrainingStatus = z.infer<typeof MyTrainingStatus>;

/** Derived, read-only evidence on the Art. 4 row of a system's compliance matrix: the literacy of the system's unit. */
export const SystemLiteracyEvidence = z.object({
  systemId: Id,
  orgUnitId: Id,
  orgUnitName: z.string(),
  asOf: IsoDate,
  summary: LiteracySummary,
});
export type SystemLiteracyEvidence = z.infer<typeof SystemLiteracyEvidence>;

/** The matrix row this evidence belongs to. */
export const LITERACY_REQUIREMENT_KEY = 'eu-ai-act:art-4';

/** A unit's literacy status as a record document (PDF, DOCX or Markdown) in German or English. */
export const LiteracyExportQuery = z.strictObject({ orgUnitId: Id, format: z.enum(['pdf', 'docx', 'md']).default('pdf'), lang: z.enum(['de', 'en']).default('de') });
export type LiteracyExportQuery = z.infer<typeof LiteracyExportQuery>;
