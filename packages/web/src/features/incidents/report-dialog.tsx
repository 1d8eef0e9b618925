import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentReportKind } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useCurrentUser } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { SignerCodeInput } from '../../shared/signer-code-input';
import { SsoReauth } from '../../shared/sso-reauth';
import { fromLocalInput, toLocalInput } from './datetime';
import { useSubmitIncidentReport } from './incident-queries';

/** Records that the initial or complete report reached the authority: when, how, and the authority's reference. */
export function ReportDialog({ incident, kind, opened, onClose }: { incident: Incident; kind: IncidentReportKind; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmitIncidentReport(incident.id);
  const errors = fieldErrorsOf(submit.error);
  const [submittedAt, setSubmittedAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [channel, setChannel] = useState('');
  const [reference, setReference] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const user = useCurrentUser();
  const send = (event: FormEvent) => {
    event.preventDefault();
    const credentials = { ...(user.signIn === 'password' ? { password } : {}), ...(user.totpEnabled ? { code: code.trim() } : {}) };
    submit.mutate({ version: incident.version, kind, submittedAt: fromLocalInput(submittedAt) ?? '', channel: channel.trim(), reference: reference.trim(), ...credentials }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t(`incidents.report.${kind}Title`)} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={send} noValidate data-testid="report-form">
        <Stack gap="md">
          <TextInput type="datetime-local" required label={t('incidents.report.submittedAt')} value={submittedAt} onChange={(e) => setSubmittedAt(e.currentTarget.value)} error={errors.submittedAt} data-testid="report-at" />
          <TextInput required label={t('incidents.report.channel')} description={t('incidents.report.channelHint')} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} error={errors.channel} data-testid="report-channel" />
          <TextInput label={t('incidents.report.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.reference} data-testid="report-reference" />
          <Text fz="sm" c="dimmed">{t('incidents.report.signHint')}</Text>
          {user.signIn === 'password' ? (
            <PasswordInput required label={t('incidents.report.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.password} autoComplete="current-password" data-testid="report-password" />
          ) : (
            <SsoReauth />
          )}
          {user.totpEnabled ? <SignerCodeInput value={code} onChange={setCode} problem={errors.code ? (code.trim() === '' ? 'missing' : 'wrong') : null} testId="report-code" /> : null}
          {errors.password || errors.code ? null : <ErrorAlert error={submit.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={submit.isPending} data-testid="report-confirm">{t('incidents.report.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
