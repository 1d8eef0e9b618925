import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENT_TYPES, WebhookCreate, type WebhookEventType, type WebhookSubscriptionWithSecret } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useCreateWebhook } from './webhook-queries';

interface Props {
  onClose: () => void;
  onCreated: (created: WebhookSubscriptionWithSecret) => void;
}

/** Subscribe a URL to event types; the server answers with the secret, shown next. */
export function WebhookDialog({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('https://');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const create = useCreateWebhook();
  const payload: WebhookCreate = { url: url.trim(), description, eventTypes: events };
  const errors = serverFieldErrors(create.error, t, { schema: WebhookCreate, payload, custom: { 'eventTypes:too_small': t('common.required') } });
  // A URL the schema accepts but the server refuses is off the allow-list.
  if (errors.url !== undefined && WebhookCreate.shape.url.safeParse(payload.url).success) errors.url = t('webhooks.errors.hostNotAllowed');
  const plainHttp = url.trim().toLowerCase().startsWith('http://');

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(payload, { onSuccess: onCreated });
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} size="lg" centered title={t('webhooks.createTitle')}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <TextInput label={t('webhooks.url')} description={t('webhooks.urlHint')} required type="url" value={url} error={errors.url} onChange={(e) => {
              setUrl(e.currentTarget.value);
              // The server's verdict was about the URL as it was.
              if (create.error) create.reset();
            }} data-testid="webhook-url" />
          {plainHttp ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="webhook-http-warning">
              {t('webhooks.httpWarning')}
            </Alert>
          ) : null}
          <TextInput label={t('webhooks.description')} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} data-testid="webhook-description" />
          <Checkbox.Group label={t('webhooks.events')} description={t('webhooks.eventsHint')} required value={events} onChange={(v) => setEvents(v as WebhookEventType[])} error={errors.eventTypes}>
            <Stack gap={6} mt="xs">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={t(`webhooks.eventTypes.${type}`)} data-testid={`webhook-event-${type}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {isApiError(create.error) && create.error.status === 400 ? null : <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} data-testid="webhook-save">{t('common.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
