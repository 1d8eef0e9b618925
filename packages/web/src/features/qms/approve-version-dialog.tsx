import { useState } from 'react';
import { Alert, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QmsVersion, SignerCredentials } from '@konform/core';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { SignatureDialog } from '../../shared/signature-dialog';
import { useApproveQmsVersion } from './qms-queries';

interface Props {
  documentId: string;
  title: string;
  version: QmsVersion;
  onClose: () => void;
  onReload: () => void;
}

/**
 * The release of a version in review as a signature: the approver re-enters the password. Four eyes: nobody who
 * wrote the version may release it. The signature binds exactly this version's text, change note and document data.
 */
export function ApproveVersionDialog({ documentId, title, version, onClose, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  const approve = useApproveQmsVersion(documentId, version.number);
  const error = approve.error;
  const code = isApiError(error) ? error.code : undefined;
  const refused =
    code === 'four-eyes'
      ? t('qms.approve.fourEyes')
      : code === 'nothing-to-approve'
        ? t('qms.approve.nothingToApprove')
        : code === 'reauth-required'
          ? t('qms.approve.reauth')
          : isApiError(error) && error.status === 403
            ? t('qms.approve.forbidden')
            : undefined;

  const sign = (credentials: SignerCredentials, failed: () => void) => {
    const trimmed = comment.trim();
    approve.mutate(
      { version: version.version, ...credentials, ...(trimmed === '' ? {} : { comment: trimmed }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('qms.approve.done', { number: version.number }) });
          onClose();
        },
        onError: failed,
      },
    );
  };

  return (
    <SignatureDialog
      texts={{
        title: t('qms.approve.title'),
        password: t('qms.approve.password'),
        passwordHint: t('qms.approve.passwordHint'),
        wrongPassword: t('qms.approve.wrongPassword'),
        passwordMissing: t('qms.approve.passwordMissing'),
        submit: t('qms.approve.submit'),
      }}
      testId="qms-approve"
      error={error}
      pending={approve.isPending}
      refusal={refused === undefined ? undefined : { title: t('qms.approve.refusedTitle'), text: refused }}
      onReload={() => {
        approve.reset();
        onReload();
        onClose();
      }}
      focusPassword
      afterPassword={
        <Textarea
          label={t('qms.approve.comment')}
          autosize
          minRows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          data-testid="qms-approve-comment"
        />
      }
      onSign={sign}
      onClose={onClose}
    >
      <Text fz="sm" fw={600}>
        {t('qms.approve.what', { title, number: version.number, name: version.submittedBy ?? version.updatedBy, date: formatDateTime(version.submittedAt ?? version.updatedAt, i18n.language) })}
      </Text>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('qms.approve.fourEyesTitle')}>
        <Text fz="sm">{t('qms.approve.fourEyesText')}</Text>
      </Alert>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('qms.approve.bindsTitle')}>
        <Text fz="sm">{t('qms.approve.bindsText', { number: version.number })}</Text>
      </Alert>
    </SignatureDialog>
  );
}
