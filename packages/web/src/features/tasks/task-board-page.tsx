import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Task } from '@konform/core';
import { useCurrentUser } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { DueDate, PriorityBadge, TaskRecord, TaskStatusSelect, TaskTitle } from './task-bits';
import { BOARD_STATUSES } from './task-display';
import { TaskFormModal } from './task-form-modal';
import { useTasks } from './task-queries';
import './tasks.css';

const BOARD_LIMIT = 500;

function TaskCard({ task, onEdit }: { task: Task; onEdit: (task: Task) => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="article" aria-label={task.title} className={task.dueState === 'overdue' ? 'task-card-overdue' : undefined} data-testid={`task-card-${task.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <TaskTitle task={task} onEdit={onEdit} />
          <PriorityBadge priority={task.priority} />
        </Group>
        <TaskRecord task={task} />
        <Text fz="sm">{task.ownerName ?? t('tasks.due.unassigned')}</Text>
        <DueDate task={task} />
        <TaskStatusSelect task={task} statuses={BOARD_STATUSES} />
      </Stack>
    </Paper>
  );
}

/**
 * A unit's board: a column per status (open, in progress, blocked, done) for the unit and its sub-units. The status
 * changes through a select on each card, so the board works with a keyboard and a screen reader.
 */
export function TaskBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('tasks.board.title'));
  const me = useCurrentUser();
  const { options } = useUnitOptions();
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState<Task | null>(null);
  const requested = search.get('orgUnitId');
  const mine = me.roles.map((r) => r.orgUnitId).find((id) => options.some((o) => o.value === id));
  const unitId = requested ?? mine ?? options[0]?.value ?? '';
  const query = useTasks({ orgUnitId: unitId, status: BOARD_STATUSES.join(','), limit: BOARD_LIMIT }, unitId !== '');
  const tasks = query.data?.items ?? [];

  return (
    <Stack gap="md" maw={1600}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('tasks.board.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('tasks.board.intro')}
          </Text>
        </div>
        <Button component={Link} to="/tasks" variant="default" leftSection={<IconListCheck size={16} aria-hidden />}>
          {t('tasks.board.toMine')}
        </Button>
      </Group>
      <NativeSelect
        label={t('tasks.board.unit')}
        maw={480}
        value={unitId}
        data={[...(unitId === '' ? [{ value: '', label: '–' }] : []), ...options]}
        onChange={(e) => setSearch({ orgUnitId: e.currentTarget.value }, { replace: true })}
        data-testid="task-board-unit"
      />
      {unitId === '' ? (
        <Text fz="sm" c="dimmed">
          {t('tasks.board.chooseUnit')}
        </Text>
      ) : query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <>
          {query.data.total > tasks.length ? (
            <Alert color="gray" variant="light">
              {t('tasks.board.truncated', { shown: tasks.length, total: query.data.total })}
            </Alert>
          ) : null}
          <div className="task-board" data-testid="task-board" aria-busy={query.isFetching}>
            {BOARD_STATUSES.map((status) => {
              const column = tasks.filter((task) => task.status === status);
              const headingId = `task-column-${status}`;
              return (
                <section key={status} className="task-board-column" aria-labelledby={headingId} data-testid={`task-column-${status}`}>
                  <Group justify="space-between" mb="sm">
                    <Title order={2} fz="md" id={headingId}>
                      {t(`tasks.statuses.${status}`)}
                    </Title>
                    <Text fz="xs" c="dimmed">
                      {t('tasks.board.columnCount', { count: column.length })}
                    </Text>
                  </Group>
                  {column.length === 0 ? (
                    <Text fz="sm" c="dimmed">
                      {t('tasks.board.emptyColumn')}
                    </Text>
                  ) : (
                    <ul className="task-board-list">
                      {column.map((task) => (
                        <li key={task.id}>
                          <TaskCard task={task} onEdit={setEditing} />
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
      {editing !== null ? <TaskFormModal task={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
