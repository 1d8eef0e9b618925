import { useState } from 'react';
import { Alert, Group, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SignerCredentials } from '@konform/core';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { SignatureDialog } from '../../shared/signature-dialog';
import { RiskClassBadge } from './classification-badges';
import { useApproveClassification } from './classification-queries';
import type { ClassificationRevision } from './classification-types';

interface Props {
  systemId: string;
  revision: ClassificationRevision;
  onClose: () => void;
}

/** Approval as a signature: the approver re-enters the password; a second person must approve (four eyes). */
export function ApproveDialog({ systemId, revision, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  const approve = useApproveClassification(systemId);
  const error = approve.error;
  const fourEyes = isApiError(error) && error.code === 'four-eyes';

  const sign = (credentials: SignerCredentials, failed: () => void) => {
    const trimmed = comment.trim();
    approve.mutate(
      { revision: revision.number, ...credentials, ...(trimmed === '' ? {} : { comment: trimmed }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('classification.approve.done', { number: revision.number }) });
          onClose();
        },
        onError: failed,
      },
    );
  };

  return (
    <SignatureDialog
      texts={{
        title: t('classification.approve.title'),
        password: t('classification.approve.password'),
        passwordHint: t('classification.approve.passwordHint'),
        wrongPassword: t('classification.approve.wrongPassword'),
        submit: t('classification.approve.submit'),
      }}
      error={error}
      pending={approve.isPending}
      refusal={fourEyes ? { title: t('classification.approve.fourEyesRefusedTitle'), text: t('classification.approve.fourEyesRefused') } : undefined}
      focusPassword
      onSign={sign}
      onClose={onClose}
      afterPassword={
        <Textarea
          label={t('classification.approve.comment')}
          value={comment}
          maxLength={1000}
          autosize
          minRows={2}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      }
    >
      <Group gap="sm">
        <Text fz="sm">{t('classification.approve.revision', { number: revision.number })}</Text>
        <RiskClassBadge riskClass={revision.result.riskClass} />
      </Group>
      <Text fz="sm">
        {t('classification.approve.decided', { name: revision.decidedBy.label, date: formatDateTime(revision.decidedAt, i18n.language) })}
      </Text>
      <Alert color="petrol" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} title={t('classification.approve.fourEyesTitle')}>
        <Text fz="sm">{t('classification.approve.fourEyesText')}</Text>
      </Alert>
    </SignatureDialog>
  );
}
