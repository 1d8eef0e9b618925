import { Button } from '@mantine/core';
import { IconClipboardX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';

interface Props {
  systemId: string;
  /** The requirement whose review failed (`catalogId:requirementId`); the form then starts with source "review". */
  requirementKey?: string;
  /** How the requirement is cited (e.g. "Art. 26 Abs. 6"), for the suggested title. */
  requirementRef?: string;
  size?: 'xs' | 'sm';
}

/** Opens the form for a new non-conformity of the system, prefilled from a failed review of a requirement. */
export function RecordNonconformityButton({ systemId, requirementKey, requirementRef, size = 'sm' }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!can('nonconformity.edit')) return null;
  const params = new URLSearchParams({ systemId });
  if (requirementKey !== undefined) {
    params.set('source', 'review');
    params.set('requirement', requirementKey);
    if (requirementRef !== undefined) params.set('title', t('capa.form.reviewTitle', { ref: requirementRef }));
  }
  return (
    <Button
      component={Link}
      to={`/nonconformities/new?${params.toString()}`}
      size={size}
      variant="default"
      leftSection={<IconClipboardX size={16} aria-hidden />}
      data-testid="record-nonconformity"
    >
      {t('capa.record')}
    </Button>
  );
}
