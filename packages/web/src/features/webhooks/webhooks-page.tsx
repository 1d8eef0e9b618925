import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscription } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { AllowListPanel } from './allow-list-panel';
import { DeliveryLog } from './delivery-log';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { SecretDialog } from './secret-dialog';
import { WebhookDialog } from './webhook-dialog';
import { useDeleteWebhook, usePingWebhook, useRotateWebhookSecret, useUpdateWebhook, useWebhooks } from './webhook-queries';

type Confirm = { kind: 'rotate' | 'delete'; hook: WebhookSubscription };

/** Administration → Webhooks: allowed hosts, subscriptions, secrets shown once, the delivery log. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('webhooks.title'));
  const list = useWebhooks();
  const update = useUpdateWebhook();
  const ping = usePingWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const shown = list.data?.find((h) => h.id === logOf) ?? null;

  const confirmed = () => {
    if (confirm === null) return;
    const { kind, hook } = confirm;
    if (kind === 'rotate') rotate.mutate({ id: hook.id, version: hook.version }, { onSuccess: (r) => setSecret(r.secret), onSettled: () => setConfirm(null) });
    else remove.mutate(hook.id, { onSuccess: () => { notifications.show({ color: 'teal', message: t('webhooks.deleted') }); if (logOf === hook.id) setLogOf(null); }, onSettled: () => setConfirm(null) });
  };

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('webhooks.title')}</Title>
          <Text c="dimmed" fz="sm" maw={760}>{t('webhooks.intro')}</Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="webhook-create">{t('webhooks.new')}</Button>
      </Group>
      <AllowListPanel />
      <ErrorAlert error={list.error ?? update.error ?? ping.error ?? rotate.error ?? remove.error} />
      {list.data === undefined ? (
        list.isPending ? <FullPageLoader /> : null
      ) : list.data.length === 0 ? (
        <Paper p="lg"><Text ta="center" c="dimmed">{t('webhooks.empty')}</Text></Paper>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder bg="white" data-testid="webhook-table">
            <caption className="visually-hidden">{t('webhooks.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.url')}</Table.Th>
                <Table.Th>{t('webhooks.events')}</Table.Th>
                <Table.Th>{t('webhooks.state')}</Table.Th>
                <Table.Th>{t('webhooks.lastDelivery')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((hook) => (
                <Table.Tr key={hook.id} data-testid="webhook-row">
                  <Table.Td>
                    <Text fz="sm" fw={500} style={{ wordBreak: 'break-all' }}>{hook.url}</Text>
                    {hook.description !== '' ? <Text fz="xs" c="dimmed">{hook.description}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {hook.eventTypes.map((type) => <Text key={type} fz="xs">{t(`webhooks.eventTypes.${type}`)}</Text>)}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={hook.active ? 'teal.9' : 'gray.7'}>{hook.active ? t('webhooks.active') : t('webhooks.paused')}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {hook.lastDelivery === null ? (
                      <Text fz="sm" c="dimmed">{t('webhooks.never')}</Text>
                    ) : (
                      <Stack gap={2}>
                        <DeliveryStatusBadge status={hook.lastDelivery.status} httpStatus={hook.lastDelivery.httpStatus} />
                        <Text fz="xs" c="dimmed">{formatDateTime(hook.lastDelivery.at, i18n.language)}</Text>
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Button size="xs" variant="default" aria-label={t('webhooks.showLogNamed', { url: hook.url })} onClick={() => setLogOf(hook.id)} data-testid="webhook-show-log">{t('webhooks.showLog')}</Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('webhooks.pingNamed', { url: hook.url })}
                        loading={ping.isPending && ping.variables === hook.id}
                        onClick={() => ping.mutate(hook.id, { onSuccess: (d) => { setLogOf(hook.id); notifications.show({ color: d.status === 'delivered' ? 'teal' : 'orange', message: t('webhooks.pingSent', { status: t(`webhooks.log.statuses.${d.status}`) }) }); } })}
                        data-testid="webhook-ping"
                      >
                        {t('webhooks.ping')}
                      </Button>
                      <Button size="xs" variant="default" aria-label={t(hook.active ? 'webhooks.pauseNamed' : 'webhooks.resumeNamed', { url: hook.url })} onClick={() => update.mutate({ id: hook.id, input: { version: hook.version, active: !hook.active } })} data-testid="webhook-toggle">
                        {hook.active ? t('webhooks.pause') : t('webhooks.resume')}
                      </Button>
                      <Button size="xs" variant="default" aria-label={t('webhooks.rotateNamed', { url: hook.url })} onClick={() => setConfirm({ kind: 'rotate', hook })} data-testid="webhook-rotate">{t('webhooks.rotate')}</Button>
                      <Button size="xs" variant="default" color="red" aria-label={t('webhooks.deleteNamed', { url: hook.url })} onClick={() => setConfirm({ kind: 'delete', hook })} data-testid="webhook-delete">{t('webhooks.delete')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shown !== null ? <DeliveryLog subscription={shown} onClose={() => setLogOf(null)} /> : null}
      {creating ? <WebhookDialog onClose={() => setCreating(false)} onCreated={(created) => { setCreating(false); setSecret(created.secret); notifications.show({ color: 'teal', message: t('webhooks.created') }); }} /> : null}
      {secret !== null ? <SecretDialog secret={secret} onClose={() => setSecret(null)} /> : null}
      {confirm !== null ? (
        <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={() => setConfirm(null)} centered title={confirm.kind === 'rotate' ? t('webhooks.rotate') : t('webhooks.delete')}>
          <Stack gap="md">
            <Text fz="sm">{confirm.kind === 'rotate' ? t('webhooks.rotateConfirm') : t('webhooks.deleteConfirm')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button color={confirm.kind === 'delete' ? 'red' : undefined} loading={rotate.isPending || remove.isPending} onClick={confirmed} data-testid="webhook-confirm">
                {confirm.kind === 'rotate' ? t('webhooks.rotate') : t('webhooks.delete')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}
