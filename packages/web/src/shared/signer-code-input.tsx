import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The TOTP code a signer with two-factor sign-in enters beside the password (a recovery code is accepted too).
 * `problem` is 'missing' or 'wrong' to show the matching message beside the field.
 */
export function SignerCodeInput({ value, onChange, problem, testId }: { value: string; onChange: (value: string) => void; problem: 'missing' | 'wrong' | null; testId?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('mfa.signature.code')}
      description={t('mfa.signature.codeHint')}
      autoComplete="one-time-code"
      required
      name="code"
      value={value}
      error={problem === 'missing' ? t('mfa.signature.codeMissing') : problem === 'wrong' ? t('mfa.signature.wrongCode') : undefined}
      aria-invalid={problem !== null}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}
