import { useState, type FormEvent } from 'react';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabRunDetail } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { FormActions } from '../../shared/form-actions';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { RunErrorAlert, RunFrameFields, toLocalInput, useRunFrame } from './run-form';
import { useAmendRun } from './run-queries';
import { newRow } from './run-results-editor';

const REASON_MIN = 10;

/**
 * Records an amendment: the corrected run in full (prefilled with the run's values) and the reason. The run itself
 * stays as it is and is marked as amended.
 */
export function RunAmendmentDialog({ run, onClose, onDone }: { run: LabRunDetail; onClose: () => void; onDone: (amendment: LabRunDetail) => void }) {
  const { t, i18n } = useTranslation();
  // Every digit the run holds (a correction must not round), with the decimal comma in German.
  const typed = (n: number | null) => (n === null ? '' : i18n.language.startsWith('de') ? String(n).replace('.', ',') : String(n));
  const frame = useRunFrame({
    environmentId: run.environmentId, startedAt: toLocalInput(run.startedAt), endedAt: toLocalInput(run.endedAt), seed: run.seed ?? '', deviations: run.deviations, notes: run.notes,
    // One row per metric the plan's cases ask for (an imported `arc_easy/acc` is named `acc` if the case says so); cases
    // sharing a metric share the row.
    rows: [...new Map(run.results.map((r) => [r.caseMetric, r])).values()].map((r) => newRow({ metric: r.caseMetric, value: typed(r.value), ciLower: typed(r.ciLower), ciUpper: typed(r.ciUpper), stdError: typed(r.stdError), sampleSize: r.sampleSize === null ? '' : String(r.sampleSize), unit: r.unit })),
  });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const mutation = useAmendRun(run.id);
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (reasonError !== undefined || Object.keys(frame.local).length > 0 ? frame.local : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = frame.build({ required: t('common.required'), number: t('labRuns.editor.number'), noResult: t('labRuns.editor.required'), endBeforeStart: t('labRuns.editor.endBeforeStart') });
    const shortReason = reason.trim().length < REASON_MIN;
    setReasonError(shortReason ? t('labRuns.amend.reasonShort') : undefined);
    if (built === null || shortReason) return;
    mutation.mutate(
      { ...built, methodId: run.methodId, items: run.items.map(({ type, versionId, manifestDigest }) => ({ type, versionId, manifestDigest })), reason: reason.trim() },
      {
        onSuccess: (amendment) => {
          notifications.show({ color: 'teal', message: t('labRuns.amend.done', { number: amendment.number }) });
          onDone(amendment);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('labRuns.amend.title', { number: run.number })} size="xl" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="lab-run-amend-form">
        <Stack gap="md">
          <Text fz="sm">{t('labRuns.amend.intro', { number: run.number })}</Text>
          <Textarea
            label={t('labRuns.amend.reason')}
            description={t('labRuns.amend.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            error={reasonError ?? server.reason}
            aria-invalid={(reasonError ?? server.reason) !== undefined}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="lab-run-amend-reason"
          />
          <RunFrameFields frame={frame} server={server} editableMetrics testId="lab-run-amend" />
          <RunErrorAlert error={mutation.error} />
          <FormActions onCancel={onClose} submitLabel={t('labRuns.amend.submit')} submitTestId="lab-run-amend-submit" pending={mutation.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
