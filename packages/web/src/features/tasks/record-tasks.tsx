import { useId, useState } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Task } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { SHOW_STATUSES } from './task-display';
import { TaskFormModal } from './task-form-modal';
import { useTasks, type TaskRecord } from './task-queries';
import { TaskTable } from './task-table';
import './tasks.css';

interface Props {
  /** The record new tasks go on (a requirement row or an applied measure also names its system). */
  record: TaskRecord;
  /** `system`: list every task of the record's AI system (on any of its records), with a column naming the record. */
  list?: 'record' | 'system';
  /** False where the record can no longer change (an archived system): no new tasks. */
  editable?: boolean;
  /** The heading level inside the page: 2 on pages, 3 inside drawers and tabs with their own heading. */
  headingOrder?: 2 | 3 | 4;
  title?: string;
}

/**
 * The tasks of one record, with "create task" in a dialog: placed on the risk, evidence, FRIA and system pages and in
 * the compliance matrix's row drawer; exported for the non-conformity page too. Shows nothing without task.read.
 */
export function RecordTasks({ record, list = 'record', editable = true, headingOrder = 2, title }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const headingId = useId();
  const [showClosed, setShowClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const where =
    list === 'system'
      ? { systemId: record.systemId ?? record.recordId }
      : { recordType: record.recordType, recordId: record.recordId, systemId: record.systemId };
  const readable = can('task.read');
  const query = useTasks({ ...where, status: showClosed ? undefined : SHOW_STATUSES.open, limit: 200 }, readable);
  const mayCreate = editable && can('task.edit');
  const tasks = query.data?.items ?? [];
  const heading = title ?? (list === 'system' ? t('tasks.record.systemTitle') : t('tasks.record.title'));
  if (!readable) return null;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId} data-testid="record-tasks">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={headingOrder} fz={headingOrder === 2 ? 'lg' : 'md'} id={headingId}>
            {heading}
          </Title>
          <Group gap="md">
            <Checkbox size="xs" label={t('tasks.record.showClosed')} checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
            {mayCreate ? (
              <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="record-task-create">
                {t('tasks.record.add')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {query.data === undefined ? (
          query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
        ) : tasks.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {showClosed ? t('tasks.record.empty') : t('tasks.record.emptyOpen')}
          </Text>
        ) : (
          <TaskTable tasks={tasks} caption={heading} onEdit={setEditing} showOwner showRecord={list === 'system'} />
        )}
      </Stack>
      {creating ? <TaskFormModal record={record} onClose={() => setCreating(false)} /> : null}
      {editing !== null ? <TaskFormModal task={editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}
