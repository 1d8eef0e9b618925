import { useEffect } from 'react';
import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '@konform/core';
import { DueDate, PriorityBadge, TaskStatusSelect } from './task-bits';
import { recordLabelText, recordPath } from './task-display';

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
  const { t, i18n } = useTranslation();

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
            const path = recordPath(task);
            const label = recordLabelText(task, i18n.language);
            const classes = [task.dueState === 'overdue' ? 'task-row-overdue' : '', task.id === focusId ? 'task-row-focused' : ''].filter(Boolean).join(' ');
            return (
              <Table.Tr key={task.id} id={`task-${task.id}`} data-due={task.dueState} data-testid={`task-row-${task.id}`} className={classes || undefined} aria-current={task.id === focusId ? 'true' : undefined}>
                <Table.Td>
                  {task.canEdit ? (
                    <UnstyledButton className="task-title-button" onClick={() => onEdit(task)} title={t('tasks.record.edit', { title: task.title })}>
                      {task.title}
                    </UnstyledButton>
                  ) : (
                    <Text fz="sm" fw={500}>
                      {task.title}
                    </Text>
                  )}
                </Table.Td>
                {showRecord ? (
                  <Table.Td>
                    <Text fz="xs" c="dimmed">
                      {t(`tasks.recordTypes.${task.recordType}`)}
                      {task.systemName !== null && task.recordType !== 'system' ? ` · ${task.systemName}` : ''}
                    </Text>
                    {path === null ? (
                      <Text fz="sm">{label}</Text>
                    ) : (
                      <Anchor component={Link} to={path} fz="sm">
                        {label}
                      </Anchor>
                    )}
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
