import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabGateDetail } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { useWithdrawLabGate } from './gate-queries';

interface Props {
  gate: LabGateDetail;
  onClose: () => void;
  onReload: () => void;
}

/** Withdraws an open gate, or takes a release back, with the reason (kept in the gate and the audit trail). */
export function GateWithdrawDialog({ gate, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const mutation = useWithdrawLabGate(gate.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const released = gate.status === 'released';

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    mutation.mutate({ version: gate.version, reason: reason.trim() }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('labGates.withdraw.done', { number: saved.number }) });
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t(released ? 'labGates.withdraw.titleRelease' : 'labGates.withdraw.title', { number: gate.number })} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={confirm} noValidate>
        <Stack gap="md" data-testid="lab-gate-withdraw-dialog">
          <Text fz="sm">{t(released ? 'labGates.withdraw.textRelease' : 'labGates.withdraw.text')}</Text>
          <Textarea
            label={t('labGates.withdraw.reason')}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            error={missing && reason.trim() === '' ? t('common.required') : undefined}
            aria-invalid={missing && reason.trim() === ''}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="lab-gate-withdraw-reason"
          />
          <ErrorAlert
            error={mutation.error}
            onReload={() => {
              mutation.reset();
              onReload();
              onClose();
            }}
          />
          <FormActions
            onCancel={onClose}
            submitLabel={t(released ? 'labGates.withdraw.submitRelease' : 'labGates.withdraw.submit')}
            submitTestId="lab-gate-withdraw-submit"
            pending={mutation.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
