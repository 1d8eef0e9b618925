import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LiteracySummary, RequiredCourseStatus, TrainingState } from '@konform/core';
import { formatDate } from '../../i18n/format';

const ICONS = { current: IconCircleCheck, due: IconClock, overdue: IconAlertTriangle } as const;
const COLORS = { current: 'teal', due: 'yellow', overdue: 'red' } as const;

/** A state in words with an icon (colour is never the only cue). "Open" for a course never completed. */
export function TrainingStateBadge({ state, open = false }: { state: TrainingState; open?: boolean }) {
  const { t } = useTranslation();
  const Icon = ICONS[state];
  return (
    <Badge variant="light" color={COLORS[state]} c="dark.9" size="sm" miw="max-content" leftSection={<Icon size={12} aria-hidden />} data-state={state}>
      {open && state === 'due' ? t('literacy.state.open') : t(`literacy.state.${state}`)}
    </Badge>
  );
}

/** The state of one required course with its date: "valid until", "due by" or "overdue since". */
export function CourseStateCell({ course }: { course: RequiredCourseStatus }) {
  const { t, i18n } = useTranslation();
  const date = formatDate(course.dueDate, i18n.language);
  const open = course.lastCompletedOn === null;
  const text =
    course.dueDate === null
      ? t('literacy.dates.noExpiry')
      : course.state === 'overdue'
        ? t(open ? 'literacy.dates.missedSince' : 'literacy.dates.expiredOn', { date })
        : t(open ? 'literacy.dates.dueBy' : 'literacy.dates.validUntil', { date });
  return (
    <Group gap={6} wrap="nowrap">
      <TrainingStateBadge state={course.state} open={open} />
      <Text fz="xs" c={course.state === 'overdue' ? 'red.9' : 'dimmed'}>
        {text}
      </Text>
    </Group>
  );
}

/** "n of m current (p %)" and the counts of due and overdue, in words. */
export function SummaryText({ summary }: { summary: LiteracySummary }) {
  const { t } = useTranslation();
  if (summary.required === 0) return <>{t('literacy.summary.nothingRequired')}</>;
  return (
    <>
      {t('literacy.summary.currentOf', { current: summary.current, required: summary.required, percent: summary.percentCurrent ?? 0 })}
      {' · '}
      {t('literacy.summary.dueCount', { count: summary.due })}
      {' · '}
      {t('literacy.summary.overdueCount', { count: summary.overdue })}
    </>
  );
}
