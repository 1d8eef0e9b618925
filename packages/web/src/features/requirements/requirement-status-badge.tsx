import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequirementStatus } from '@konform/core';
import { STATUS_COLORS } from './workflow';

export function RequirementStatusBadge({ status }: { status: RequirementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} c="dark.9" miw="max-content" size="sm">
      {t(`matrix.status.${status}`)}
    </Badge>
  );
}
