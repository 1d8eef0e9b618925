import { TextInput } from '@mantine/core';

interface Props {
  label: string;
  value: string;
  /** "Required" before submitting, or the server's message. */
  error: string | undefined;
  onChange: (value: string) => void;
}

/** A record's required title, the field a form opens with (focused first). */
export function TitleField({ label, value, error, onChange }: Props) {
  return (
    <TextInput
      label={label}
      required
      maxLength={300}
      data-autofocus
      value={value}
      error={error}
      aria-invalid={error !== undefined}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
