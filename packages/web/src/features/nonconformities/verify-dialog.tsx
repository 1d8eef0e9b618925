import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Nonconformity } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useVerifyNonconformity } from './nonconformity-queries';

/**
 * The verification of effectiveness (ISO/IEC 42001 10.2 d), by someone other than the implementer: effective or not,
 * with a note. Not effective sends the non-conformity back to the planning of actions.
 */
export function VerifyDialog({ nc, onClose, onReload }: { nc: Nonconformity; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyNonconformity(nc.id);
  const [effective, setEffective] = useState<'yes' | 'no' | ''>('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<{ effective?: string; note?: string }>({});
  const server = fieldErrorsOf(verify.error);
  const fourEyes = isApiError(verify.error) && verify.error.code === 'four-eyes';
  const effectiveError = local.effective ?? server.effective;
  const noteError = local.note ?? server.note;
  useFocusFirstError(verify.error ?? (Object.keys(local).length > 0 ? local : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = {
      ...(effective === '' ? { effective: t('capa.verify.effectiveMissing') } : {}),
      ...(note.trim() === '' ? { note: t('common.required') } : {}),
    };
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    verify.mutate(
      { version: nc.version, effective: effective === 'yes', note: note.trim() },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: saved.status === 'verified' ? t('capa.verify.doneEffective') : t('capa.verify.doneIneffective') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('capa.verify.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="capa-verify-form">
        <Stack gap="md">
          <Text fz="sm">{t('capa.verify.intro')}</Text>
          <Radio.Group
            label={t('capa.verify.effective')}
            required
            value={effective}
            onChange={(v) => setEffective(v as 'yes' | 'no')}
            error={effectiveError}
          >
            <Stack gap={6} mt={6}>
              <Radio value="yes" label={t('capa.verify.effectiveYes')} data-autofocus aria-invalid={effectiveError !== undefined} />
              <Radio value="no" label={t('capa.verify.effectiveNo')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('capa.verify.note')}
            description={t('capa.verify.noteHint')}
            required
            autosize
            minRows={3}
            maxLength={5000}
            value={note}
            error={noteError}
            aria-invalid={noteError !== undefined}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {fourEyes ? (
            <Alert color="red" variant="light" role="alert" title={t('capa.fourEyes.title')}>
              <Text fz="sm">{t('capa.fourEyes.refused')}</Text>
            </Alert>
          ) : Object.keys(server).length > 0 ? null : (
            <ErrorAlert error={verify.error} onReload={onReload} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={verify.isPending} data-testid="capa-verify-submit">
              {t('capa.verify.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
