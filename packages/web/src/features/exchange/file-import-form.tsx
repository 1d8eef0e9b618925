import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Stack } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FileField } from '../../shared/file-field';

interface Props {
  accept: string;
  hint: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (file: File) => void;
  testId: string;
  /** Fields before the file (e.g. the unit). */
  children?: ReactNode;
  /** A problem found in the browser (not JSON), shown at the file field. */
  localError?: string | null;
}

/** One file and a submit button: the common shape of every exchange import (the file field as the other uploads have it). */
export function FileImportForm({ accept, hint, submitLabel, pending, onSubmit, testId, children, localError }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file === null) return setMissing(true);
    onSubmit(file);
  };
  const error = missing && file === null ? t('exchange.chooseFile') : (localError ?? undefined);
  return (
    <form onSubmit={submit} noValidate data-testid={testId}>
      <Stack gap="xs" align="flex-start">
        {children}
        <FileField label={t('exchange.fileLabel')} required accept={accept} hint={hint} error={error} onFile={setFile} testId={`${testId}-file`} />
        <Button type="submit" size="xs" leftSection={<IconUpload size={14} aria-hidden />} loading={pending} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
