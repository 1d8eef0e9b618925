import { useState } from 'react';
import { Alert, Group, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Risk, SignerCredentials } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { SignatureDialog } from '../../shared/signature-dialog';
import { localized } from '../catalogs/localized';
import { LevelBadge } from './level-badge';
import { useAcceptRisk } from './risk-queries';
import { roleNames } from './role-names';

const JUSTIFICATION_MIN = 10;

interface Props {
  risk: Risk;
  onClose: () => void;
  onReload: () => void;
}

/**
 * Risk acceptance as a signature: a justification and the signer's password, re-entered. The signature binds this
 * exact state of the risk; any later change makes the acceptance stale.
 */
export function AcceptRiskDialog({ risk, onClose, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [justification, setJustification] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const accept = useAcceptRisk(risk.id);
  const error = accept.error;
  const fields = fieldErrorsOf(error);
  const code = isApiError(error) ? error.code : undefined;
  const status = isApiError(error) ? error.status : undefined;
  const level = risk.residualLevel ?? risk.inherentLevel;
  const deputies = risk.acceptance.deputies;

  const specific =
    status === 403 && code === 'forbidden'
      ? t('risks.accept.forbidden', {
          level: level === null ? t('common.none') : localized(level.label, i18n.language),
          roles: roleNames(risk.acceptance.roles, t),
          deputies: deputies.length === 0 ? t('risks.acceptance.noDeputies') : roleNames(deputies, t),
        })
      : code === 'not-rated'
        ? t('risks.accept.notRated')
        : code === 'four-eyes'
          ? t('risks.accept.alreadySigned')
          : code === 'closed'
            ? t('risks.accept.closed')
            : code === 'reauth-required'
              ? t('risks.accept.reauth')
              : undefined;

  const validate = () => {
    const short = justification.trim().length < JUSTIFICATION_MIN;
    setTooShort(short);
    return !short;
  };

  const sign = (credentials: SignerCredentials, failed: () => void) =>
    accept.mutate(
      { version: risk.version, justification: justification.trim(), ...credentials },
      {
        onSuccess: (signed) => {
          notifications.show({
            color: 'teal',
            message:
              signed.acceptance.state === 'accepted'
                ? t('risks.accept.doneComplete', { number: signed.number })
                : t('risks.accept.donePartial', { number: signed.number, given: signed.acceptance.signatures.length, required: signed.acceptance.required }),
          });
          onClose();
        },
        onError: failed,
      },
    );

  const justificationError = tooShort ? t('risks.accept.justificationTooShort', { min: JUSTIFICATION_MIN }) : fields.justification;

  return (
    <SignatureDialog
      texts={{
        title: t('risks.accept.title'),
        password: t('risks.accept.password'),
        passwordHint: t('risks.accept.passwordHint'),
        wrongPassword: t('risks.accept.wrongPassword'),
        submit: t('risks.accept.submit'),
      }}
      testId="risk-accept"
      error={error}
      pending={accept.isPending}
      refusal={specific === undefined ? undefined : { title: t('risks.accept.refusedTitle'), text: specific }}
      errorAtField={fields.justification !== undefined}
      onReload={() => {
        accept.reset();
        onReload();
      }}
      validate={validate}
      invalidField={tooShort ? 'justification' : null}
      onSign={sign}
      onClose={onClose}
    >
      <Group gap="sm">
        <Text fz="sm" fw={600}>
          {t('risks.numberLabel', { number: risk.number })} · {risk.title}
        </Text>
        <LevelBadge level={level} />
      </Group>
      <Text fz="sm">
        {t('risks.accept.signatureOf', { next: Math.min(risk.acceptance.signatures.length + 1, risk.acceptance.required), required: risk.acceptance.required })}{' '}
        {t('risks.accept.whoMay', { roles: roleNames(risk.acceptance.roles, t), deputies: deputies.length === 0 ? t('risks.acceptance.noDeputies') : roleNames(deputies, t) })}
      </Text>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('risks.accept.bindsTitle')}>
        <Text fz="sm">{t('risks.accept.bindsText', { version: risk.version })}</Text>
      </Alert>
      <Textarea
        label={t('risks.accept.justification')}
        description={t('risks.accept.justificationHint', { min: JUSTIFICATION_MIN })}
        required
        autosize
        minRows={3}
        maxLength={2000}
        data-autofocus
        value={justification}
        error={justificationError}
        aria-invalid={justificationError !== undefined}
        onChange={(e) => setJustification(e.currentTarget.value)}
      />
    </SignatureDialog>
  );
}
