import { useEffect } from 'react';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from '@konform/core';
import { DueDate, PriorityBadge, TaskRecord, TaskStatusSelect, TaskTitle } from './task-bits';

interface Props {
  tasks: Task[];
  caption: string;
  onEdit: (task: Task) => void;
  /** A task to highlight and scroll to (from a notification's link). */
  focusId?: string | null;
  showOwner?: boolean;
  /** Off where every task is on the same record. */
  showRecord?: boolean;
}

/** Tasks with their record, priority, due date (overdue marked) and a status select. */
export function TaskTable({ tasks, caption, onEdit, focusId = null, showOwner = false, showRecord = true }: Props) {
  const { t } = useTranslation();

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(`task-${focusId}`)?.scrollIntoView({ block: 'center' });
  }, [focusId, tasks]);

  return (
    <div className="table-scroll">
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="task-table">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ minWidth: '14rem' }}>{t('tasks.fields.title')}</Table.Th>
            {showRecord ? <Table.Th style={{ minWidth: '14rem' }}>{t('tasks.fields.record')}</Table.Th> : null}
            {showOwner ? <Table.Th>{t('tasks.fields.owner')}</Table.Th> : null}
            <Table.Th>{t('tasks.fields.priority')}</Table.Th>
            <Table.Th>{t('tasks.fields.dueDate')}</Table.Th>
            <Table.Th>{t('tasks.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => {
            const classes = [task.dueState === 'overdue' ? 'task-row-overdue' : '', task.id === focusId ? 'task-row-focused' : ''].filter(Boolean).join(' ');
            return (
              <Table.Tr key={task.id} id={`task-${task.id}`} data-due={task.dueState} data-testid={`task-row-${task.id}`} className={classes || undefined} aria-current={task.id === focusId ? 'true' : undefined}>
                <Table.Td>
                  <TaskTitle task={task} onEdit={onEdit} />
                </Table.Td>
                {showRecord ? (
                  <Table.Td>
                        <TaskRecord task={task} />
                  </Table.Td>
                ) : null}
                {showOwner ? (
                  <Table.Td>
                    <Text fz="sm">{task.ownerName ?? t('tasks.due.unassigned')}</Text>
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <PriorityBadge priority={task.priority} />
                </Table.Td>
                <Table.Td>
                  <DueDate task={task} />
                </Table.Td>
                <Table.Td>
                  <TaskStatusSelect task={task} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
