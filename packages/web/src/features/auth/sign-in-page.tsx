import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { LanguageSwitch } from '../../app/language-switch';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { errorMessage } from '../../shared/error-message';

interface LocationState {
  from?: string;
  signedOut?: boolean;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('auth.title'));

  const from = (location.state as LocationState | null)?.from ?? '/systems';
  const signedOut = (location.state as LocationState | null)?.signedOut === true;

  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'signed-in' && !busy) return <Navigate to={from} replace />;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    signIn(email, password)
      .then(() => navigate(from, { replace: true }))
      .catch((failure: unknown) => {
        if (isApiError(failure) && failure.status === 401) setError(t('auth.invalidCredentials'));
        else if (isApiError(failure) && failure.status === 429) setError(t('auth.throttled'));
        else setError(errorMessage(failure, t));
      })
      .finally(() => setBusy(false));
  };

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" px="lg" py="sm" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text fw={700} fz="lg" c="petrol.9">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Box>
      <Center component="main" id="main" px="md" pt="8vh">
        <Paper withBorder shadow="xs" p="xl" w="100%" maw={420}>
          <form onSubmit={handleSubmit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={1}>{t('auth.title')}</Title>
                <Text c="dimmed" fz="sm" mt={4}>
                  {t('auth.intro')}
                </Text>
              </div>
              {signedOut && error === null ? (
                <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
                  {t('auth.signedOut')}
                </Alert>
              ) : null}
              {error !== null ? (
                <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />}>
                  <Text fz="sm" c="red.9">
                    {error}
                  </Text>
                </Alert>
              ) : null}
              <TextInput
                label={t('auth.email')}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <PasswordInput
                label={t('auth.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
