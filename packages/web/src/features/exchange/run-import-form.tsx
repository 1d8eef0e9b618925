import { useState } from 'react';
import { NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabPlanDetail, LabRunDetail } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useLabEnvironments } from '../lab/lab-queries';
import { RunErrorAlert, fromLocalInput } from '../lab/run-form';
import { ItemsChoice, MethodSelect, methodsOf, useCandidates } from '../lab/run-manual-drawer';
import { useImportRun } from '../lab/run-queries';
import { FileImportForm } from './file-import-form';

/** The file formats of other tools a run can be imported from (Konform's own JSON goes through the API). */
const FORMATS = [
  { format: 'junit', accept: '.xml,application/xml,text/xml', xml: true },
  { format: 'lm-eval', accept: '.json,application/json', xml: false },
  { format: 'inspect', accept: '.json,application/json', xml: false },
] as const;
type ImportFormat = (typeof FORMATS)[number]['format'];

/**
 * Records a run from a results file against a fixed plan: JUnit XML, lm-evaluation-harness results or an Inspect log
 * (JSON). The file carries the metrics (and usually the period); method, environment and items are chosen here.
 */
export function RunImportForm({ plan, onClose, onSaved }: { plan: LabPlanDetail; onClose: () => void; onSaved?: ((run: LabRunDetail) => void) | undefined }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<ImportFormat>('inspect');
  const [methodId, setMethodId] = useState(methodsOf(plan)[0]?.id ?? '');
  const [environmentId, setEnvironmentId] = useState('');
  const [items, setItems] = useState<string[]>([]);
  const [startedAt, setStartedAt] = useState('');
  const [endedAt, setEndedAt] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const candidates = useCandidates(plan);
  const environments = useLabEnvironments({ limit: 500 });
  const mutation = useImportRun();
  const server = fieldErrorsOf(mutation.error);
  const errorOf = (field: string) => local[field] ?? server[field];
  const spec = FORMATS.find((f) => f.format === format)!;

  const submit = (file: File) => {
    const chosen = candidates.filter((c) => items.includes(c.key));
    const missing: Record<string, string> = {};
    if (environmentId === '') missing.environmentId = t('common.required');
    if (chosen.length === 0) missing.items = t('common.required');
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    const query = new URLSearchParams({ format, planId: plan.id, methodId, environmentId });
    for (const c of chosen) query.append('item', `${c.type}:${c.versionId}:${c.manifestDigest}`);
    const from = fromLocalInput(startedAt);
    const to = fromLocalInput(endedAt);
    if (from !== null) query.set('startedAt', from);
    if (to !== null) query.set('endedAt', to);
    mutation.mutate({ query, file, xml: spec.xml }, {
      onSuccess: (run) => {
        notifications.show({ color: 'teal', message: t('labRuns.manual.done', { number: run.number }) });
        onSaved?.(run);
        onClose();
      },
    });
  };

  return (
    <Stack gap="md" data-testid="lab-run-import">
      <Text fz="sm" c="dimmed">{t('exchange.runImport.intro')}</Text>
      <NativeSelect
        label={t('exchange.runImport.format')}
        required
        value={format}
        data={FORMATS.map((f) => ({ value: f.format, label: t(`exchange.runImport.formats.${f.format}`) }))}
        onChange={(e) => setFormat(e.currentTarget.value as ImportFormat)}
        data-testid="lab-run-import-format"
      />
      <MethodSelect plan={plan} value={methodId} error={server.methodId} onChange={setMethodId} testId="lab-run-import-method" />
      <NativeSelect
        label={t('labRuns.manual.environment')}
        required
        value={environmentId}
        data={[{ value: '', label: t('lab.common.choose') }, ...(environments.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} – ${t(`lab.environments.status.${e.status}`)}` }))]}
        error={errorOf('environmentId')}
        onChange={(e) => setEnvironmentId(e.currentTarget.value)}
        data-testid="lab-run-import-environment"
      />
      <ItemsChoice candidates={candidates} value={items} onChange={setItems} error={errorOf('items') ?? server.item} testId="lab-run-import-item" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" label={t('labRuns.manual.startedAt')} description={t('exchange.runImport.periodHint')} value={startedAt} error={server.startedAt} onChange={(e) => setStartedAt(e.currentTarget.value)} />
        <TextInput type="datetime-local" label={t('labRuns.manual.endedAt')} description={t('exchange.runImport.periodHint')} value={endedAt} error={server.endedAt} onChange={(e) => setEndedAt(e.currentTarget.value)} />
      </SimpleGrid>
      <FileImportForm key={format} accept={spec.accept} hint={t(`exchange.runImport.hints.${format}`)} submitLabel={t('exchange.runImport.submit')} pending={mutation.isPending} onSubmit={submit} testId="lab-run-import-form" />
      <RunErrorAlert error={mutation.error} />
    </Stack>
  );
}
