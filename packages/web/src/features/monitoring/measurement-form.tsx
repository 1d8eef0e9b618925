import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MonitoringPlan } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useRecordMeasurement } from './monitoring-queries';
import { conditionText } from './display';

/** `YYYY-MM-DDTHH:mm` of now in the browser's time zone, for a datetime-local field. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Records one value of an indicator of the active plan by hand; the answer says whether it breached the threshold. */
export function MeasurementForm({ plan }: { plan: MonitoringPlan }) {
  const { t, i18n } = useTranslation();
  const record = useRecordMeasurement(plan.id);
  const [indicatorId, setIndicatorId] = useState<string | null>(plan.indicators[0]?.id ?? null);
  const [value, setValue] = useState<number | string>('');
  const [at, setAt] = useState(localNow);
  const [note, setNote] = useState('');
  const errors = fieldErrorsOf(record.error);
  const indicator = plan.indicators.find((i) => i.id === indicatorId);

  const submit = () => {
    if (!indicatorId || at === '') return;
    record.mutate({ indicatorId, value: typeof value === 'number' ? value : Number.NaN, measuredAt: new Date(at).toISOString(), note }, {
      onSuccess: (m) => {
        notifications.show({ color: m.breached ? 'red' : 'teal', message: t(m.incidentId ? 'monitoring.measure.breachedIncident' : m.breached ? 'monitoring.measure.breached' : 'monitoring.measure.recorded') });
        setValue('');
        setNote('');
      },
    });
  };

  return (
    <Paper withBorder p="md" data-testid="monitoring-measurement-form">
      <Stack gap="sm">
        <Title order={3}>{t('monitoring.measure.title')}</Title>
        <Group align="flex-start" grow>
          <Select label={t('monitoring.measure.indicator')} data={plan.indicators.map((i) => ({ value: i.id, label: `${i.name} (${conditionText(i, i18n.language)})` }))} value={indicatorId} allowDeselect={false} error={errors.indicatorId} onChange={setIndicatorId} data-testid="measurement-indicator" />
          <NumberInput label={t('monitoring.measure.value')} description={indicator?.unit || undefined} value={value} decimalScale={6} decimalSeparator={t('monitoring.decimalSeparator')} error={errors.value} onChange={setValue} data-testid="measurement-value" />
          <TextInput type="datetime-local" label={t('monitoring.measure.at')} value={at} error={errors.measuredAt} onChange={(e) => setAt(e.currentTarget.value)} data-testid="measurement-at" />
        </Group>
        <TextInput label={t('monitoring.measure.note')} value={note} maxLength={2000} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="measurement-note" />
        <Group justify="flex-end">
          <Button onClick={submit} loading={record.isPending} disabled={!indicatorId || value === ''} data-testid="measurement-save">{t('monitoring.measure.save')}</Button>
        </Group>
        {record.error && Object.keys(errors).length === 0 ? <ErrorAlert error={record.error} /> : null}
      </Stack>
    </Paper>
  );
}
