import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useRevokeApiToken } from './token-queries';

interface Props {
  token: ApiToken;
  onClose: () => void;
}

/** Asks before revoking: machines using the token lose access at once, for good. */
export function RevokeTokenDialog({ token, onClose }: Props) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();

  const confirm = () => {
    revoke.mutate(token.id, {
      onSuccess: (revoked) => {
        notifications.show({ color: 'teal', message: t('account.tokens.revoked', { name: revoked.name }) });
        onClose();
      },
    });
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('account.tokens.revokeTitle')} centered>
      <Stack gap="md">
        <Text fz="sm">{t('account.tokens.revokeConfirm', { name: token.name })}</Text>
        <ErrorAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.8" onClick={confirm} loading={revoke.isPending}>
            {t('account.tokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
