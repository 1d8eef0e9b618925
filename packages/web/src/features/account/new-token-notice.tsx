import { useEffect, useRef } from 'react';
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenCreated } from '@konform/core';

interface Props {
  token: ApiTokenCreated;
  onDismiss: () => void;
}

/** The new token's secret, shown once: the server keeps only its hash. Focus moves here on creation. */
export function NewTokenNotice({ token, onDismiss }: Props) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [token.id]);

  return (
    <Alert
      color="yellow"
      variant="light"
      role="region"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t('account.tokens.secretTitle', { name: token.name })}
      className="new-token-notice"
    >
      <Stack gap="sm">
        <Text fz="sm">{t('account.tokens.secretWarning')}</Text>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            ref={inputRef}
            flex={1}
            label={t('account.tokens.secretLabel')}
            value={token.token}
            readOnly
            spellCheck={false}
            autoComplete="off"
            classNames={{ input: 'token-secret' }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={token.token} timeout={4000}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal.9' : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? t('account.tokens.copied') : t('account.tokens.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button variant="subtle" size="xs" onClick={onDismiss}>
            {t('account.tokens.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
