import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useAuth, type SessionEndNotice } from '../../app/auth-context';
import { LanguageSwitch } from '../../app/language-switch';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { errorMessage } from '../../shared/error-message';
import { SsoSignIn } from '../sso/sso-sign-in';
import { formatDateTime } from '../../i18n/format';
import { lockedUntilOf } from '../sessions/password-errors';

const ENDED_MESSAGES = {
  'signed-out': 'auth.signedOut',
  expired: 'auth.sessionExpired',
  idle: 'auth.sessionIdle',
  absolute: 'auth.sessionAbsolute',
  ended: 'auth.sessionEnded',
} as const satisfies Record<SessionEndNotice, string>;

interface LocationState {
  from?: string;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** After the password: the account has two-factor sign-in and the code is asked for (from the app or a recovery code). */
  const [codeStep, setCodeStep] = useState<null | 'app' | 'recovery'>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('auth.title'));

  const from = (location.state as LocationState | null)?.from ?? '/systems';
  const ended = state.status === 'signed-out' ? state.ended : undefined;

  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'signed-in' && !busy) return <Navigate to={from} replace />;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    signIn(email, password, codeStep === null ? undefined : code)
      .then(() => navigate(from, { replace: true }))
      .catch((failure: unknown) => {
        if (isApiError(failure) && failure.code === 'mfa-required') setCodeStep('app');
        else if (isApiError(failure) && failure.code === 'mfa-code-wrong') {
          setCode('');
          setError(t('mfa.signIn.wrongCode'));
        } else if (isApiError(failure) && failure.status === 401) setError(t('auth.invalidCredentials'));
        else if (lockedUntilOf(failure) !== null) setError(t('sessions.signIn.locked', { time: formatDateTime(lockedUntilOf(failure), i18n.language) }));
        else if (isApiError(failure) && failure.status === 429) setError(t('auth.throttled'));
        else if (isApiError(failure) && failure.code === 'local-login-disabled') setError(t('sso.localLoginDisabled'));
        else setError(errorMessage(failure, t));
      })
      .finally(() => setBusy(false));
  };

  return (
    <Box bg="gray.0" mih="100vh">
      <Group component="header" px="lg" py="sm" justify="space-between">
        <Group gap="sm">
          <Text fw={700} fz="lg" c="petrol.9">
            {t('app.name')}
          </Text>
          <Text fz="sm" c="dimmed" visibleFrom="sm">
            {t('app.tagline')}
          </Text>
        </Group>
        <LanguageSwitch />
      </Group>
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
              {ended !== undefined && error === null ? (
                <Alert color="petrol" variant="light" role="status" icon={<IconInfoCircle size={18} aria-hidden />}>
                  {t(ENDED_MESSAGES[ended])}
                </Alert>
              ) : null}
              {error !== null ? (
                <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />}>
                  <Text fz="sm">
                    {error}
                  </Text>
                </Alert>
              ) : null}
              {codeStep !== null ? (
                <>
                  <Text fz="sm">{t('mfa.signIn.codeIntro')}</Text>
                  <TextInput
                    label={codeStep === 'app' ? t('mfa.signIn.code') : t('mfa.signIn.recoveryCode')}
                    name="code"
                    autoComplete="one-time-code"
                    inputMode={codeStep === 'app' ? 'numeric' : 'text'}
                    required
                    data-autofocus
                    autoFocus
                    value={code}
                    onChange={(event) => setCode(event.currentTarget.value)}
                    data-testid="sign-in-code"
                  />
                  <Group justify="space-between">
                    <Anchor component="button" type="button" fz="sm" onClick={() => setCodeStep(codeStep === 'app' ? 'recovery' : 'app')} data-testid="sign-in-recovery">
                      {codeStep === 'app' ? t('mfa.signIn.useRecovery') : t('mfa.signIn.useApp')}
                    </Anchor>
                    <Anchor component="button" type="button" fz="sm" onClick={() => { setCodeStep(null); setCode(''); setError(null); }}>
                      {t('mfa.signIn.back')}
                    </Anchor>
                  </Group>
                </>
              ) : (
                <>
                  <SsoSignIn returnTo={from} />
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
                </>
              )}
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
