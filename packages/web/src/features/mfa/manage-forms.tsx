import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useDisableMfa, useRegenerateRecoveryCodes } from './mfa-queries';

/** New recovery codes for a current code; the old ones stop working. */
export function RegenerateCodesForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const [code, setCode] = useState('');
  const wrong = fieldErrorsOf(regenerate.error).code !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    regenerate.mutate({ code: code.trim() }, { onSuccess: (result) => onCodes(result.recoveryCodes), onSettled: () => setCode('') });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" maw={440}>
        <Text fz="sm">{t('mfa.recovery.regenerateText')}</Text>
        <TextInput label={t('mfa.enrol.code')} autoComplete="one-time-code" required value={code} error={wrong ? t('mfa.disable.wrongCode') : undefined} aria-invalid={wrong} onChange={(e) => setCode(e.currentTarget.value)} data-testid="mfa-regenerate-code" />
        {wrong ? null : <ErrorAlert error={regenerate.error} />}
        <Group>
          <Button type="submit" variant="default" loading={regenerate.isPending} data-testid="mfa-regenerate">
            {t('mfa.recovery.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turns two-factor sign-in off with the password and a current code (or a recovery code). */
export function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const disable = useDisableMfa();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const errors = fieldErrorsOf(disable.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate({ password, code: code.trim() }, {
      onSuccess: onDisabled,
      onError: () => {
        setPassword('');
        setCode('');
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" maw={440}>
        <Text fz="sm">{t('mfa.disable.text')}</Text>
        <PasswordInput label={t('mfa.disable.password')} autoComplete="current-password" required value={password} error={errors.password ? t('mfa.disable.wrongPassword') : undefined} aria-invalid={errors.password !== undefined} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="mfa-disable-password" />
        <TextInput label={t('mfa.disable.code')} autoComplete="one-time-code" required value={code} error={errors.code ? t('mfa.disable.wrongCode') : undefined} aria-invalid={errors.code !== undefined} onChange={(e) => setCode(e.currentTarget.value)} data-testid="mfa-disable-code" />
        {errors.password || errors.code ? null : <ErrorAlert error={disable.error} />}
        <Group>
          <Button type="submit" color="red" variant="light" loading={disable.isPending} data-testid="mfa-disable">
            {t('mfa.disable.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
