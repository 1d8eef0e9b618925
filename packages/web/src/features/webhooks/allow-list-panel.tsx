import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WebhookHostPattern } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useSaveWebhookSettings, useWebhookSettings } from './webhook-queries';

/** The allow-list of hosts webhooks may target; empty means nothing is delivered. */
export function AllowListPanel() {
  const { t } = useTranslation();
  const settings = useWebhookSettings();
  const save = useSaveWebhookSettings();
  const [text, setText] = useState('');
  const [lineError, setLineError] = useState<string | undefined>();
  const stored = settings.data?.allowedHosts;
  useEffect(() => {
    if (stored) setText(stored.join('\n'));
  }, [stored]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const bad = lines.findIndex((l) => !WebhookHostPattern.safeParse(l).success);
    if (bad >= 0) {
      setLineError(t('webhooks.settings.invalidLine', { line: bad + 1 }));
      return;
    }
    setLineError(undefined);
    save.mutate({ allowedHosts: lines }, { onSuccess: () => notifications.show({ color: 'teal', message: t('webhooks.settings.saved') }) });
  };

  return (
    <Paper withBorder p="md" data-testid="webhook-settings">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4">{t('webhooks.settings.title')}</Title>
          <Text fz="sm" c="dimmed">{t('webhooks.settings.intro')}</Text>
          {stored !== undefined && stored.length === 0 ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="webhook-hosts-empty">
              {t('webhooks.settings.emptyWarning')}
            </Alert>
          ) : null}
          <Textarea label={t('webhooks.settings.hosts')} autosize minRows={3} value={text} error={lineError} onChange={(e) => setText(e.currentTarget.value)} data-testid="webhook-hosts" styles={{ input: { fontFamily: 'monospace' } }} />
          <ErrorAlert error={settings.error ?? save.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="webhook-hosts-save">{t('webhooks.settings.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
