import type { ReactNode } from 'react';
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFlag, IconSubtask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MilestoneEntry, TaskTimelineEntry, TimelineEntry } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { localized } from '../catalogs/localized';
import { useActInForce } from '../catalogs/catalog-update-queries';
import { useAuth } from '../../app/auth-context';
import { PriorityBadge, TaskStatusBadge } from './task-bits';
import { recordLabelText } from './task-display';
import { useMilestones } from './task-queries';
import './tasks.css';

function MilestoneItem({ entry }: { entry: MilestoneEntry }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li data-kind="milestone" data-past={entry.past} data-testid={`milestone-${entry.date}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <IconFlag size={16} aria-hidden />
          <Text fz="sm" fw={700} component="span">
            {formatDate(entry.date, lang)}
          </Text>
          <Badge size="sm" variant="light" color="petrol" c="dark.9">
            {t('tasks.timeline.milestone')}
          </Badge>
          {entry.past ? (
            <Badge size="sm" variant="outline" color="gray.7" c="gray.8">
              {t('tasks.timeline.past')}
            </Badge>
          ) : null}
        </Group>
        <Text fz="sm">{localized(entry.label, lang)}</Text>
        <Text fz="xs" c="dimmed">
          {t('tasks.timeline.progress', { implemented: entry.implemented, total: entry.requirements.length })}
        </Text>
        <details>
          <summary>
            <Text component="span" fz="xs">
              {t('tasks.timeline.requirements', { count: entry.requirements.length })}
            </Text>
          </summary>
          <List size="xs" spacing={2} mt={4}>
            {entry.requirements.map((r) => (
              <List.Item key={r.key}>
                {formatLegalRef(r.ref, lang)} – {localized(r.title, lang)} ({t(`matrix.status.${r.status}`)})
              </List.Item>
            ))}
          </List>
        </details>
      </Stack>
    </li>
  );
}

function TaskItem({ entry }: { entry: TaskTimelineEntry }) {
  const { t, i18n } = useTranslation();
  const { task } = entry;
  return (
    <li data-kind="task" data-past={entry.past} data-testid={`timeline-task-${task.id}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <IconSubtask size={16} aria-hidden />
          <Text fz="sm" fw={600} component="span" className={task.dueState === 'overdue' ? 'task-overdue' : undefined}>
            {task.dueState === 'overdue' ? t('tasks.due.overdue', { date: formatDate(entry.date, i18n.language) }) : formatDate(entry.date, i18n.language)}
          </Text>
          <Badge size="sm" variant="light" color="gray" c="dark.9">
            {t('tasks.timeline.task')}
          </Badge>
          <TaskStatusBadge status={task.status} />
          <PriorityBadge priority={task.priority} />
        </Group>
        <Anchor component={Link} to={`/tasks?focus=${task.id}&show=all`} fz="sm">
          {task.title}
        </Anchor>
        <Text fz="xs" c="dimmed">
          {t(`tasks.recordTypes.${task.recordType}`)}: {recordLabelText(task, i18n.language)} · {task.ownerName ?? t('tasks.due.unassigned')}
        </Text>
      </Stack>
    </li>
  );
}

function TodayMarker({ today }: { today: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="timeline-today" data-testid="timeline-today">
      <Text component="span" fz="sm" className="timeline-today-label">
        {t('tasks.timeline.today', { date: formatDate(today, i18n.language) })}
      </Text>
    </li>
  );
}

/** The system's timeline, oldest first: legal milestones of its requirements and its tasks' due dates, with a marker for today. */
export function MilestoneTimeline({ systemId }: { systemId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useMilestones(systemId);
  const acts = useActInForce(can('catalog.read'));
  const data = query.data;
  const actTitle = data === undefined ? undefined : acts.data?.acts.find((a) => a.id === data.actInForce)?.title;

  let body: ReactNode;
  if (data === undefined) {
    body = query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  } else if (data.entries.length === 0) {
    body = (
      <Text fz="sm" c="dimmed">
        {t('tasks.timeline.empty')}
      </Text>
    );
  } else {
    const items: ReactNode[] = [];
    let marked = false;
    data.entries.forEach((entry: TimelineEntry, index) => {
      if (!marked && !entry.past) {
        items.push(<TodayMarker key="today" today={data.today} />);
        marked = true;
      }
      items.push(entry.kind === 'milestone' ? <MilestoneItem key={`m-${entry.date}`} entry={entry} /> : <TaskItem key={`t-${entry.task.id}-${index}`} entry={entry} />);
    });
    if (!marked) items.push(<TodayMarker key="today" today={data.today} />);
    body = (
      <ol className="milestone-timeline" aria-label={t('tasks.timeline.listLabel')} data-testid="milestone-timeline">
        {items}
      </ol>
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="milestones-title">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="lg" id="milestones-title">
            {t('tasks.timeline.title')}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('tasks.timeline.intro')}
          </Text>
          {actTitle !== undefined ? (
            <Text fz="xs" c="dimmed" mt={4}>
              {t('tasks.timeline.actInForce', { act: localized(actTitle, i18n.language) })}
            </Text>
          ) : null}
          {data?.basis === 'none' ? (
            <Text fz="xs" c="dimmed" mt={4}>
              {t('tasks.timeline.basisNone')}
            </Text>
          ) : data?.basis === 'draft' ? (
            <Text fz="xs" c="dimmed" mt={4}>
              {t('tasks.timeline.basisDraft')}
            </Text>
          ) : null}
        </div>
        {body}
      </Stack>
    </Paper>
  );
}
