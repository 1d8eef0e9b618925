import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';

/** A system's vendor: a link to the vendor record where there is one and the reader may open it. */
export function VendorLink({ system }: { system: Pick<AiSystem, 'vendor' | 'vendorId'> }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (system.vendor.trim() === '') return <Text fz="sm" component="span">{t('common.none')}</Text>;
  if (system.vendorId === null || !can('vendor.read')) return <Text fz="sm" component="span">{system.vendor}</Text>;
  return (
    <Anchor component={Link} to={`/vendors/${system.vendorId}`} fz="sm">
      {system.vendor}
    </Anchor>
  );
}
