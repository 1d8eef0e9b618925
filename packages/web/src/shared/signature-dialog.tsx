import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignerCredentials } from '@konform/core';
import { fieldErrorsOf } from '../api/client';
import { useCurrentUser } from '../app/auth-context';
import { SignerCodeInput } from './signer-code-input';
import { SsoReauth } from './sso-reauth';
import { ErrorAlert } from './error-alert';
import { useFocusFirstError } from './use-focus-first-error';

/** The words of one kind of signature (approval, acceptance, …). */
export interface SignatureTexts {
  title: string;
  password: string;
  passwordHint: string;
  wrongPassword: string;
  /** Refuses an empty password before asking the server; without it, the server judges an empty one. */
  passwordMissing?: string;
  submit: string;
}

interface Props {
  texts: SignatureTexts;
  /** Prefix of the test ids: `<testId>-form`, `-password`, `-code`, `-refused`, `-submit`. */
  testId?: string;
  /** The server's answer to the last attempt, and whether one is under way. */
  error: unknown;
  pending: boolean;
  /** Why the server refused, in words the signer can act on (four eyes, missing role, …). */
  refusal?: { title: string; text: string };
  /** A field of the form shows the server's error itself, so no general alert is shown. */
  errorAtField?: boolean;
  /** Offered on a version conflict. */
  onReload?: () => void;
  /** Checks the dialog's own fields before signing; false stops the submission. */
  validate?: () => boolean;
  /** The name of the field that `validate` marked, to move focus there. */
  invalidField?: string | null;
  /** Focus the password when the dialog opens (otherwise a field among the children carries `data-autofocus`). */
  focusPassword?: boolean;
  /** What stands before the password: what is signed, notices, and the dialog's own fields. */
  children: ReactNode;
  /** What stands after the password (an optional comment). */
  afterPassword?: ReactNode;
  /** Signs with the re-entered credentials (password, TOTP code); `failed` clears the fields for another try. */
  onSign: (credentials: SignerCredentials, failed: () => void) => void;
  onClose: () => void;
}

/**
 * A signature in a dialog: the signer re-enters the password (local account) and, with two-factor sign-in, the current
 * code; both are cleared after a failed attempt. A single sign-on account re-authenticates through `SsoReauth`
 * instead. A wrong password or code is shown beside its field, a refusal with its reason, anything else as an alert.
 */
export function SignatureDialog({ texts, testId, error, pending, refusal, errorAtField = false, onReload, validate, invalidField = null, focusPassword = false, children, afterPassword, onSign, onClose }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const withPassword = user.signIn === 'password';
  const withCode = user.totpEnabled;
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [codeMissing, setCodeMissing] = useState(false);
  const [reauthenticated, setReauthenticated] = useState(false);
  const fieldErrors = fieldErrorsOf(error);
  const wrongPassword = fieldErrors.password !== undefined;
  const wrongCode = fieldErrors.code !== undefined;
  const id = (part: string) => (testId === undefined ? undefined : `${testId}-${part}`);
  useFocusFirstError(error ?? (missing ? 'password' : codeMissing ? 'code' : invalidField));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (validate !== undefined && !validate()) return;
    const noPassword = withPassword && texts.passwordMissing !== undefined && password === '';
    const noCode = withCode && code.trim() === '';
    setMissing(noPassword);
    setCodeMissing(noCode);
    if (noPassword || noCode) return;
    const credentials: SignerCredentials = {
      ...(withPassword ? { password } : {}),
      ...(withCode ? { code: code.trim() } : {}),
    };
    onSign(credentials, () => {
      setPassword('');
      setCode('');
    });
  };

  return (
    <Modal opened onClose={onClose} title={texts.title} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid={id('form')}>
        <Stack gap="md">
          {children}
          {withPassword ? (
            <PasswordInput
              label={texts.password}
              description={texts.passwordHint}
              autoComplete="current-password"
              required
              name="password"
              data-autofocus={focusPassword || undefined}
              value={password}
              error={missing ? texts.passwordMissing : wrongPassword ? texts.wrongPassword : undefined}
              aria-invalid={missing || wrongPassword}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid={id('password')}
            />
          ) : (
            <SsoReauth onDone={setReauthenticated} />
          )}
          {withCode ? (
            <SignerCodeInput value={code} onChange={setCode} problem={codeMissing ? 'missing' : wrongCode ? 'wrong' : null} testId={id('code')} />
          ) : null}
          {afterPassword}
          {refusal !== undefined ? (
            <Alert color="red" variant="light" role="alert" title={refusal.title} data-testid={id('refused')}>
              <Text fz="sm">{refusal.text}</Text>
            </Alert>
          ) : wrongPassword || wrongCode || errorAtField ? null : (
            <ErrorAlert error={error} onReload={onReload} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={!withPassword && !reauthenticated} data-testid={id('submit')}>
              {texts.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
