import { Alert, Button, Divider, Stack } from '@mantine/core';
import { IconAlertTriangle, IconLogin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { SSO_OUTCOMES, type SsoOutcome } from '@konform/core';
import { withQuery } from '../../api/client';
import { useSsoStatus } from './sso-queries';

type SignInOutcome = Exclude<SsoOutcome, 'reauth-ok' | 'reauth-mismatch'>;

function isSignInOutcome(value: string | null): value is SignInOutcome {
  return value !== null && (SSO_OUTCOMES as readonly string[]).includes(value) && !value.startsWith('reauth');
}

/** On the sign-in page: why the last single sign-on ended here (?sso=…), and the button to sign in at the provider. */
export function SsoSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = useSsoStatus();
  const outcome = params.get('sso');
  return (
    <Stack gap="md">
      {isSignInOutcome(outcome) ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="sso-outcome">
          {t(`sso.outcome.${outcome}`)}
        </Alert>
      ) : null}
      {status.data?.enabled ? (
        <>
          <Button component="a" href={withQuery('/api/auth/sso/start', { returnTo })} leftSection={<IconLogin size={18} aria-hidden />} fullWidth data-testid="sso-sign-in">
            {t('sso.signInWith', { name: status.data.displayName ?? '' })}
          </Button>
          <Divider label={t('sso.or')} labelPosition="center" />
        </>
      ) : null}
    </Stack>
  );
}
