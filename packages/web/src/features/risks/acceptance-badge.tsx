import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '@konform/core';

/** The acceptance state: none, pending (x of y signatures), accepted, or stale (changed after signing). */
export function AcceptanceBadge({ acceptance }: { acceptance: Risk['acceptance'] }) {
  const { t } = useTranslation();
  switch (acceptance.state) {
    case 'accepted':
      return (
        <Badge variant="light" color="teal" c="dark.9" size="sm" miw="max-content" leftSection={<IconCircleCheck size={12} aria-hidden />} data-acceptance="accepted">
          {t('risks.acceptanceStates.accepted')}
        </Badge>
      );
    case 'pending':
      return (
        <Badge variant="light" color="yellow" c="dark.9" size="sm" miw="max-content" data-acceptance="pending">
          {t('risks.acceptanceStates.pending', { given: acceptance.signatures.length, required: acceptance.required })}
        </Badge>
      );
    case 'stale':
      return (
        <Badge variant="filled" color="red.9" size="sm" miw="max-content" leftSection={<IconAlertTriangle size={12} aria-hidden />} data-acceptance="stale">
          {t('risks.acceptanceStates.stale')}
        </Badge>
      );
    default:
      return (
        <Badge variant="outline" color="gray.7" c="gray.8" size="sm" miw="max-content" data-acceptance="none">
          {t('risks.acceptanceStates.none')}
        </Badge>
      );
  }
}
