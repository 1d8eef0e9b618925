import { useEffect, useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCheck, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSsoStatus } from '../features/sso/sso-queries';
import { REAUTH_MESSAGE } from '../features/sso/sso-done-page';

type State = 'idle' | 'waiting' | 'ok' | 'failed' | 'mismatch' | 'blocked';

/**
 * Re-authentication of a single sign-on account at the moment of signing (shown by `SignatureDialog` for
 * `signIn === 'sso'`): a popup signs in again at the provider (prompt=login, max_age=0); the landing page broadcasts the
 * result (same origin only) and closes. The server accepts one signature within 5 minutes after it.
 */
export function SsoReauth({ onDone }: { onDone?: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const status = useSsoStatus();
  const name = status.data?.displayName ?? 'SSO';
  const [state, setState] = useState<State>('idle');

  useEffect(() => {
    const channel = new BroadcastChannel(REAUTH_MESSAGE);
    channel.onmessage = (event: MessageEvent) => {
      const result = (event.data as { result?: unknown } | null)?.result;
      const next: State = result === 'reauth-ok' ? 'ok' : result === 'reauth-mismatch' ? 'mismatch' : 'failed';
      setState(next);
      onDone?.(next === 'ok');
    };
    return () => channel.close();
  }, [onDone]);

  const open = () => {
    const popup = window.open('/api/auth/sso/reauth', 'konform-sso-reauth', 'popup,width=520,height=680');
    setState(popup ? 'waiting' : 'blocked');
  };

  return (
    <Stack gap="xs" data-testid="sso-reauth">
      <Text fz="sm">{t('sso.reauth.intro', { name })}</Text>
      <Button variant={state === 'ok' ? 'light' : 'filled'} onClick={open} leftSection={state === 'ok' ? <IconCheck size={16} aria-hidden /> : <IconExternalLink size={16} aria-hidden />} data-testid="sso-reauth-button">
        {t('sso.reauth.button', { name })}
      </Button>
      <div aria-live="polite">
        {state === 'waiting' ? <Text fz="sm" c="dimmed">{t('sso.reauth.waiting')}</Text> : null}
        {state === 'ok' ? <Text fz="sm" c="teal.9" data-testid="sso-reauth-ok">{t('sso.reauth.ok')}</Text> : null}
      </div>
      {state === 'failed' || state === 'mismatch' || state === 'blocked' ? (
        <Alert color="red" variant="light" role="alert">
          {t(`sso.reauth.${state}`)}
        </Alert>
      ) : null}
    </Stack>
  );
}
