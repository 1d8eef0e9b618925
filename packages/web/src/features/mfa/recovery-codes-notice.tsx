import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The recovery codes, shown once after enrolment or renewal (the server keeps only their hashes). */
export function RecoveryCodesNotice({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" icon={<IconKey size={18} aria-hidden />} title={t('mfa.recovery.title')} data-testid="mfa-recovery-codes">
      <Stack gap="sm">
        <Text fz="sm">{t('mfa.recovery.text')}</Text>
        <List type="ordered" ff="monospace" fz="md" spacing={2}>
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Button onClick={onDone} w="fit-content" data-testid="mfa-recovery-done">
          {t('mfa.recovery.done')}
        </Button>
      </Stack>
    </Alert>
  );
}
