import { Badge, Text } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AssessmentResult, OwedLevel } from '@konform/core';
import { formatDate } from '../../i18n/format';

// Light badges with dark text of the same hue: readable at 4.5:1 on every colour.
const OWED_COLORS: Record<OwedLevel, string> = { required: 'petrol', recommended: 'blue', 'not-owed': 'gray', unknown: 'yellow' };
const OWED_TEXT: Record<OwedLevel, string> = { required: 'petrol.9', recommended: 'blue.9', 'not-owed': 'gray.8', unknown: 'dark.9' };
const RESULT_COLORS: Record<AssessmentResult, string> = { approved: 'teal', 'approved-with-conditions': 'yellow', rejected: 'red' };
const RESULT_TEXT: Record<AssessmentResult, string> = { approved: 'teal.9', 'approved-with-conditions': 'dark.9', rejected: 'red.9' };

/** Whether the Act makes the supplier owe a document for this system. */
export function OwedBadge({ owed }: { owed: OwedLevel }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={OWED_COLORS[owed]} c={OWED_TEXT[owed]}>
      {t(`vendors.documents.owed.${owed}`)}
    </Badge>
  );
}

export function ResultBadge({ result }: { result: AssessmentResult }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={RESULT_COLORS[result]} c={RESULT_TEXT[result]}>
      {t(`vendors.assessments.results.${result}`)}
    </Badge>
  );
}

/** The next review of a supplier; due and overdue are said in words and with an icon, not by colour alone. */
export function NextReview({ date, state }: { date: string | null; state: 'overdue' | 'due' | null }) {
  const { t, i18n } = useTranslation();
  if (date === null) return <>{t('common.none')}</>;
  const formatted = formatDate(date, i18n.language);
  if (state === null) return <>{formatted}</>;
  const Icon = state === 'overdue' ? IconAlertTriangle : IconClock;
  return (
    <Text component="span" fz="sm" c={state === 'overdue' ? 'red.9' : 'dark.9'} fw={500} data-review-state={state}>
      <Icon size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
      {t(state === 'overdue' ? 'vendors.list.reviewOverdue' : 'vendors.list.reviewDue', { date: formatted })}
    </Text>
  );
}
