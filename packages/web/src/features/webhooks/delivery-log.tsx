import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscription } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { useRedeliver, useWebhookDeliveries } from './webhook-queries';

/** The deliveries of one subscription with every attempt, and redeliver. */
export function DeliveryLog({ subscription, onClose }: { subscription: WebhookSubscription; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const log = useWebhookDeliveries(subscription.id);
  const redeliver = useRedeliver();
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <Paper withBorder p="md" data-testid="webhook-log">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="h4" style={{ wordBreak: 'break-all' }}>{t('webhooks.log.title', { url: subscription.url })}</Title>
          <Button variant="default" size="xs" onClick={onClose}>{t('webhooks.log.close')}</Button>
        </Group>
        <ErrorAlert error={log.error ?? redeliver.error} />
        {log.data === undefined ? (
          log.isPending ? <FullPageLoader /> : null
        ) : log.data.items.length === 0 ? (
          <Text c="dimmed">{t('webhooks.log.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table withTableBorder striped bg="white">
              <caption className="visually-hidden">{t('webhooks.log.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.log.created')}</Table.Th>
                  <Table.Th>{t('webhooks.log.event')}</Table.Th>
                  <Table.Th>{t('webhooks.log.status')}</Table.Th>
                  <Table.Th>{t('webhooks.log.attempts')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((d) => (
                  <Table.Tr key={d.id} data-testid="webhook-delivery">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(d.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text fz="sm">{t(`webhooks.eventTypes.${d.eventType}`)}</Text>
                      {d.redeliveryOf !== null ? <Text fz="xs" c="dimmed">{t('webhooks.log.redeliveryOf')}</Text> : null}
                    </Table.Td>
                    <Table.Td><DeliveryStatusBadge status={d.status} httpStatus={d.attempts.at(-1)?.httpStatus ?? null} /></Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {d.attempts.map((a) => (
                          <Text key={a.attempt} fz="xs" data-testid="webhook-attempt">
                            {t('webhooks.log.attempt', { n: a.attempt, at: when(a.at) })}
                            {a.httpStatus !== null ? ` · ${t('webhooks.log.httpStatus', { status: a.httpStatus })}` : ''}
                            {` · ${t('webhooks.log.duration', { ms: a.durationMs })}`}
                            {a.error !== null ? ` · ${a.error}` : ''}
                          </Text>
                        ))}
                        {d.nextAttemptAt !== null && d.status === 'retrying' ? <Text fz="xs" c="dimmed">{t('webhooks.log.nextAttempt', { at: when(d.nextAttemptAt) })}</Text> : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
                        aria-label={t('webhooks.log.redeliverNamed', { event: t(`webhooks.eventTypes.${d.eventType}`) })}
                        onClick={() => redeliver.mutate({ id: subscription.id, deliveryId: d.id }, { onSuccess: (r) => notifications.show({ color: r.status === 'delivered' ? 'teal' : 'orange', message: t('webhooks.log.redelivered', { status: t(`webhooks.log.statuses.${r.status}`) }) }) })}
                        data-testid="webhook-redeliver"
                      >
                        {t('webhooks.log.redeliver')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
