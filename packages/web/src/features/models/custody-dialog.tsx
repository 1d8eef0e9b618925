import { useState, type FormEvent } from 'react';
import { Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { CUSTODY_NEEDS_LOCATION, CUSTODY_NEXT, type CustodyEvent, type CustodyState, type TestItemType } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { modelFieldErrors } from './field-errors';
import { useRecordCustody } from './model-queries';

interface Props {
  type: TestItemType;
  itemId: string;
  versionId: string;
  versionLabel: string;
  state: CustodyState;
  onClose: () => void;
}

/** Records one event of the chain of custody; only the events that may follow the current state are offered. */
export function CustodyDialog({ type, itemId, versionId, versionLabel, state, onClose }: Props) {
  const { t } = useTranslation();
  const mutation = useRecordCustody(type, itemId, versionId);
  const options = CUSTODY_NEXT[state];
  const [event, setEvent] = useState<CustodyEvent>(options[0] ?? 'received');
  const [at, setAt] = useState('');
  const [by, setBy] = useState('');
  const [location, setLocation] = useState('');
  const [note, setNote] = useState('');
  const errors = modelFieldErrors(mutation.error, t);
  useFocusFirstError(mutation.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(
      {
        event,
        ...(at === '' ? {} : { at: new Date(at).toISOString() }),
        ...(by.trim() === '' ? {} : { by }),
        ...(location.trim() === '' ? {} : { location }),
        ...(note.trim() === '' ? {} : { note }),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('models.custody.recorded', { event: t(`models.custody.events.${event}`) }) });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('models.custody.dialogTitle', { label: versionLabel })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="custody-form">
        <Stack gap="md">
          {options.length === 0 ? <Text fz="sm">{t('models.custody.nothingFollows')}</Text> : null}
          {Object.keys(errors).length === 0 ? <ErrorAlert error={mutation.error} /> : null}
          <NativeSelect
            label={t('models.custody.event')}
            description={t('models.custody.eventHint', { state: t(`models.custody.states.${state}`) })}
            value={event}
            data={options.map((o) => ({ value: o, label: t(`models.custody.events.${o}`) }))}
            error={errors.event}
            onChange={(e) => setEvent(e.currentTarget.value as CustodyEvent)}
            data-testid="custody-event"
          />
          <TextInput type="datetime-local" label={t('models.custody.at')} description={t('models.custody.atHint')} value={at} error={errors.at} onChange={(e) => setAt(e.currentTarget.value)} data-testid="custody-at" />
          <TextInput label={t('models.custody.by')} description={t('models.custody.byHint')} value={by} maxLength={300} error={errors.by} onChange={(e) => setBy(e.currentTarget.value)} data-testid="custody-by" />
          <TextInput
            label={t('models.custody.location')}
            required={CUSTODY_NEEDS_LOCATION.includes(event)}
            value={location}
            maxLength={500}
            error={errors.location}
            onChange={(e) => setLocation(e.currentTarget.value)}
            data-testid="custody-location"
          />
          <Textarea label={t('models.custody.note')} value={note} maxLength={5000} autosize minRows={2} onChange={(e) => setNote(e.currentTarget.value)} data-testid="custody-note" />
          <FormActions onCancel={onClose} submitLabel={t('models.custody.submit')} submitTestId="custody-submit" pending={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
