import { Badge, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconPencil, IconX, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QmsCoverageState, QmsDocument, QmsVersionState } from '@konform/core';
import { formatDate } from '../../i18n/format';

const ICON = 12;

/** How each coverage state looks: light badges in dark text, a missing element filled red; each with its icon. */
const COVERAGE_LOOK: Record<QmsCoverageState, { color: string; Icon: Icon; filled?: boolean }> = {
  covered: { color: 'teal', Icon: IconCircleCheck },
  overdue: { color: 'orange', Icon: IconAlertTriangle },
  'draft-only': { color: 'yellow', Icon: IconPencil },
  partial: { color: 'yellow', Icon: IconCircleDashed },
  missing: { color: 'red.9', Icon: IconX, filled: true },
};

/**
 * A cell of the coverage overview, in words and with an icon (never colour alone): covered, review overdue,
 * only a draft, partly covered, missing.
 */
export function CoverageBadge({ state }: { state: QmsCoverageState }) {
  const { t } = useTranslation();
  const { color, Icon, filled = false } = COVERAGE_LOOK[state];
  return (
    <Badge variant={filled ? 'filled' : 'light'} color={color} c={filled ? undefined : 'dark.9'} size="sm" miw="max-content" leftSection={<Icon size={ICON} aria-hidden />} data-state={state}>
      {t(`qms.coverage.states.${state}`)}
    </Badge>
  );
}

/** The state of one version: draft, in review, released, superseded. */
export function VersionStateBadge({ state }: { state: QmsVersionState }) {
  const { t } = useTranslation();
  const label = t(`qms.versionStates.${state}`);
  if (state === 'released') {
    return (
      <Badge variant="light" color="teal" c="dark.9" size="sm" miw="max-content" leftSection={<IconCircleCheck size={ICON} aria-hidden />} data-version-state={state}>
        {label}
      </Badge>
    );
  }
  if (state === 'in-review') {
    return (
      <Badge variant="light" color="yellow" c="dark.9" size="sm" miw="max-content" data-version-state={state}>
        {label}
      </Badge>
    );
  }
  return (
    <Badge variant="outline" color="gray.7" c="gray.8" size="sm" miw="max-content" data-version-state={state}>
      {label}
    </Badge>
  );
}

/** Where a document stands: the released version in force and the one being written or reviewed. */
export function DocumentStatus({ document }: { document: QmsDocument }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (document.released) parts.push(t('qms.status.released', { number: document.released.number }));
  if (document.working) parts.push(t(document.working.state === 'draft' ? 'qms.status.draft' : 'qms.status.inReview', { number: document.working.number }));
  return <>{parts.length === 0 ? t('common.none') : parts.join(' · ')}</>;
}

/** The next review: a date, and past it "overdue since" with an icon (words, not colour alone). */
export function ReviewDate({ document }: { document: QmsDocument }) {
  const { t, i18n } = useTranslation();
  if (document.released === null) return <>{t('qms.reviewDate.none')}</>;
  const date = formatDate(document.released.nextReview, i18n.language);
  if (document.reviewState === 'overdue') {
    return (
      <Text component="span" fz="sm" fw={600} c="red.9" data-review="overdue">
        <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
        {t('qms.reviewDate.overdue', { date })}
      </Text>
    );
  }
  if (document.reviewState === 'due-soon') {
    return (
      <Text component="span" fz="sm" data-review="due-soon">
        {t('qms.reviewDate.dueSoon', { date })}
      </Text>
    );
  }
  return <>{date}</>;
}
