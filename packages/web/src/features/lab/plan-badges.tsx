import { Badge, Text } from '@mantine/core';
import { IconArchive, IconLock, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabComparator, LabPlanStatus } from '@konform/core';

// Light badges with dark text (readable at 4.5:1); the state is said in words and shown by an icon.
const STATUS = {
  draft: { color: 'blue', Icon: IconPencil },
  fixed: { color: 'teal', Icon: IconLock },
  retired: { color: 'gray', Icon: IconArchive },
} as const;

export function PlanStatusBadge({ status }: { status: LabPlanStatus }) {
  const { t } = useTranslation();
  const { color, Icon } = STATUS[status];
  return (
    <Badge miw="max-content" variant="light" color={color} c="dark.9" tt="none" leftSection={<Icon size={14} aria-hidden />} data-status={status}>
      {t(`labPlans.status.${status}`)}
    </Badge>
  );
}

/** Translation keys of the comparators (dots and symbols make poor keys). */
export const COMPARATOR_KEY: Record<LabComparator, 'ge' | 'gt' | 'le' | 'lt'> = { '>=': 'ge', '>': 'gt', '<=': 'le', '<': 'lt' };
const SYMBOL: Record<LabComparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

/** A number as the UI language writes it (0,92 in German), without rounding away what the plan fixed. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 12, useGrouping: false }).format(value);
}

/** "wer ≤ 0,12 %": the criterion of a case; screen readers hear the comparator in words. */
export function Criterion({ metric, comparator, threshold, unit }: { metric: string; comparator: LabComparator; threshold: number; unit: string }) {
  const { t, i18n } = useTranslation();
  const value = `${formatNumber(threshold, i18n.language)}${unit === '' ? '' : ` ${unit}`}`;
  return (
    <Text span fz="sm">
      <Text span ff="monospace" fz="sm">
        {metric}
      </Text>{' '}
      <span aria-hidden>{SYMBOL[comparator]}</span>
      <span className="visually-hidden">{t(`labPlans.comparators.${COMPARATOR_KEY[comparator]}`)}</span> {value}
    </Text>
  );
}
