import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PasswordChange } from '@konform/core';
import { api } from '../../api/client';
import { useCurrentUser } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { passwordRefusalMessage } from '../sessions/password-errors';

/** Changes the signed-in user's own password; the server then ends their other sessions. */
export function PasswordSection() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  /** A new object on every submit refused here, so focus moves to the field each time. */
  const [mismatch, setMismatch] = useState<object | null>(null);
  const change = useMutation({ mutationFn: (input: PasswordChange) => api.post<void>('/auth/password', input) });

  const errors = serverFieldErrors(change.error, t, { schema: PasswordChange, payload: change.variables });
  // The schema cannot know the stored password: a non-empty current password the server refused is wrong.
  if (errors.currentPassword !== undefined && change.variables?.currentPassword !== '') errors.currentPassword = t('account.password.wrongCurrent');
  // The password policy's reason (too short, breached, contains the own name or address), translated.
  const refusal = passwordRefusalMessage(change.error, t);
  if (refusal !== undefined) errors.newPassword = refusal;
  if (mismatch !== null) errors.confirmation = t('account.password.mismatch');

  // Scoped to this form: the other form on the page may still show its own errors.
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  useFocusFirstError(mismatch ?? change.error, form ?? document);
  // Mantine's PasswordInput does not set aria-invalid itself; each field below passes it.

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== confirmation) {
      change.reset();
      setMismatch({});
      return;
    }
    setMismatch(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setConfirmation('');
        },
      },
    );
  };

  return (
    <form ref={setForm} onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={440}>
        <Text fz="sm" c="dimmed">
          {t('account.password.intro')}
        </Text>
        {/* For password managers: the account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordInput
          label={t('account.password.current')}
          name="current-password"
          autoComplete="current-password"
          required
          value={currentPassword}
          error={errors.currentPassword}
          aria-invalid={errors.currentPassword !== undefined}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('account.password.new')}
          description={t('account.password.newHint')}
          name="new-password"
          autoComplete="new-password"
          required
          value={newPassword}
          error={errors.newPassword}
          aria-invalid={errors.newPassword !== undefined}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('account.password.confirm')}
          name="new-password-confirmation"
          autoComplete="new-password"
          required
          value={confirmation}
          error={errors.confirmation}
          aria-invalid={errors.confirmation !== undefined}
          onChange={(e) => {
            setConfirmation(e.currentTarget.value);
            setMismatch(null);
          }}
        />
        <ErrorAlert error={change.error} />
        <div aria-live="polite">
          {change.isSuccess ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} role="status">
              <Text fz="sm">{t('account.password.changed')}</Text>
            </Alert>
          ) : null}
        </div>
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
