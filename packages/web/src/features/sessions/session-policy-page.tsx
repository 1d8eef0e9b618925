import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { SessionPolicy } from '@konform/core';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useSaveSessionPolicy, useSessionPolicy } from './session-queries';

/** Administration: idle and absolute session timeouts (stored in the database, in force on every instance at once). */
export function SessionPolicyPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessions.policy.title'));
  const policy = useSessionPolicy();
  const save = useSaveSessionPolicy();
  const [idleMinutes, setIdleMinutes] = useState<number | string>('');
  const [absoluteHours, setAbsoluteHours] = useState<number | string>('');
  useEffect(() => {
    if (policy.data) {
      setIdleMinutes(policy.data.idleMinutes);
      setAbsoluteHours(policy.data.absoluteHours);
    }
  }, [policy.data]);
  const payload = { idleMinutes: Number(idleMinutes), absoluteHours: Number(absoluteHours) };
  const errors = serverFieldErrors(save.error, t, { schema: SessionPolicy, payload: save.variables });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(payload, { onSuccess: () => notifications.show({ color: 'teal', message: t('sessions.policy.saved') }) });
  };

  return (
    <Stack gap="lg" maw={800}>
      <Title order={1}>{t('sessions.policy.title')}</Title>
      <Paper withBorder p="lg">
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md" maw={440}>
            <Text fz="sm" c="dimmed">
              {t('sessions.policy.intro')}
            </Text>
            <ErrorAlert error={policy.error ?? save.error} />
            <NumberInput
              label={t('sessions.policy.idleMinutes')}
              description={t('sessions.policy.idleHint')}
              min={5}
              max={1440}
              allowDecimal={false}
              required
              value={idleMinutes}
              error={errors.idleMinutes}
              onChange={setIdleMinutes}
              data-testid="session-policy-idle"
            />
            <NumberInput
              label={t('sessions.policy.absoluteHours')}
              description={t('sessions.policy.absoluteHint')}
              min={1}
              max={720}
              allowDecimal={false}
              required
              value={absoluteHours}
              error={errors.absoluteHours}
              onChange={setAbsoluteHours}
              data-testid="session-policy-absolute"
            />
            <Text fz="sm" c="dimmed">
              {t('sessions.policy.passwordRules')}
            </Text>
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!policy.data}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
