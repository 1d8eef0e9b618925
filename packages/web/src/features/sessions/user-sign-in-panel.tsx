import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { SessionTable } from './sessions-section';
import { useEndUserSessions, useUnlockUser, useUserSignInState } from './session-queries';

/** User administration: a person's open sessions ("sign out everywhere") and the lockout after failed sign-ins ("unlock"). */
export function UserSignInPanel({ userId, name }: { userId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const state = useUserSignInState(userId);
  const endAll = useEndUserSessions(userId);
  const unlock = useUnlockUser(userId);
  const data = state.data;
  return (
    <Stack gap="sm" data-testid="user-sign-in">
      <Title order={3} fz="md">
        {t('sessions.admin.title')}
      </Title>
      <ErrorAlert error={state.error ?? endAll.error ?? unlock.error} />
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
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
