import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useMfaPolicy, useSaveMfaPolicy } from './mfa-queries';

/** Administration: whether administrators must sign in with TOTP (saved at once, audited). */
export function MfaPolicyPage() {
  const { t } = useTranslation();
  usePageTitle(t('mfa.policy.title'));
  const policy = useMfaPolicy();
  const save = useSaveMfaPolicy();
  return (
    <Stack gap="lg" maw={800}>
      <Title order={1}>{t('mfa.policy.title')}</Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {t('mfa.policy.intro')}
          </Text>
          <ErrorAlert error={policy.error ?? save.error} />
          {policy.data ? (
            <Checkbox
              label={t('mfa.policy.requiredForAdmins')}
              checked={policy.data.requiredForAdmins}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ requiredForAdmins: e.currentTarget.checked }, { onSuccess: () => notifications.show({ color: 'teal', message: t('mfa.policy.saved') }) })}
              data-testid="mfa-policy-admins"
            />
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
