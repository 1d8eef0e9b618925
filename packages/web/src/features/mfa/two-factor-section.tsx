import { useState } from 'react';
import { Badge, Button, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MfaEnrolment } from '@konform/core';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { EnrolForm } from './enrol-form';
import { DisableForm, RegenerateCodesForm } from './manage-forms';
import { useMfaStatus, useStartEnrolment } from './mfa-queries';
import { RecoveryCodesNotice } from './recovery-codes-notice';

/**
 * The own TOTP two-factor sign-in: set up (QR code, key, confirming code, recovery codes shown once), new recovery
 * codes, turn off. Used on the account page and on the page an administrator is sent to when the policy requires it.
 */
export function TwoFactorSection({ onEnrolled }: { onEnrolled?: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { refresh } = useAuth();
  const status = useMfaStatus();
  const start = useStartEnrolment();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (user.signIn === 'sso') return <Text fz="sm">{t('mfa.section.sso')}</Text>;
  if (status.isPending) return <Loader size="sm" role="status" aria-label={t('app.loading')} />;
  if (status.isError) return <ErrorAlert error={status.error} />;

  const done = () => {
    setCodes(null);
    void refresh().then(() => onEnrolled?.());
  };
  if (codes !== null) return <RecoveryCodesNotice codes={codes} onDone={done} />;

  const { enabled, enabledAt, recoveryCodesLeft } = status.data;
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t('mfa.section.intro')}
      </Text>
      <Group gap="sm">
        <Badge color={enabled ? 'teal' : 'gray'} variant="light" c="dark.9" data-testid="mfa-state">
          {enabled ? t('mfa.section.on', { date: formatDateTime(enabledAt, i18n.language) }) : t('mfa.section.off')}
        </Badge>
        {enabled ? <Text fz="sm">{t('mfa.section.recoveryLeft', { count: recoveryCodesLeft })}</Text> : null}
      </Group>
      {!enabled && enrolment === null ? (
        <>
          <ErrorAlert error={start.error} />
          <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })} data-testid="mfa-start">
            {t('mfa.section.start')}
          </Button>
        </>
      ) : null}
      {!enabled && enrolment !== null ? (
        <EnrolForm
          enrolment={enrolment}
          onConfirmed={(recoveryCodes) => {
            setEnrolment(null);
            setCodes(recoveryCodes);
          }}
          onCancel={() => setEnrolment(null)}
        />
      ) : null}
      {enabled ? (
        <Tabs defaultValue="recovery" variant="outline">
          <Tabs.List>
            <Tabs.Tab value="recovery">{t('mfa.recovery.regenerate')}</Tabs.Tab>
            <Tabs.Tab value="disable">{t('mfa.disable.open')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="recovery" pt="sm">
            <RegenerateCodesForm onCodes={setCodes} />
          </Tabs.Panel>
          <Tabs.Panel value="disable" pt="sm">
            <DisableForm onDisabled={() => void refresh()} />
          </Tabs.Panel>
        </Tabs>
      ) : null}
    </Stack>
  );
}
