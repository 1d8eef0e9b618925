import { taskDueState, type Task, type TaskPriority, type TaskRecordType, type TaskStatus } from '@konform/core';
import { inScope, type UnitScope } from '../../access/scope.js';
import type { TaskRow } from './repository.js';

export function presentTask(row: TaskRow, recordLabel: { de: string; en: string }, today: string, editScope: UnitScope): Task {
  const dueDate = row.due_date;
  return {
    id: row.id,
    recordType: row.record_type as TaskRecordType,
    recordId: row.record_id,
    systemId: row.system_id,
    orgUnitId: row.unit_id,
    recordLabel,
    systemName: row.system_name,
    title: row.title,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueDate,
    priority: row.priority as TaskPriority,
    status: row.status as TaskStatus,
    dueState: taskDueState({ status: row.status, dueDate }, today),
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    createdAt: row.created_at,
    createdBy: row.created_by_label,
    updatedAt: row.updated_at,
    version: Number(row.version),
    canEdit: inScope(editScope, row.unit_id),
  };
}
