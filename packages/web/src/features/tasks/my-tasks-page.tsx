import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLayoutKanban } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useUrlFilters } from '../../shared/use-url-filters';
import { CapaActionsSection } from './capa-actions-section';
import { SHOW_STATUSES, showChoice, type ShowChoice } from './task-display';
import { TaskFormModal } from './task-form-modal';
import { useTasks } from './task-queries';
import { TaskTable } from './task-table';
import './tasks.css';

const PAGE_SIZES = [25, 50, 100] as const;

/** My tasks: open ones first by due date (overdue and due soon marked), and my open corrective and preventive actions. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('tasks.myTasks.title'));
  const { search, page, size, paging, update, setPage, setSize } = useUrlFilters(PAGE_SIZES);
  const show = showChoice(search.get('show'));
  const focus = search.get('focus');
  const query = useTasks({ mine: 'true', status: SHOW_STATUSES[show], sort: show === 'closed' ? 'updated' : 'due', ...paging });
  const [editing, setEditing] = useState<Task | null>(null);

  return (
    <Stack gap="md" maw={1300}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('tasks.myTasks.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('tasks.myTasks.intro')}
          </Text>
        </div>
        <Button component={Link} to="/tasks/board" variant="default" leftSection={<IconLayoutKanban size={16} aria-hidden />}>
          {t('tasks.myTasks.toBoard')}
        </Button>
      </Group>
      <Paper withBorder component="section" aria-labelledby="my-tasks-title" aria-busy={query.isFetching}>
        <Stack gap="sm" p="lg" pb="sm">
          <Group justify="space-between" align="flex-end">
            <Title order={2} fz="lg" id="my-tasks-title">
              {t('tasks.myTasks.listTitle')}
            </Title>
            <NativeSelect
              label={t('tasks.myTasks.show')}
              size="sm"
              value={show}
              data={(['open', 'closed', 'all'] as ShowChoice[]).map((c) => ({ value: c, label: t(`tasks.myTasks.show${c === 'open' ? 'Open' : c === 'closed' ? 'Closed' : 'All'}`) }))}
              onChange={(e) => update({ show: e.currentTarget.value === 'open' ? null : e.currentTarget.value })}
              data-testid="my-tasks-show"
            />
          </Group>
        </Stack>
        {query.data === undefined ? (
          query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
        ) : query.data.items.length === 0 ? (
          <Text fz="sm" c="dimmed" px="lg" pb="lg">
            {show === 'open' ? t('tasks.myTasks.empty') : t('tasks.myTasks.emptyFiltered')}
          </Text>
        ) : (
          <>
            <TaskTable tasks={query.data.items} caption={t('tasks.myTasks.caption')} onEdit={setEditing} focusId={focus} />
            <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-sm)' }}>
              <Pager
                page={page}
                size={size}
                total={query.data.total}
                sizes={PAGE_SIZES}
                onPage={setPage}
                onSize={setSize}
                summary={t('tasks.myTasks.count', { count: query.data.total })}
              />
            </div>
          </>
        )}
      </Paper>
      <CapaActionsSection enabled={can('nonconformity.read')} />
      {editing !== null ? <TaskFormModal task={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
