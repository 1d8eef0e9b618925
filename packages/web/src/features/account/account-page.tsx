import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ApiTokensSection } from './api-tokens-section';
import { NotificationPreferencesSection } from './notification-preferences-section';
import { PasswordSection } from './password-section';
import { TwoFactorSection } from '../mfa/two-factor-section';
import { SessionsSection } from '../sessions/sessions-section';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Title order={2} id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The signed-in user's own settings: password, sessions, two-factor sign-in, notifications and personal API tokens. Open to every user. */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('account.title'));

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>{t('account.title')}</Title>
        <Text c="dimmed" fz="sm">
          {t('account.intro', { name: user.displayName, email: user.email })}
        </Text>
      </div>
      <Section id="account-password" title={t('account.password.title')}>
        <PasswordSection />
      </Section>
      <Section id="account-sessions" title={t('sessions.account.title')}>
        <SessionsSection />
      </Section>
      <Section id="account-two-factor" title={t('mfa.section.title')}>
        <TwoFactorSection />
      </Section>
      <Section id="account-notifications" title={t('account.notifications.title')}>
        <NotificationPreferencesSection />
      </Section>
      <Section id="account-tokens" title={t('account.tokens.title')}>
        <ApiTokensSection />
      </Section>
    </Stack>
  );
}
