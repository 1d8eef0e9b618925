import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf } from './common.js';
import { ApplicabilityBasis, RequirementStatus } from './requirements.js';
import { TASK_STATUSES } from '../tasks/due.js';

export * from '../tasks/due.js';

const IsoDate = z.iso.date();
const Localised = z.object({ de: z.string(), en: z.string() });

/**
 * The kinds of record a task can belong to. `recordId` is
 * - `system`, `fria`: the AI system's id (the FRIA of that system);
 * - `requirement`: the requirement key `catalogId:requirementId` (with `systemId`: a row of that system's matrix);
 * - `measure`: the measure id applied to the system (with `systemId`);
 * - `risk`, `nonconformity`, `evidence`: the record's id.
 * Later areas (QMS documents, vendors) add their kind here.
 */
export const TASK_RECORD_TYPES = ['system', 'requirement', 'risk', 'measure', 'nonconformity', 'fria', 'evidence'] as const;
export const TaskRecordType = z.enum(TASK_RECORD_TYPES);
export type TaskRecordType = z.infer<typeof TaskRecordType>;

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TaskPriority = z.enum(TASK_PRIORITIES);
export type TaskPriority = z.infer<typeof TaskPriority>;

export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TaskDueStateSchema = z.enum(['overdue', 'due-soon', 'later', 'none']);

const RecordRef = {
  recordType: TaskRecordType,
  recordId: z.string().trim().min(1).max(300),
  /** The AI system of a requirement row or an applied measure (required there; optional elsewhere, must then match). */
  systemId: Id.optional(),
};

const TaskFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000),
  /** A Konform user (active, with task.read in the task's unit); null: nobody yet. */
  ownerId: Id.nullable(),
  dueDate: IsoDate.nullable(),
  priority: TaskPriority,
  status: TaskStatus,
};

/** POST /api/tasks: a task on a record; its unit is the record's. */
export const TaskCreate = z.strictObject({
  ...RecordRef,
  title: TaskFields.title,
  description: TaskFields.description.default(''),
  ownerId: TaskFields.ownerId.default(null),
  dueDate: TaskFields.dueDate.default(null),
  priority: TaskFields.priority.default('normal'),
  status: TaskFields.status.default('open'),
});
export type TaskCreate = z.infer<typeof TaskCreate>;
/** What a client sends (defaults filled by the server). */
export type TaskCreateInput = z.input<typeof TaskCreate>;

/** PATCH /api/tasks/{id}: fields and status (cancel instead of delete), based on `version`. */
export const TaskUpdate = z.strictObject({
  ...TaskFields,
  version: z.number().int().min(1),
  reason: z.string().trim().max(1000),
}).partial().required({ version: true });
export type TaskUpdate = z.infer<typeof TaskUpdate>;

export const Task = z.object({
  id: Id,
  recordType: TaskRecordType,
  recordId: z.string(),
  systemId: Id.nullable(),
  /** The unit the task belongs to (its system's, else its non-conformity's); decides access. */
  orgUnitId: Id,
  /** How the record reads in a list, e.g. "R-3 Prompt-Injection" or "Art. 26(6) – Protokolle aufbewahren". */
  recordLabel: Localised,
  systemName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueDate: IsoDate.nullable(),
  priority: TaskPriority,
  status: TaskStatus,
  /** Relative to today in Europe/Berlin. */
  dueState: TaskDueStateSchema,
  completedAt: Timestamp.nullable(),
  completedBy: Id.nullable(),
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  version: z.number().int(),
  /** Whether the caller may change it (task.edit in its unit). */
  canEdit: z.boolean(),
});
export type Task = z.infer<typeof Task>;
export const TaskList = listOf(Task);

const StatusList = z
  .string()
  .regex(new RegExp(`^(${TASK_STATUSES.join('|')})(,(${TASK_STATUSES.join('|')}))*$`), `Expected a comma-separated list of ${TASK_STATUSES.join(', ')}`);

export const TaskListQuery = z.strictObject({
  /** `true`: only tasks owned by the caller. */
  mine: z.enum(['true', 'false']).optional(),
  /** Tasks of this unit and its sub-units. */
  orgUnitId: Id.optional(),
  systemId: Id.optional(),
  recordType: TaskRecordType.optional(),
  recordId: z.string().trim().min(1).max(300).optional(),
  /** One status or several, comma-separated, e.g. `open,in-progress,blocked`. */
  status: StatusList.optional(),
  /** Due before this date (exclusive). */
  dueBefore: IsoDate.optional(),
  /** `true`: open tasks whose due date has passed. */
  overdue: z.enum(['true', 'false']).optional(),
  /** `due`: by due date (none last), then priority; `updated`: most recently changed first. */
  sort: z.enum(['due', 'updated']).default('due'),
  ...PageQuery,
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** GET /api/tasks/assignees: who may own a task in a unit, given directly or through a record. */
export const TaskAssigneeQuery = z.strictObject({
  orgUnitId: Id.optional(),
  recordType: TaskRecordType.optional(),
  recordId: z.string().trim().min(1).max(300).optional(),
  systemId: Id.optional(),
});
export type TaskAssigneeQuery = z.infer<typeof TaskAssigneeQuery>;

export const TaskAssignee = z.object({ id: Id, displayName: z.string() });
export type TaskAssignee = z.infer<typeof TaskAssignee>;
export const TaskAssigneeList = z.object({ orgUnitId: Id, items: z.array(TaskAssignee) });
export type TaskAssigneeList = z.infer<typeof TaskAssigneeList>;

/** What a milestone's requirements come from: a group of the AI Act's timeline, or a catalogue's own fixed date. */
export const MilestoneSource = z.object({
  kind: z.enum(['timeline-group', 'catalog']),
  id: z.string(),
  title: Localised,
  count: z.number().int(),
});

export const MilestoneRequirement = z.object({ key: z.string(), ref: z.string(), title: Localised, status: RequirementStatus });

/** A legal date from which applicable requirements of the system apply. */
export const MilestoneEntry = z.object({
  kind: z.literal('milestone'),
  date: IsoDate,
  past: z.boolean(),
  /** E.g. "Hochrisiko-KI-Systeme nach Anhang III (Art. 6 Abs. 2): 2 Anforderungen gelten ab 2. Dezember 2027". */
  label: Localised,
  sources: z.array(MilestoneSource),
  requirements: z.array(MilestoneRequirement),
  /** How many of them are implemented or verified. */
  implemented: z.number().int(),
});
export type MilestoneEntry = z.infer<typeof MilestoneEntry>;

/** A task of the system with a due date. */
export const TaskTimelineEntry = z.object({
  kind: z.literal('task'),
  date: IsoDate,
  past: z.boolean(),
  task: z.object({
    id: Id,
    title: z.string(),
    status: TaskStatus,
    priority: TaskPriority,
    dueState: TaskDueStateSchema,
    recordType: TaskRecordType,
    recordId: z.string(),
    recordLabel: Localised,
    ownerName: z.string().nullable(),
  }),
});
export type TaskTimelineEntry = z.infer<typeof TaskTimelineEntry>;

export const TimelineEntry = z.discriminatedUnion('kind', [MilestoneEntry, TaskTimelineEntry]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** GET /api/systems/{id}/milestones: the legal dates of the system's applicable requirements and its tasks' due dates. */
export const SystemMilestones = z.object({
  systemId: Id,
  /** The AI Act text whose dates apply. */
  actInForce: z.string(),
  /** The classification the applicability rests on. */
  basis: ApplicabilityBasis,
  /** Today in Europe/Berlin; entries before it are `past`. */
  today: IsoDate,
  /** Sorted by date; a milestone before a task on the same day. */
  entries: z.array(TimelineEntry),
});
export type SystemMilestones = z.infer<typeof SystemMilestones>;
