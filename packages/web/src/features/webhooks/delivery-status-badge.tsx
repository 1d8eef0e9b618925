import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WebhookDeliveryStatus } from '@konform/core';

const COLORS: Record<WebhookDeliveryStatus, string> = { queued: 'gray.7', delivered: 'teal.9', retrying: 'orange.9', failed: 'red.9' };

/** A delivery's state, with the last HTTP status when there is one. */
export function DeliveryStatusBadge({ status, httpStatus }: { status: WebhookDeliveryStatus; httpStatus?: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={COLORS[status]} data-testid="webhook-delivery-status">
      {t(`webhooks.log.statuses.${status}`)}
      {httpStatus !== undefined && httpStatus !== null ? ` · ${httpStatus}` : ''}
    </Badge>
  );
}
