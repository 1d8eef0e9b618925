import { useEffect } from 'react';
import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../app/use-page-title';

/** The channel on which the re-authentication popup tells the signature dialog that opened it the result. */
export const REAUTH_MESSAGE = 'konform-sso-reauth';

/** Where the re-authentication popup lands: tells the signature dialog (same origin only) the result and closes. */
export function SsoDonePage() {
  const { t } = useTranslation();
  usePageTitle(t('sso.done.title'));
  const [params] = useSearchParams();
  const result = params.get('result') ?? 'failed';
  useEffect(() => {
    // A broadcast channel reaches same-origin pages only, and works although the provider's pages (another origin)
    // have cut the popup off from its opener (cross-origin opener policy).
    const channel = new BroadcastChannel(REAUTH_MESSAGE);
    channel.postMessage({ result });
    channel.close();
    window.close();
  }, [result]);
  return (
    <Center component="main" id="main" pt="10vh" px="md">
      <Paper withBorder p="xl" maw={480}>
        <Stack gap="sm">
          <Title order={1} fz="h3">
            {t('sso.done.title')}
          </Title>
          <Text data-testid="sso-done">{result === 'reauth-ok' ? t('sso.done.ok') : t('sso.done.other')}</Text>
        </Stack>
      </Paper>
    </Center>
  );
}
