import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Marking } from '@konform/core';

/** Marks a classified record (VS-NfD) wherever it is shown; open records carry no badge. */
export function ClassifiedBadge({ level, size = 'sm', short = false }: { level: Marking; size?: MantineSize; /** "VS-NfD" instead of the full marking (narrow table columns). */ short?: boolean }) {
  const { t } = useTranslation();
  if (level === 'offen') return null;
  return (
    <Badge size={size} variant="filled" color="red.9" miw="max-content" title={t('clearance.badgeTitle')}>
      {short ? t('clearance.short.VS-NfD') : t('clearance.markings.VS-NfD')}
    </Badge>
  );
}
