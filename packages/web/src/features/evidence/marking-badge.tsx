import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Marking } from '@konform/core';

/** The classification marking; VS-NfD stands out. */
export function MarkingBadge({ marking }: { marking: Marking }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={marking === 'VS-NfD' ? 'filled' : 'light'} color={marking === 'VS-NfD' ? 'red.9' : 'gray'} c={marking === 'VS-NfD' ? undefined : 'dark.9'} miw="max-content">
      {t(`evidence.markings.${marking === 'VS-NfD' ? 'vsNfd' : 'offen'}`)}
    </Badge>
  );
}
