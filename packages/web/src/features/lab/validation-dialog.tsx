import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { officeToday, type LabMethodDetail, type LabValidationResult } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useValidateLabMethod } from './lab-queries';

/** Records a validation of the method's current harness version: result, day, report. */
export function ValidationDialog({ method, onClose }: { method: LabMethodDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useValidateLabMethod(method.id);
  const [result, setResult] = useState<LabValidationResult>('passed');
  const [validatedOn, setValidatedOn] = useState(officeToday());
  const [report, setReport] = useState('');
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { result, validatedOn, report: report.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('lab.validations.done') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('lab.validations.dialogTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="lab-validation-form">
        <Stack gap="md">
          <Text fz="sm">{t('lab.validations.forVersion', { version: method.harnessVersion })}</Text>
          <Radio.Group label={t('lab.validations.result')} required value={result} onChange={(v) => setResult(v as LabValidationResult)}>
            <Group mt={6}>
              <Radio value="passed" label={t('lab.common.passed')} data-testid="lab-validation-passed" data-autofocus />
              <Radio value="failed" label={t('lab.common.failed')} data-testid="lab-validation-failed" />
            </Group>
          </Radio.Group>
          <TextInput type="date" label={t('lab.validations.validatedOn')} required value={validatedOn} max={officeToday()} error={server.validatedOn} aria-invalid={server.validatedOn !== undefined} onChange={(e) => setValidatedOn(e.currentTarget.value)} />
          <Textarea label={t('lab.validations.report')} description={t('lab.validations.reportHint')} autosize minRows={4} maxLength={20000} value={report} onChange={(e) => setReport(e.currentTarget.value)} data-testid="lab-validation-report" />
          <ErrorAlert error={Object.keys(server).length > 0 ? null : mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="lab-validation-submit">
              {t('lab.validations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
