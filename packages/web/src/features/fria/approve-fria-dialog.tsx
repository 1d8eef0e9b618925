import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FriaElement, FriaVersion } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useApproveFria } from './fria-queries';

interface Props {
  systemId: string;
  /** The draft to approve. */
  draft: FriaVersion;
  outdated: readonly FriaElement[];
  /** The form on the page holds changes that are not saved (they are not part of the approval). */
  unsaved: boolean;
  onClose: () => void;
  onReload: () => void;
}

/**
 * Approval as a signature: an optional comment and the approver's password, re-entered. Four eyes: nobody who wrote
 * the draft may approve it. The signature binds exactly the saved content of this version.
 */
export function ApproveFriaDialog({ systemId, draft, outdated, unsaved, onClose, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const approve = useApproveFria(systemId);
  const error = approve.error;
  const wrongPassword = fieldErrorsOf(error).password !== undefined;
  const code = isApiError(error) ? error.code : undefined;
  useFocusFirstError(error ?? (missing ? 'password' : null));

  const refused =
    code === 'four-eyes'
      ? t('fria.approve.fourEyes')
      : code === 'nothing-to-approve'
        ? t('fria.approve.nothingToApprove')
        : code === 'fria-not-required'
          ? t('fria.errors.notRequired')
          : code === 'reauth-required'
            ? t('fria.approve.reauth')
            : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const trimmed = comment.trim();
    approve.mutate(
      { version: draft.version, password, ...(trimmed === '' ? {} : { comment: trimmed }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('fria.approve.done', { number: draft.number }) });
          onClose();
        },
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('fria.approve.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="fria-approve-form">
        <Stack gap="md">
          <Text fz="sm" fw={600}>
            {t('fria.approve.version', { number: draft.number, name: draft.updatedBy, date: formatDateTime(draft.updatedAt, i18n.language) })}
          </Text>
          <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('fria.approve.fourEyesTitle')}>
            <Text fz="sm">{t('fria.approve.fourEyesText')}</Text>
          </Alert>
          <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('fria.approve.bindsTitle')}>
            <Text fz="sm">{t('fria.approve.bindsText', { number: draft.number })}</Text>
          </Alert>
          {unsaved || outdated.length > 0 ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="fria-approve-warning">
              <Stack gap={4}>
                {unsaved ? <Text fz="sm">{t('fria.approve.unsaved')}</Text> : null}
                {outdated.length > 0 ? (
                  <Text fz="sm">{t('fria.approve.outdated', { elements: outdated.map((e) => t(`fria.elements.${e}.short`)).join(', ') })}</Text>
                ) : null}
              </Stack>
            </Alert>
          ) : null}
          <Textarea
            label={t('fria.approve.comment')}
            autosize
            minRows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="fria-approve-comment"
          />
          <PasswordInput
            label={t('fria.approve.password')}
            description={t('fria.approve.passwordHint')}
            autoComplete="current-password"
            required
            data-autofocus
            value={password}
            error={missing ? t('fria.approve.passwordMissing') : wrongPassword ? t('fria.approve.wrongPassword') : undefined}
            aria-invalid={missing || wrongPassword}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="fria-approve-password"
          />
          {refused !== undefined ? (
            <Alert color="red" variant="light" role="alert" title={t('fria.approve.refusedTitle')} data-testid="fria-approve-refused">
              <Text fz="sm">{refused}</Text>
            </Alert>
          ) : wrongPassword ? null : (
            <ErrorAlert
              error={error}
              onReload={() => {
                approve.reset();
                onReload();
                onClose();
              }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={approve.isPending} data-testid="fria-approve-submit">
              {t('fria.approve.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
