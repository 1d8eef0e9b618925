import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CatalogVersionState } from '@konform/core';

const COLORS: Record<CatalogVersionState, string> = { proposed: 'orange', active: 'teal', superseded: 'gray', discarded: 'red' };

/** Where a catalogue version stands: proposed, active, superseded or discarded. */
export function VersionStateBadge({ state }: { state: CatalogVersionState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[state]} c="dark.9" size="sm" miw="max-content">
      {t(`catalogs.versionState.${state}`)}
    </Badge>
  );
}
