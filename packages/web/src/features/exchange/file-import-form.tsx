import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

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
  const id = useId();
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
        <div>
          <label htmlFor={`${id}-file`} className="file-label">
            {t('exchange.fileLabel')}
            <span aria-hidden className="required-mark">
              {' '}*
            </span>
          </label>
          <input
            id={`${id}-file`}
            type="file"
            className="file-input"
            accept={accept}
            aria-required
            aria-invalid={error !== undefined}
            aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            data-testid={`${testId}-file`}
          />
          <Text id={`${id}-hint`} fz="xs" c="dimmed">
            {hint}
          </Text>
          {error !== undefined ? (
            <Text id={`${id}-error`} fz="xs" c="red.8" role="alert">
              {error}
            </Text>
          ) : null}
        </div>
        <Button type="submit" size="xs" leftSection={<IconUpload size={14} aria-hidden />} loading={pending} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
