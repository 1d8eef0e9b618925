import { useState } from 'react';
import { Alert, List, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabRunResultInput } from '@konform/core';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../shared/error-message';
import { useLabEnvironments } from './lab-queries';
import { ResultsEditor, rowsToResults, serverRowErrors, type ResultRow, type RowErrors } from './run-results-editor';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a `datetime-local` input (the browser's time zone). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a `datetime-local` input as an ISO instant, or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return value === '' || Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface RunFrameValues {
  environmentId: string;
  startedAt: string;
  endedAt: string;
  seed: string;
  deviations: string;
  notes: string;
  rows: ResultRow[];
}

/** The parts of a run a person types in both the manual entry and an amendment: environment, period, seed, results, notes. */
export function useRunFrame(initial: RunFrameValues) {
  const [values, setValues] = useState<RunFrameValues>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [rowOf, setRowOf] = useState<string[]>([]);
  return {
    values,
    set: (patch: Partial<RunFrameValues>) => setValues((v) => ({ ...v, ...patch })),
    local,
    rowOf,
    /** Checks what the browser can, and returns the frame in Konform's format (without plan, method and items), or null. */
    build(messages: { required: string; number: string; noResult: string; endBeforeStart: string }): null | {
      environmentId: string; startedAt: string; endedAt: string; seed: string | null; deviations: string; notes: string; results: LabRunResultInput[];
    } {
      const errors: Record<string, string> = {};
      const startedAt = fromLocalInput(values.startedAt);
      const endedAt = fromLocalInput(values.endedAt);
      if (values.environmentId === '') errors.environmentId = messages.required;
      if (startedAt === null) errors.startedAt = messages.required;
      if (endedAt === null) errors.endedAt = messages.required;
      if (startedAt !== null && endedAt !== null && endedAt < startedAt) errors.endedAt = messages.endBeforeStart;
      const { results, rowOf: sent, errors: rowErrors } = rowsToResults(values.rows, messages.number);
      if (results.length === 0 && Object.keys(rowErrors).length === 0) errors.results = messages.noResult;
      setLocal({ ...errors, ...rowErrors });
      setRowOf(sent);
      if (Object.keys(errors).length > 0 || Object.keys(rowErrors).length > 0) return null;
      return { environmentId: values.environmentId, startedAt: startedAt!, endedAt: endedAt!, seed: values.seed.trim() === '' ? null : values.seed.trim(), deviations: values.deviations.trim(), notes: values.notes.trim(), results };
    },
  };
}

export type RunFrame = ReturnType<typeof useRunFrame>;

/** The fields of a run frame; `server` holds the server's field errors by dotted path. */
export function RunFrameFields({ frame, server, editableMetrics, testId }: { frame: RunFrame; server: Record<string, string>; editableMetrics: boolean; testId: string }) {
  const { t } = useTranslation();
  const environments = useLabEnvironments({ limit: 500 });
  const { values, set, local } = frame;
  const errorOf = (field: string) => local[field] ?? server[field];
  const rowErrors: RowErrors = { ...serverRowErrors(server, frame.rowOf), ...local };
  return (
    <>
      <NativeSelect
        label={t('labRuns.manual.environment')}
        required
        value={values.environmentId}
        data={[{ value: '', label: t('lab.common.choose') }, ...(environments.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} – ${t(`lab.environments.status.${e.status}`)}` }))]}
        error={errorOf('environmentId')}
        aria-invalid={errorOf('environmentId') !== undefined}
        onChange={(e) => set({ environmentId: e.currentTarget.value })}
        data-testid={`${testId}-environment`}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput type="datetime-local" label={t('labRuns.manual.startedAt')} required value={values.startedAt} error={errorOf('startedAt')} aria-invalid={errorOf('startedAt') !== undefined} onChange={(e) => set({ startedAt: e.currentTarget.value })} data-testid={`${testId}-started`} />
        <TextInput type="datetime-local" label={t('labRuns.manual.endedAt')} required value={values.endedAt} error={errorOf('endedAt')} aria-invalid={errorOf('endedAt') !== undefined} onChange={(e) => set({ endedAt: e.currentTarget.value })} data-testid={`${testId}-ended`} />
        <TextInput label={t('labRuns.manual.seed')} value={values.seed} maxLength={200} onChange={(e) => set({ seed: e.currentTarget.value })} data-testid={`${testId}-seed`} />
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} fz="md" id={`${testId}-results-title`}>
          {t('labRuns.manual.results')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('labRuns.manual.resultsHint')}
        </Text>
        {errorOf('results') !== undefined ? (
          <Text fz="sm" c="red.9" role="alert">
            {errorOf('results')}
          </Text>
        ) : null}
        <ResultsEditor rows={values.rows} onChange={(rows) => set({ rows })} errors={rowErrors} editable={editableMetrics} testId={`${testId}-results`} />
      </Stack>
      <Textarea label={t('labRuns.fields.deviations')} autosize minRows={2} maxLength={10_000} value={values.deviations} onChange={(e) => set({ deviations: e.currentTarget.value })} />
      <Textarea label={t('labRuns.fields.notes')} autosize minRows={2} maxLength={10_000} value={values.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
    </>
  );
}

const CODES: Record<string, 'notAuthorised' | 'planNotFixed' | 'noMatchingMetric' | 'superseded'> = { 'not-authorised': 'notAuthorised', 'plan-not-fixed': 'planNotFixed', 'no-matching-metric': 'noMatchingMetric', superseded: 'superseded' };

/** A refused run in words: the known reasons translated, and every problem the server named (field or line). */
export function RunErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const code = isApiError(error) ? CODES[error.code ?? ''] : undefined;
  const problems = isApiError(error) ? (error.problem.errors ?? []) : [];
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="lab-run-error">
      <Text fz="sm">{code !== undefined ? t(`labRuns.errors.${code}`) : errorMessage(error, t)}</Text>
      {problems.length > 0 ? (
        <List size="sm" mt={4}>
          {problems.map((p) => (
            <List.Item key={`${p.path}:${p.message}`}>
              <Text span ff="monospace" fz="xs">
                {p.path}
              </Text>
              : {p.message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
