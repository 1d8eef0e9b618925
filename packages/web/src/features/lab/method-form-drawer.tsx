import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LAB_HARNESSES, type LabHarness, type LabMethodConfiguration, type LabMethodDetail, type LabMethodUpdate } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useSaveLabMethod } from './lab-queries';

interface MetricRow {
  name: string;
  unit: string;
  higherIsBetter: boolean;
}

/** `key = value` lines → decoding parameters: numbers and true/false as such, anything else as text. */
export function parseDecoding(text: string): { value: Record<string, string | number | boolean>; badLine: number | null } {
  const value: Record<string, string | number | boolean> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) return { value, badLine: i + 1 };
    const key = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    value[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return { value, badLine: null };
}

export function formatDecoding(decoding: Record<string, string | number | boolean>): string {
  return Object.entries(decoding).map(([k, v]) => `${k} = ${String(v)}`).join('\n');
}

interface Props {
  method?: LabMethodDetail;
  onClose: () => void;
  onSaved?: (method: LabMethodDetail) => void;
  onReload?: () => void;
}

/** A method's data: name, unit, harness and version, task, metrics, decoding parameters, description. */
export function MethodFormDrawer({ method, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { options: unitOptions } = useUnitOptions();
  const mutation = useSaveLabMethod(method?.id ?? null);
  const [name, setName] = useState(method?.name ?? '');
  const [orgUnitId, setOrgUnitId] = useState(method?.orgUnitId ?? '');
  const [harness, setHarness] = useState<LabHarness>(method?.harness ?? 'lm-evaluation-harness');
  const [harnessVersion, setHarnessVersion] = useState(method?.harnessVersion ?? '');
  const [task, setTask] = useState(method?.configuration.task ?? '');
  const [metrics, setMetrics] = useState<MetricRow[]>(method?.configuration.metrics.map((m) => ({ name: m.name, unit: m.unit, higherIsBetter: m.higherIsBetter })) ?? [{ name: '', unit: '', higherIsBetter: true }]);
  const [decoding, setDecoding] = useState(formatDecoding(method?.configuration.decoding ?? {}));
  const [description, setDescription] = useState(method?.description ?? '');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (Object.keys(missing).length > 0 ? missing : null));
  const errorOf = (field: string) => missing[field] ?? server[field];
  const setMetric = (index: number, change: Partial<MetricRow>) => setMetrics((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDecoding(decoding);
    const local: Record<string, string> = {};
    if (name.trim() === '') local.name = t('common.required');
    if (orgUnitId === '') local.orgUnitId = t('common.required');
    if (harnessVersion.trim() === '') local.harnessVersion = t('common.required');
    if (task.trim() === '') local['configuration.task'] = t('common.required');
    if (metrics.every((m) => m.name.trim() === '')) local['configuration.metrics'] = t('lab.methods.form.metricsRequired');
    if (parsed.badLine !== null) local['configuration.decoding'] = t('lab.methods.form.decodingLine', { line: parsed.badLine });
    setMissing(local);
    if (Object.keys(local).length > 0) return;
    const configuration: LabMethodConfiguration = {
      task: task.trim(),
      prompts: method?.configuration.prompts ?? [],
      decoding: parsed.value,
      metrics: metrics.filter((m) => m.name.trim() !== '').map((m) => ({ name: m.name.trim(), unit: m.unit.trim(), higherIsBetter: m.higherIsBetter, description: method?.configuration.metrics.find((x) => x.name === m.name.trim())?.description ?? '' })),
    };
    const done = (saved: LabMethodDetail) => {
      notifications.show({ color: 'teal', message: t('lab.methods.form.saved', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    };
    if (method === undefined) {
      mutation.mutate({ orgUnitId, name: name.trim(), harness, harnessVersion: harnessVersion.trim(), configuration, description: description.trim() }, { onSuccess: done });
      return;
    }
    const payload: LabMethodUpdate = {
      version: method.version,
      ...(orgUnitId !== method.orgUnitId ? { orgUnitId } : {}),
      ...(name.trim() !== method.name ? { name: name.trim() } : {}),
      ...(harness !== method.harness ? { harness } : {}),
      ...(harnessVersion.trim() !== method.harnessVersion ? { harnessVersion: harnessVersion.trim() } : {}),
      ...(JSON.stringify(configuration) !== JSON.stringify(method.configuration) ? { configuration } : {}),
      ...(description.trim() !== method.description ? { description: description.trim() } : {}),
      ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
    };
    mutation.mutate(payload, { onSuccess: done });
  };

  return (
    <FormDrawer size="xl" title={method === undefined ? t('lab.methods.form.createTitle') : t('lab.methods.form.editTitle')} onClose={onClose} onSubmit={submit} testId="lab-method-form">
      <TextInput label={t('lab.methods.fields.name')} required maxLength={300} data-autofocus value={name} error={errorOf('name')} aria-invalid={errorOf('name') !== undefined} onChange={(e) => setName(e.currentTarget.value)} data-testid="lab-method-name" />
      <NativeSelect
        label={t('lab.common.unit')}
        description={t('lab.common.unitHint')}
        required
        value={orgUnitId}
        data={[...(method === undefined ? [{ value: '', label: t('lab.common.choose') }] : []), ...unitOptions]}
        error={errorOf('orgUnitId')}
        aria-invalid={errorOf('orgUnitId') !== undefined}
        onChange={(e) => setOrgUnitId(e.currentTarget.value)}
        data-testid="lab-method-unit"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={t('lab.methods.fields.harness')} value={harness} data={LAB_HARNESSES.map((h) => ({ value: h, label: t(`lab.harness.${h}`) }))} onChange={(e) => setHarness(e.currentTarget.value as LabHarness)} data-testid="lab-method-harness" />
        <TextInput
          label={t('lab.methods.fields.harnessVersion')}
          description={t('lab.methods.form.harnessVersionHint')}
          required
          maxLength={200}
          value={harnessVersion}
          error={errorOf('harnessVersion')}
          aria-invalid={errorOf('harnessVersion') !== undefined}
          onChange={(e) => setHarnessVersion(e.currentTarget.value)}
          data-testid="lab-method-version"
        />
      </SimpleGrid>
      <TextInput
        label={t('lab.methods.fields.task')}
        required
        maxLength={300}
        value={task}
        error={errorOf('configuration.task')}
        aria-invalid={errorOf('configuration.task') !== undefined}
        onChange={(e) => setTask(e.currentTarget.value)}
        data-testid="lab-method-task"
      />
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Title order={3} fz="sm" component="legend">
          {t('lab.methods.fields.metrics')}
        </Title>
        <Text fz="xs" c="dimmed">
          {t('lab.methods.form.metricsHint')}
        </Text>
        {metrics.map((m, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput label={t('lab.methods.fields.metricName')} value={m.name} maxLength={200} onChange={(e) => setMetric(i, { name: e.currentTarget.value })} style={{ flex: 2 }} data-testid={`lab-method-metric-name-${i}`} />
            <TextInput label={t('lab.methods.fields.metricUnit')} value={m.unit} maxLength={50} onChange={(e) => setMetric(i, { unit: e.currentTarget.value })} style={{ flex: 1 }} />
            <Checkbox label={t('lab.methods.fields.higherIsBetter')} checked={m.higherIsBetter} onChange={(e) => setMetric(i, { higherIsBetter: e.currentTarget.checked })} mb={8} />
            <ActionIcon variant="subtle" color="red" c="red.9" size="lg" mb={2} aria-label={t('lab.methods.form.removeMetric', { name: m.name || i + 1 })} onClick={() => setMetrics((rows) => rows.filter((_, j) => j !== i))} disabled={metrics.length === 1}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {errorOf('configuration.metrics') !== undefined ? (
          <Text fz="sm" c="red.9" role="alert">
            {errorOf('configuration.metrics')}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setMetrics((rows) => [...rows, { name: '', unit: '', higherIsBetter: true }])}>
            {t('lab.methods.form.addMetric')}
          </Button>
        </Group>
      </Stack>
      <Textarea
        label={t('lab.methods.fields.decoding')}
        description={t('lab.methods.form.decodingHint')}
        autosize
        minRows={3}
        ff="monospace"
        value={decoding}
        error={errorOf('configuration.decoding')}
        aria-invalid={errorOf('configuration.decoding') !== undefined}
        onChange={(e) => setDecoding(e.currentTarget.value)}
        data-testid="lab-method-decoding"
      />
      <Textarea label={t('lab.methods.fields.description')} autosize minRows={3} maxLength={10000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      {method !== undefined ? (
        <Textarea label={t('lab.common.reason')} autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="lab-method-reason" />
      ) : null}
      <ErrorAlert
        error={Object.keys(server).length > 0 ? null : mutation.error}
        onReload={onReload === undefined ? undefined : () => { mutation.reset(); onReload(); onClose(); }}
      />
      <FormActions onCancel={onClose} submitLabel={t('common.save')} submitTestId="lab-method-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}
