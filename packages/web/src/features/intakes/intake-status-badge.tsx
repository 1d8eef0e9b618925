import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IntakeStatus } from './intake-types';

const COLORS: Record<IntakeStatus, string> = {
  submitted: 'blue',
  'in-review': 'grape',
  accepted: 'teal',
  declined: 'gray',
};

export function IntakeStatusBadge({ status }: { status: IntakeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={COLORS[status]} c="gray.9" miw="max-content">
      {t(`intake.status.${status}`)}
    </Badge>
  );
}
