import type { Role, TrainingCourse, TrainingRecord, TrainingRequirement } from '@konform/core';
import type { TrainingCourseTable, TrainingRequirementTable } from '../../db/schema.js';
import type { RecordRow } from './repository.js';

export function presentCourse(row: TrainingCourseTable): TrainingCourse {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    providerKind: row.provider_kind as TrainingCourse['providerKind'],
    provider: row.provider,
    topics: JSON.parse(row.topics) as TrainingCourse['topics'],
    tags: JSON.parse(row.tags) as string[],
    durationHours: row.duration_minutes === null ? null : Number(row.duration_minutes) / 60,
    delivery: row.delivery as TrainingCourse['delivery'],
    validityMonths: row.validity_months === null ? null : Number(row.validity_months),
    status: row.status as TrainingCourse['status'],
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentRequirement(row: TrainingRequirementTable): TrainingRequirement {
  return {
    id: row.id,
    courseId: row.course_id,
    role: row.role as Role,
    orgUnitId: row.org_unit_id,
    intervalMonths: row.interval_months === null ? null : Number(row.interval_months),
    graceDays: Number(row.grace_days),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentRecord(row: RecordRow): TrainingRecord {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    courseId: row.course_id,
    courseTitle: row.course_title,
    completedOn: row.completed_on,
    result: row.result as TrainingRecord['result'],
    validUntil: row.valid_until,
    note: row.note,
    certificate:
      row.certificate_sha256 === null
        ? null
        : { filename: row.certificate_filename ?? 'certificate', contentType: row.certificate_content_type ?? 'application/octet-stream', size: Number(row.certificate_size ?? 0), sha256: row.certificate_sha256 },
    recordedBy: row.recorded_by,
    recordedByLabel: row.recorded_by_label,
    recordedAt: row.recorded_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    version: Number(row.version),
  };
}

/** The course as the audit trail records it (bookkeeping fields left out). */
export function courseAuditView(course: TrainingCourse) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = course;
  return rest;
}

export function requirementAuditView(requirement: TrainingRequirement) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = requirement;
  return rest;
}
