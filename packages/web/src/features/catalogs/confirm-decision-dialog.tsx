import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  /** Shown instead of the generic error text, e.g. for a conflict. */
  errorText?: ReactNode;
}

/** Asks before a decision on a catalogue version; cancel has the focus, so Enter does not decide by accident. */
export function ConfirmDecisionDialog({ title, children, confirmLabel, danger = false, loading, error, onConfirm, onClose, errorText }: Props) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={title} centered size="lg">
      <Stack gap="md">
        {children}
        {error !== null && error !== undefined && errorText !== undefined ? errorText : <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.8' : undefined} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
