import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { QmsVersion } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useReturnQmsVersion } from './qms-queries';

/** Sends a version in review back to draft, with the reason (the reviewer's remarks go into the audit trail). */
export function ReturnVersionDialog({ documentId, version, onClose, onReload }: { documentId: string; version: QmsVersion; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useReturnQmsVersion(documentId, version.number);
  useFocusFirstError(mutation.error ?? (missing ? 'note' : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(note.trim() === '');
    if (note.trim() === '') return;
    mutation.mutate(
      { version: version.version, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('qms.return.done', { number: version.number }) });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('qms.return.title', { number: version.number })} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="qms-return-form">
        <Stack gap="md">
          <Textarea
            label={t('qms.return.note')}
            description={t('qms.return.noteHint')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            value={note}
            error={missing ? t('common.required') : undefined}
            aria-invalid={missing}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="qms-return-note"
          />
          <ErrorAlert
            error={mutation.error}
            onReload={() => {
              mutation.reset();
              onReload();
              onClose();
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="qms-return-submit">
              {t('qms.return.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
