import type { FormEvent, ReactNode } from 'react';
import { Drawer, Stack, type DrawerProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  size: DrawerProps['size'];
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  /** The form's `data-testid`. */
  testId?: string;
  children: ReactNode;
}

/** A drawer from the right holding one form, its fields stacked; the close button is named for screen readers. */
export function FormDrawer({ title, size, onClose, onSubmit, testId, children }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer opened onClose={onClose} position="right" size={size} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={onSubmit} noValidate data-testid={testId}>
        <Stack gap="md">{children}</Stack>
      </form>
    </Drawer>
  );
}
