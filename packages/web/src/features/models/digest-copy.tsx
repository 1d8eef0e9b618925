import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A SHA-256 digest in full, with a button that copies it. */
export function DigestCopy({ digest, testId }: { digest: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" align="center">
      <Code fz="xs" style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {digest}
      </Code>
      <CopyButton value={digest} timeout={3000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('models.digest.copied') : t('models.digest.copy')} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={copied ? t('models.digest.copied') : t('models.digest.copy')}>
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
