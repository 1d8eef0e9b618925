import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AiSystem } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useArchiveSystem } from './system-queries';

interface Props {
  system: AiSystem;
  opened: boolean;
  onClose: () => void;
  onReload: () => void;
}

/** Asks for confirmation and an optional reason before archiving. */
export function ArchiveDialog({ system, opened, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const archive = useArchiveSystem(system.id);

  const close = () => {
    archive.reset();
    setReason('');
    onClose();
  };

  const confirm = () => {
    const trimmed = reason.trim();
    archive.mutate(
      { version: system.version, ...(trimmed === '' ? {} : { reason: trimmed }) },
      {
        onSuccess: (archived) => {
          notifications.show({ color: 'teal', message: t('systemDetail.archived', { name: archived.name }) });
          close();
        },
      },
    );
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('systemDetail.archiveTitle')} centered>
      <Stack gap="md">
        <Text fz="sm">{t('systemDetail.archiveConfirm', { name: system.name })}</Text>
        <Textarea
          label={t('systemDetail.archiveReason')}
          value={reason}
          maxLength={500}
          autosize
          minRows={2}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <ErrorAlert
          error={archive.error}
          onReload={() => {
            close();
            onReload();
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red.8" onClick={confirm} loading={archive.isPending}>
            {t('systemDetail.archive')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
