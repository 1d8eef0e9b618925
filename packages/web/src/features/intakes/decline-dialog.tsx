import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { IntakeDecline } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useDeclineIntake } from './intake-queries';
import type { Intake } from './intake-types';

/** Declines an intake; the reason is required and goes to the submitter. */
export function DeclineDialog({ intake, onClose, onReload }: { intake: Intake; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<object | null>(null);
  const decline = useDeclineIntake(intake.id);
  const errors = serverFieldErrors(decline.error, t, { schema: IntakeDecline, payload: decline.variables });
  const reasonError = missing !== null ? t('common.required') : errors.reason;
  useFocusFirstError(missing ?? decline.error);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing({});
      return;
    }
    decline.mutate(
      { version: intake.version, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('intake.decline.done', { title: intake.title }) });
          onClose();
        },
      },
    );
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('intake.decline.title')} centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('intake.decline.confirm', { title: intake.title })}</Text>
          <Textarea
            label={t('intake.decline.reason')}
            description={t('intake.decline.reasonHint')}
            required
            data-autofocus
            value={reason}
            error={reasonError}
            autosize
            minRows={3}
            maxLength={2000}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(null);
            }}
          />
          {errors.reason === undefined ? (
            <ErrorAlert
              error={decline.error}
              onReload={() => {
                onClose();
                onReload();
              }}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={decline.isPending}>
              {t('intake.decline.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
