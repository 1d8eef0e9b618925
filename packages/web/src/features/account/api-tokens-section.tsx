import { useState } from 'react';
import { Code, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiToken, ApiTokenCreated } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { NewTokenNotice } from './new-token-notice';
import { RevokeTokenDialog } from './revoke-token-dialog';
import { TokenCreateForm } from './token-create-form';
import { useApiTokens } from './token-queries';
import { TokenTable } from './token-table';

/** The user's API tokens for machines: create (secret shown once), list, revoke. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const query = useApiTokens();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text fz="sm">{t('account.tokens.intro')}</Text>
        <Text fz="sm">{t('account.tokens.usage')}</Text>
        <Code block>{t('account.tokens.usageHeader')}</Code>
      </Stack>
      {created !== null ? <NewTokenNotice token={created} onDismiss={() => setCreated(null)} /> : null}
      <TokenCreateForm onCreated={setCreated} />
      <ErrorAlert error={query.error} />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : query.data.length === 0 ? (
        <Paper p="md" bg="gray.0">
          <Text ta="center" c="dimmed" fz="sm">
            {t('account.tokens.empty')}
          </Text>
        </Paper>
      ) : (
        <TokenTable tokens={query.data} onRevoke={setRevoking} />
      )}
      {revoking !== null ? <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} /> : null}
    </Stack>
  );
}
