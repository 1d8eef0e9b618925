import { Alert, Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { LanguageSwitch } from '../../app/language-switch';
import { usePageTitle } from '../../app/use-page-title';
import { TwoFactorSection } from './two-factor-section';

/**
 * Where an administrator without TOTP lands while the policy requires it: every other page (and API route) is locked
 * until the enrolment is done. Outside the app shell, whose navigation would only meet refusals.
 */
export function EnrolmentRequiredPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('mfa.required.title'));
  if (!user.mfaEnrolmentRequired && !user.totpEnabled) return <Navigate to="/account" replace />;
  return (
    <Box bg="gray.0" mih="100vh">
      <Group component="header" px="lg" py="sm" justify="space-between">
        <Text fw={700} fz="lg" c="petrol.9">
          {t('app.name')}
        </Text>
        <Group gap="sm">
          <LanguageSwitch />
          <Button variant="subtle" onClick={() => void signOut()}>
            {t('mfa.required.signOut')}
          </Button>
        </Group>
      </Group>
      <Center component="main" id="main" px="md" pt="4vh">
        <Paper withBorder shadow="xs" p="xl" w="100%" maw={640}>
          <Stack gap="md">
            <Title order={1}>{t('mfa.required.title')}</Title>
            {user.mfaEnrolmentRequired ? (
              <Alert color="yellow" variant="light" icon={<IconShieldLock size={18} aria-hidden />} data-testid="mfa-required-notice">
                {t('mfa.required.text')}
              </Alert>
            ) : null}
            <TwoFactorSection onEnrolled={() => void navigate('/', { replace: true })} />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
