import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { defaultVerificationValidUntil, officeToday, verificationPassed, type LabEnvironmentDetail } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useVerifyEnvironment } from './lab-queries';

const asNumber = (v: string | number): number | null => (v === '' ? null : typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : null);

/** Records a reference run; shows the verdict the server will compute (|measured − expected| ≤ tolerance) while typing. */
export function VerificationDialog({ environment, onClose }: { environment: LabEnvironmentDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const mutation = useVerifyEnvironment(environment.id);
  const [referenceRun, setReferenceRun] = useState('');
  const [metric, setMetric] = useState('');
  const [expected, setExpected] = useState<string | number>('');
  const [measured, setMeasured] = useState<string | number>('');
  const [tolerance, setTolerance] = useState<string | number>('');
  const [verifiedOn, setVerifiedOn] = useState(officeToday());
  const [validUntil, setValidUntil] = useState('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (Object.keys(local).length > 0 ? local : null));
  const errorOf = (field: string) => local[field] ?? server[field];
  const e = asNumber(expected);
  const m = asNumber(measured);
  const tol = asNumber(tolerance);
  const verdict = e !== null && m !== null && tol !== null && tol >= 0 ? verificationPassed(e, m, tol) : null;
  const defaultUntil = /^\d{4}-\d{2}-\d{2}$/.test(verifiedOn) ? defaultVerificationValidUntil(verifiedOn, environment.verificationValidityMonths) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (referenceRun.trim() === '') errors.referenceRun = t('common.required');
    if (e === null) errors.expectedValue = t('common.required');
    if (m === null) errors.measuredValue = t('common.required');
    if (tol === null || tol < 0) errors.tolerance = t('lab.verifications.toleranceInvalid');
    setLocal(errors);
    if (Object.keys(errors).length > 0 || e === null || m === null || tol === null) return;
    mutation.mutate(
      { referenceRun: referenceRun.trim(), metric: metric.trim(), expectedValue: e, measuredValue: m, tolerance: tol, verifiedOn, ...(validUntil !== '' ? { validUntil } : {}), notes: notes.trim() },
      {
        onSuccess: (v) => {
          notifications.show({ color: v.passed ? 'teal' : 'red', message: t(v.passed ? 'lab.verifications.donePassed' : 'lab.verifications.doneFailed') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('lab.verifications.dialogTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="lab-verification-form">
        <Stack gap="md">
          <Text fz="sm">{t('lab.verifications.dialogIntro')}</Text>
          <SimpleGrid cols={2}>
            <TextInput label={t('lab.verifications.referenceRun')} description={t('lab.verifications.referenceRunHint')} required data-autofocus maxLength={300} value={referenceRun} error={errorOf('referenceRun')} aria-invalid={errorOf('referenceRun') !== undefined} onChange={(ev) => setReferenceRun(ev.currentTarget.value)} data-testid="lab-verification-run" />
            <TextInput label={t('lab.verifications.metric')} maxLength={200} value={metric} onChange={(ev) => setMetric(ev.currentTarget.value)} />
            <NumberInput label={t('lab.verifications.expected')} required decimalScale={10} value={expected} error={errorOf('expectedValue')} aria-invalid={errorOf('expectedValue') !== undefined} onChange={setExpected} data-testid="lab-verification-expected" />
            <NumberInput label={t('lab.verifications.measured')} required decimalScale={10} value={measured} error={errorOf('measuredValue')} aria-invalid={errorOf('measuredValue') !== undefined} onChange={setMeasured} data-testid="lab-verification-measured" />
            <NumberInput label={t('lab.verifications.tolerance')} required min={0} decimalScale={10} value={tolerance} error={errorOf('tolerance')} aria-invalid={errorOf('tolerance') !== undefined} onChange={setTolerance} data-testid="lab-verification-tolerance" />
            <TextInput type="date" label={t('lab.verifications.verifiedOn')} required max={officeToday()} value={verifiedOn} error={errorOf('verifiedOn')} aria-invalid={errorOf('verifiedOn') !== undefined} onChange={(ev) => setVerifiedOn(ev.currentTarget.value)} />
            <TextInput
              type="date"
              label={t('lab.verifications.validUntil')}
              description={defaultUntil === null ? undefined : t('lab.verifications.validUntilHint', { date: formatDate(defaultUntil, i18n.language), months: environment.verificationValidityMonths })}
              min={verifiedOn}
              value={validUntil}
              error={errorOf('validUntil')}
              aria-invalid={errorOf('validUntil') !== undefined}
              onChange={(ev) => setValidUntil(ev.currentTarget.value)}
            />
          </SimpleGrid>
          <div aria-live="polite" data-testid="lab-verification-verdict">
            {verdict === null ? (
              <Text fz="sm" c="dimmed">
                {t('lab.verifications.verdictPending')}
              </Text>
            ) : (
              <Alert color={verdict ? 'teal' : 'red'} variant="light" icon={verdict ? <IconCircleCheck size={18} aria-hidden /> : <IconCircleX size={18} aria-hidden />} data-verdict={verdict ? 'passed' : 'failed'}>
                <Text fz="sm" fw={600} c="dark.9">
                  {t(verdict ? 'lab.verifications.verdictPassed' : 'lab.verifications.verdictFailed', { deviation: Math.abs((m ?? 0) - (e ?? 0)).toLocaleString(i18n.language, { maximumSignificantDigits: 6 }), tolerance: (tol ?? 0).toLocaleString(i18n.language, { maximumSignificantDigits: 6 }) })}
                </Text>
              </Alert>
            )}
          </div>
          <Textarea label={t('lab.verifications.notes')} autosize minRows={2} maxLength={10000} value={notes} onChange={(ev) => setNotes(ev.currentTarget.value)} />
          <ErrorAlert error={Object.keys(server).length > 0 ? null : mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="lab-verification-submit">
              {t('lab.verifications.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
