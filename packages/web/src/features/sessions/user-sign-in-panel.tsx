import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { SessionTable } from './sessions-section';
import { useEndUserSessions, useResetTwoFactor, useUnlockUser, useUserSignInState } from './session-queries';

/**
 * User administration: a person's open sessions ("sign out everywhere"), the lockout after failed sign-ins ("unlock")
 * and their second factor ("reset" when the device and the recovery codes are lost).
 */
export function UserSignInPanel({ userId, name }: { userId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const state = useUserSignInState(userId);
  const endAll = useEndUserSessions(userId);
  const unlock = useUnlockUser(userId);
  const resetTwoFactor = useResetTwoFactor(userId);
  const data = state.data;
  // Asked in place (the panel sits in the user dialog): cancel comes first, so Enter does not reset by accident.
  const [confirming, setConfirming] = useState(false);
  const reset = () =>
    resetTwoFactor.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: t('sessions.admin.twoFactorReset', { name }) });
      },
    });
  return (
    <Stack gap="sm" data-testid="user-sign-in">
      <Title order={3} fz="md">
        {t('sessions.admin.title')}
      </Title>
      <ErrorAlert error={state.error ?? endAll.error ?? unlock.error ?? resetTwoFactor.error} />
      {data ? (
        <>
          {data.lockedUntil !== null ? (
            <Alert color="orange" variant="light" role="status">
              <Group justify="space-between" gap="sm">
                <Text fz="sm">{t('sessions.admin.locked', { time: formatDateTime(data.lockedUntil, i18n.language), count: data.failedAttempts })}</Text>
                <Button size="xs" loading={unlock.isPending} onClick={() => unlock.mutate(undefined, { onSuccess: () => notifications.show({ color: 'teal', message: t('sessions.admin.unlocked', { name }) }) })} data-testid="user-unlock">
                  {t('sessions.admin.unlock')}
                </Button>
              </Group>
            </Alert>
          ) : data.failedAttempts > 0 ? (
            <Text fz="sm">{t('sessions.admin.failures', { count: data.failedAttempts })}</Text>
          ) : null}
          {data.sessions.length === 0 ? <Text fz="sm" c="dimmed">{t('sessions.admin.none')}</Text> : <SessionTable sessions={data.sessions} />}
          <Text fz="sm" data-testid="user-two-factor">
            {t(data.twoFactor ? 'sessions.admin.twoFactorOn' : 'sessions.admin.twoFactorOff')}
          </Text>
          <Group>
            <Button
              size="xs"
              color="red.8"
              variant="default"
              disabled={data.sessions.length === 0}
              loading={endAll.isPending}
              onClick={() => endAll.mutate(undefined, { onSuccess: (r) => notifications.show({ color: 'teal', message: t('sessions.admin.ended', { name, count: r.ended }) }) })}
              data-testid="user-end-sessions"
            >
              {t('sessions.admin.endAll')}
            </Button>
            {data.twoFactor && !confirming ? (
              <Button size="xs" color="red.8" variant="default" onClick={() => setConfirming(true)} data-testid="user-reset-two-factor">
                {t('sessions.admin.resetTwoFactor')}
              </Button>
            ) : null}
          </Group>
          {data.twoFactor && confirming ? (
            <Alert color="red" variant="light" role="alertdialog" aria-label={t('sessions.admin.resetTwoFactor')}>
              <Stack gap="xs">
                <Text fz="sm">{t('sessions.admin.resetTwoFactorConfirm', { name })}</Text>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => setConfirming(false)} data-autofocus>
                    {t('common.cancel')}
                  </Button>
                  <Button size="xs" color="red.8" loading={resetTwoFactor.isPending} onClick={reset} data-testid="user-reset-two-factor-confirm">
                    {t('sessions.admin.resetTwoFactor')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
