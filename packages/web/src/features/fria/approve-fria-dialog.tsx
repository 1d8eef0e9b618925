import { useState } from 'react';
import { Alert, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FriaElement, FriaVersion, SignerCredentials } from '@konform/core';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { SignatureDialog } from '../../shared/signature-dialog';
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
  const [comment, setComment] = useState('');
  const approve = useApproveFria(systemId);
  const error = approve.error;
  const code = isApiError(error) ? error.code : undefined;

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

  const sign = (credentials: SignerCredentials, failed: () => void) => {
    const trimmed = comment.trim();
    approve.mutate(
      { version: draft.version, ...credentials, ...(trimmed === '' ? {} : { comment: trimmed }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('fria.approve.done', { number: draft.number }) });
          onClose();
        },
        onError: failed,
      },
    );
  };

  return (
    <SignatureDialog
      texts={{
        title: t('fria.approve.title'),
        password: t('fria.approve.password'),
        passwordHint: t('fria.approve.passwordHint'),
        wrongPassword: t('fria.approve.wrongPassword'),
        passwordMissing: t('fria.approve.passwordMissing'),
        submit: t('fria.approve.submit'),
      }}
      testId="fria-approve"
      error={error}
      pending={approve.isPending}
      refusal={refused === undefined ? undefined : { title: t('fria.approve.refusedTitle'), text: refused }}
      onReload={() => {
        approve.reset();
        onReload();
        onClose();
      }}
      focusPassword
      onSign={sign}
      onClose={onClose}
    >
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
    </SignatureDialog>
  );
}
