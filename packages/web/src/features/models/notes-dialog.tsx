import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TestItemType } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { useUpdateVersionNotes, type ItemVersion } from './model-queries';

/** Changes the notes of a recorded version, the one thing about it that may change. */
export function NotesDialog({ type, itemId, version, onClose }: { type: TestItemType; itemId: string; version: ItemVersion; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useUpdateVersionNotes(type, itemId, version.id);
  const [notes, setNotes] = useState(version.notes);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ version: version.version, notes }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('models.notes.saved', { label: version.label }) });
        onClose();
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('models.notes.title', { label: version.label })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="notes-form">
        <Stack gap="md">
          <Text fz="sm" c="dimmed">{t('models.notes.intro')}</Text>
          <ErrorAlert error={mutation.error} />
          <Textarea label={t('models.fields.notes')} value={notes} maxLength={10000} autosize minRows={3} onChange={(e) => setNotes(e.currentTarget.value)} data-testid="notes-text" />
          <FormActions onCancel={onClose} submitLabel={t('common.save')} submitTestId="notes-submit" pending={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
