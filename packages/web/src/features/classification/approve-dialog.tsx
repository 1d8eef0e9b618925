import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
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
  const [password, setPassword] = useState('');
  const [comment, setComment] = useState('');
  const approve = useApproveClassification(systemId);
  const error = approve.error;
  const wrongPassword = isApiError(error) && error.status === 400 && (error.problem.errors ?? []).some((e) => e.path === 'password');
  const fourEyes = isApiError(error) && error.code === 'four-eyes';
  useFocusFirstError(error);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = comment.trim();
    approve.mutate(
      { revision: revision.number, password, ...(trimmed === '' ? {} : { comment: trimmed }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('classification.approve.done', { number: revision.number }) });
          onClose();
        },
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('classification.approve.title')} size="lg" centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
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
          <PasswordInput
            label={t('classification.approve.password')}
            description={t('classification.approve.passwordHint')}
            autoComplete="current-password"
            required
            data-autofocus
            value={password}
            error={wrongPassword ? t('classification.approve.wrongPassword') : undefined}
            aria-invalid={wrongPassword}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Textarea
            label={t('classification.approve.comment')}
            value={comment}
            maxLength={1000}
            autosize
            minRows={2}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {fourEyes ? (
            <Alert color="red" variant="light" role="alert" title={t('classification.approve.fourEyesRefusedTitle')}>
              <Text fz="sm">{t('classification.approve.fourEyesRefused')}</Text>
            </Alert>
          ) : wrongPassword ? null : (
            <ErrorAlert error={error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={approve.isPending}>
              {t('classification.approve.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
