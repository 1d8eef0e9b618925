import { Anchor, Badge, NativeSelect, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task, TaskPriority, TaskStatus } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { priorityColor, recordLabelText, recordPath, TASK_STATUS_OPTIONS } from './task-display';
import { useUpdateTask } from './task-queries';

/** The due date; overdue and due soon are said in words and with an icon, not by colour alone. */
export function DueDate({ task }: { task: Pick<Task, 'dueDate' | 'dueState'> }) {
  const { t, i18n } = useTranslation();
  if (task.dueDate === null) return <Text component="span" fz="sm" c="dimmed">{t('tasks.due.noDate')}</Text>;
  const date = formatDate(task.dueDate, i18n.language);
  if (task.dueState === 'overdue') {
    return (
      <Text component="span" fz="sm" className="task-overdue" data-due="overdue">
        <IconAlertTriangle size={14} aria-hidden className="task-due-icon" />
        {t('tasks.due.overdue', { date })}
      </Text>
    );
  }
  if (task.dueState === 'due-soon') {
    return (
      <Text component="span" fz="sm" data-due="due-soon">
        {date}{' '}
        <Badge size="sm" variant="light" color="orange" c="dark.9" miw="max-content" leftSection={<IconClockHour4 size={12} aria-hidden />}>
          {t('tasks.due.dueSoon')}
        </Badge>
      </Text>
    );
  }
  return <Text component="span" fz="sm">{date}</Text>;
}

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={priority === 'urgent' ? 'filled' : 'light'} color={priorityColor(priority)} c={priority === 'urgent' ? 'white' : 'dark.9'} miw="max-content">
      {t(`tasks.priorities.${priority}`)}
    </Badge>
  );
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  const color = status === 'done' ? 'teal' : status === 'blocked' ? 'red' : status === 'in-progress' ? 'petrol' : 'gray';
  return (
    <Badge size="sm" variant="light" color={color} c="dark.9" miw="max-content">
      {t(`tasks.statuses.${status}`)}
    </Badge>
  );
}

/** Changes a task's status from a list or a card: a plain select, so keyboards and screen readers can use it. */
export function TaskStatusSelect({ task, statuses = TASK_STATUS_OPTIONS }: { task: Task; statuses?: readonly TaskStatus[] }) {
  const { t } = useTranslation();
  const update = useUpdateTask();
  if (!task.canEdit) return <TaskStatusBadge status={task.status} />;
  const options = statuses.includes(task.status) ? statuses : [...statuses, task.status];
  return (
    <div>
      <NativeSelect
        size="xs"
        miw={150}
        aria-label={t('tasks.status.label', { title: task.title })}
        value={task.status}
        disabled={update.isPending}
        data={options.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
        data-testid={`task-status-${task.id}`}
        onChange={(event) => {
          const status = event.currentTarget.value as TaskStatus;
          // The row may leave the list once the change lands (another filter, another column): announce it regardless.
          update
            .mutateAsync({ id: task.id, input: { version: task.version, status } })
            .then((saved) => notifications.show({ color: 'teal', message: t('tasks.status.changed', { title: saved.title, status: t(`tasks.statuses.${saved.status}`) }) }))
            .catch(() => undefined);
        }}
      />
      {update.error ? <ErrorAlert error={update.error} /> : null}
    </div>
  );
}

/** The task's title; one the reader may change opens the form. */
export function TaskTitle({ task, onEdit }: { task: Task; onEdit: (task: Task) => void }) {
  const { t } = useTranslation();
  return task.canEdit ? (
    <UnstyledButton className="task-title-button" onClick={() => onEdit(task)} title={t('tasks.record.edit', { title: task.title })}>
      {task.title}
    </UnstyledButton>
  ) : (
    <Text fz="sm" fw={500}>
      {task.title}
    </Text>
  );
}

/** The record a task was created on: its type (and system), then its name, linked where it has a page. */
export function TaskRecord({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const path = recordPath(task);
  const label = recordLabelText(task, i18n.language);
  return (
    <>
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
    </>
  );
}
