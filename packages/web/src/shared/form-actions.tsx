import type { ReactNode } from 'react';
import { Button, Group, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  onCancel: () => void;
  submitLabel: string;
  /** The submit button's `data-testid`. */
  submitTestId: string;
  pending: boolean;
  submitIcon?: ReactNode;
  gap?: MantineSpacing;
}

/** The buttons at the foot of a form: cancel, then submit (busy while the request runs). */
export function FormActions({ onCancel, submitLabel, submitTestId, pending, submitIcon, gap }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap={gap}>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} leftSection={submitIcon} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
