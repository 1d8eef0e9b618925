import { useState } from 'react';
import { Alert, List, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabGateDetail, SignerCredentials } from '@konform/core';
import { isApiError } from '../../api/client';
import { SignatureDialog } from '../../shared/signature-dialog';
import { useSignLabGate } from './gate-queries';

interface Props {
  gate: LabGateDetail;
  onClose: () => void;
  onReload: () => void;
}

/** Codes of refusals the signer can act on, each with its own explanation. */
const REFUSALS = ['four-eyes', 'role-missing', 'forbidden', 'checks-failed', 'state-changed', 'not-open', 'plan-not-fixed', 'reauth-required'] as const;

/**
 * A release signature: the signer re-enters the password; the signature binds the checks and items exactly as shown
 * (their SHA-256 goes with the request, so a change in between is refused instead of signed unseen).
 */
export function GateSignDialog({ gate, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const sign = useSignLabGate(gate.id);
  const error = sign.error;
  const code = isApiError(error) ? error.code : undefined;
  const refused = REFUSALS.find((c) => c === code);
  const roles = gate.missingRoles.map((r) => t(`roles.${r}`)).join(t('labGates.signatures.or'));
  const checks = isApiError(error) ? (error.problem.errors ?? []).map((e) => t(`labGates.checks.names.${e.path.replace('checks.', '')}`, { defaultValue: e.path })).join(', ') : '';

  const submit = (credentials: SignerCredentials, failed: () => void) =>
    sign.mutate(
      { ...credentials, stateHash: gate.stateHash, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) },
      {
        onSuccess: (signed) => {
          notifications.show({ color: 'teal', message: signed.status === 'released' ? t('labGates.sign.released', { number: signed.number }) : t('labGates.sign.signed', { number: signed.number }) });
          onClose();
        },
        onError: failed,
      },
    );

  return (
    <SignatureDialog
      texts={{
        title: t('labGates.sign.title', { number: gate.number }),
        password: t('labGates.sign.password'),
        passwordHint: t('labGates.sign.passwordHint'),
        wrongPassword: t('labGates.sign.wrongPassword'),
        passwordMissing: t('common.required'),
        submit: t('labGates.sign.submit'),
      }}
      testId="lab-gate-sign"
      error={error}
      pending={sign.isPending}
      refusal={refused === undefined ? undefined : { title: t('labGates.sign.refusedTitle'), text: t(`labGates.sign.refused.${refused}`, { roles, checks }) }}
      onReload={() => {
        sign.reset();
        onReload();
      }}
      focusPassword
      onSign={submit}
      onClose={onClose}
      afterPassword={
        <Textarea label={t('labGates.sign.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="lab-gate-sign-comment" />
      }
    >
      <Text fz="sm" fw={600}>
        {t('labGates.numbered', { number: gate.number, title: gate.title })}
      </Text>
      <Text fz="sm">{t('labGates.sign.whoMay', { roles })}</Text>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('labGates.sign.bindsTitle')}>
        <Text fz="sm">{t('labGates.sign.bindsText')}</Text>
        <List size="sm" mt={4}>
          {gate.checks.map((c) => (
            <List.Item key={c.key}>
              {t(`labGates.checks.names.${c.key}`)}: {t(c.passed ? 'labGates.checks.passed' : 'labGates.checks.failed')}
            </List.Item>
          ))}
        </List>
        <Text fz="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-all' }}>
          SHA-256 {gate.stateHash}
        </Text>
      </Alert>
    </SignatureDialog>
  );
}
