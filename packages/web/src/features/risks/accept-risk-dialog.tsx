import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
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
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const accept = useAcceptRisk(risk.id);
  const error = accept.error;
  const fields = fieldErrorsOf(error);
  const wrongPassword = fields.password !== undefined;
  const code = isApiError(error) ? error.code : undefined;
  const status = isApiError(error) ? error.status : undefined;
  const level = risk.residualLevel ?? risk.inherentLevel;
  const deputies = risk.acceptance.deputies;
  useFocusFirstError(error ?? (tooShort ? 'justification' : null));

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (justification.trim().length < JUSTIFICATION_MIN) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    accept.mutate(
      { version: risk.version, justification: justification.trim(), password },
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
        onError: () => setPassword(''),
      },
    );
  };

  const justificationError = tooShort ? t('risks.accept.justificationTooShort', { min: JUSTIFICATION_MIN }) : fields.justification;

  return (
    <Modal opened onClose={onClose} title={t('risks.accept.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="risk-accept-form">
        <Stack gap="md">
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
          <PasswordInput
            label={t('risks.accept.password')}
            description={t('risks.accept.passwordHint')}
            autoComplete="current-password"
            required
            value={password}
            error={wrongPassword ? t('risks.accept.wrongPassword') : undefined}
            aria-invalid={wrongPassword}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {specific !== undefined ? (
            <Alert color="red" variant="light" role="alert" title={t('risks.accept.refusedTitle')}>
              <Text fz="sm">{specific}</Text>
            </Alert>
          ) : wrongPassword || fields.justification !== undefined ? null : (
            <ErrorAlert
              error={error}
              onReload={() => {
                accept.reset();
                onReload();
              }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={accept.isPending} data-testid="risk-accept-submit">
              {t('risks.accept.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
