import { useState } from 'react';
import { Alert, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DocumentVersion, SignerCredentials } from '@konform/core';
import { isApiError } from '../../api/client';
import { SignatureDialog } from '../../shared/signature-dialog';
import { useSignVersion } from './document-queries';

/** The review (`reviewed`) or release (`released`) signature of a version in review; four eyes as the server enforces. */
export function SignVersionDialog({ documentId, step, version, onClose }: { documentId: string; step: 'review' | 'release'; version: DocumentVersion; onClose: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const sign = useSignVersion(documentId, version.number, step);
  const code = isApiError(sign.error) ? sign.error.code : undefined;
  const refused =
    code === 'four-eyes' ? t('documents.sign.fourEyes')
      : code === 'reauth-required' ? t('documents.sign.reauth')
        : code === 'not-reviewed' ? t('documents.sign.notReviewed')
          : isApiError(sign.error) && sign.error.status === 403 ? t('documents.sign.forbidden')
            : undefined;
  const onSign = (credentials: SignerCredentials, failed: () => void) => {
    const trimmed = comment.trim();
    sign.mutate({ version: version.version, ...credentials, ...(trimmed === '' ? {} : { comment: trimmed }) }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(`documents.sign.${step}Done`, { number: version.number }) });
        onClose();
      },
      onError: failed,
    });
  };
  return (
    <SignatureDialog
      texts={{
        title: t(`documents.sign.${step}Title`, { number: version.number }),
        password: t('documents.sign.password'),
        passwordHint: t('documents.sign.passwordHint'),
        wrongPassword: t('documents.sign.wrongPassword'),
        passwordMissing: t('documents.sign.passwordMissing'),
        submit: t(`documents.sign.${step}Submit`),
      }}
      testId={`documents-${step}`}
      error={sign.error}
      pending={sign.isPending}
      refusal={refused === undefined ? undefined : { title: t('documents.sign.refusedTitle'), text: refused }}
      focusPassword
      afterPassword={<Textarea label={t('documents.sign.comment')} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />}
      onSign={onSign}
      onClose={onClose}
    >
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('documents.sign.fourEyesTitle')}>
        <Text fz="sm">{t(`documents.sign.${step}Text`)}</Text>
      </Alert>
    </SignatureDialog>
  );
}
