import { useId } from 'react';
import { Text } from '@mantine/core';

interface Props {
  label: string;
  /** Called with the chosen file, or null when the choice was cleared. */
  onFile: (file: File | null) => void;
  accept?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
  testId?: string;
  /** Change it to empty the input (a native file input cannot be reset from state). */
  resetKey?: number;
  /** Lets the input be chosen again with the same file (e.g. a checker that runs at once). */
  clearAfterChoice?: boolean;
}

/**
 * The one file input of every upload form: a native input (keyboard and screen readers work without a custom
 * widget) with its label, hint and error tied to it by id, so assistive technology reads them with the field.
 */
export function FileField({ label, onFile, accept, hint, error, required = false, autoFocus = false, testId, resetKey, clearAfterChoice = false }: Props) {
  const id = useId();
  const describedBy = [hint === undefined ? null : `${id}-hint`, error === undefined ? null : `${id}-error`].filter((x) => x !== null).join(' ');
  return (
    <div>
      <label htmlFor={`${id}-file`} className="file-label">
        {label}
        {required ? (
          <span aria-hidden className="required-mark">
            {' '}*
          </span>
        ) : null}
      </label>
      <input
        key={resetKey}
        id={`${id}-file`}
        type="file"
        className="file-input"
        accept={accept}
        data-autofocus={autoFocus || undefined}
        aria-required={required || undefined}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        onChange={(e) => {
          onFile(e.currentTarget.files?.[0] ?? null);
          if (clearAfterChoice) e.currentTarget.value = '';
        }}
        data-testid={testId}
      />
      {hint !== undefined ? (
        <Text id={`${id}-hint`} fz="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
      {error !== undefined ? (
        <Text id={`${id}-error`} fz="xs" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
    </div>
  );
}
