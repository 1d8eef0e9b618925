import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LifecycleStage } from '@konform/core';

const STAGE_COLORS: Record<LifecycleStage, string> = {
  planned: 'gray',
  development: 'indigo',
  validation: 'grape',
  operation: 'teal',
  retired: 'dark',
};

export function StageBadge({ stage }: { stage: LifecycleStage }) {
  const { t } = useTranslation();
  return (
    <Badge  variant="dot" color={STAGE_COLORS[stage]} c="gray.9">
      {t(`system.stages.${stage}`)}
    </Badge>
  );
}
