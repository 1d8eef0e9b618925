import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NonconformitySeverity, NonconformityStatus } from '@konform/core';
import { SEVERITY_COLORS, STATUS_COLORS } from './nonconformity-display';

/** Severity in words on a light tint (dark text keeps the contrast). */
export function SeverityBadge({ severity }: { severity: NonconformitySeverity }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={SEVERITY_COLORS[severity]} c="dark.9" miw="max-content" size="sm" data-severity={severity}>
      {t(`capa.severities.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: NonconformityStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} c="dark.9" miw="max-content" size="sm" data-status={status}>
      {t(`capa.statuses.${status}`)}
    </Badge>
  );
}
