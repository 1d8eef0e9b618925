import { useState, type FormEvent } from 'react';
import { Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MfaEnrolment } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useConfirmEnrolment } from './mfa-queries';

/** Step two of the enrolment: the QR code (rendered by the server, no internet), the key as text, and the confirming code. */
export function EnrolForm({ enrolment, onConfirmed, onCancel }: { enrolment: MfaEnrolment; onConfirmed: (recoveryCodes: string[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  const wrong = fieldErrorsOf(confirm.error).code !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate({ code: code.trim() }, { onSuccess: (result) => onConfirmed(result.recoveryCodes), onError: () => setCode('') });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="mfa-enrol-form">
      <Stack gap="sm" maw={520}>
        <Text fz="sm">{t('mfa.enrol.step1')}</Text>
        <Image src={enrolment.qrCode} alt={t('mfa.enrol.qrAlt')} w={200} h={200} bg="white" data-testid="mfa-qr" />
        <Text fz="sm">{t('mfa.enrol.manual')}</Text>
        <Code block fz="md" data-testid="mfa-secret">
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Code>
        <Text fz="sm">{t('mfa.enrol.step2')}</Text>
        <TextInput
          label={t('mfa.enrol.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={200}
          value={code}
          error={wrong ? t('mfa.enrol.wrongCode') : undefined}
          aria-invalid={wrong}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-testid="mfa-confirm-code"
        />
        {wrong ? null : <ErrorAlert error={confirm.error} />}
        <Group>
          <Button type="submit" loading={confirm.isPending} data-testid="mfa-confirm">
            {t('mfa.enrol.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('mfa.enrol.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
