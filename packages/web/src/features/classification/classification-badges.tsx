import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskClass } from '@konform/core';
import type { ClassificationStatus } from './classification-types';

const RISK_COLORS: Record<RiskClass, string> = {
  prohibited: 'red',
  high: 'orange',
  limited: 'yellow',
  minimal: 'teal',
  'out-of-scope': 'gray',
};

/** The risk class as a tinted badge with dark text (readable at every size); "–" when not classified. */
export function RiskClassBadge({ riskClass, size }: { riskClass: RiskClass | null | undefined; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  if (riskClass === null || riskClass === undefined) {
    return (
      <Badge variant="outline" color="gray.7" size={size} miw="max-content">
        {t('classification.riskClass.unclassified')}
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={RISK_COLORS[riskClass]} c="dark.9" size={size} miw="max-content">
      {t(`classification.riskClass.${riskClass}`)}
    </Badge>
  );
}

const STATUS_COLORS: Record<ClassificationStatus, string> = {
  none: 'gray',
  draft: 'blue',
  approved: 'teal',
  'needs-review': 'orange',
};

export function ClassificationStatusBadge({ status }: { status: ClassificationStatus | undefined }) {
  const { t } = useTranslation();
  const value = status ?? 'none';
  return (
    <Badge variant="dot" color={STATUS_COLORS[value]} c="gray.9" miw="max-content">
      {t(`classification.status.${value}`)}
    </Badge>
  );
}
