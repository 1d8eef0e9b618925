import { useState } from 'react';
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MONITORING_BREACH_ACTIONS, MONITORING_COMPARATORS, MONITORING_FREQUENCIES, comparatorSymbol, type MonitoringIndicatorInput, type MonitoringPlan } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useCreatePlan, useUpdatePlan } from './monitoring-queries';

type Row = Required<Omit<MonitoringIndicatorInput, 'id'>> & { id?: string | undefined; key: string };

const blank = (): Row => ({ key: crypto.randomUUID(), name: '', unit: '', comparator: '>=', threshold: 0, dataSource: '', frequency: 'monthly', responsible: '', onBreach: 'task' });

/** Writes what is observed and the indicators of a new plan (draft) or of an existing one (full list, `id` kept). */
export function PlanEditor({ systemId, plan, onDone }: { systemId: string; plan: MonitoringPlan | null; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePlan(systemId);
  const update = useUpdatePlan(systemId, plan?.id ?? '');
  const mutation = plan ? update : create;
  const [observed, setObserved] = useState(plan?.observed ?? '');
  const [rows, setRows] = useState<Row[]>(() => (plan ? plan.indicators.map((i) => ({ ...i, key: i.id })) : [blank()]));
  const errors = fieldErrorsOf(mutation.error);
  const set = (index: number, patch: Partial<Row>) => setRows((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  const save = () => {
    const indicators = rows.map(({ key: _key, ...r }) => r);
    const done = () => {
      notifications.show({ color: 'teal', message: t('monitoring.editor.saved') });
      onDone();
    };
    if (plan) update.mutate({ version: plan.version, observed, indicators }, { onSuccess: done });
    else create.mutate({ systemId, observed, status: 'draft', indicators }, { onSuccess: done });
  };

  return (
    <Paper withBorder p="md" data-testid="monitoring-plan-editor">
      <Stack gap="sm">
        <Title order={3}>{plan ? t('monitoring.editor.editTitle') : t('monitoring.editor.newTitle')}</Title>
        <Textarea label={t('monitoring.editor.observed')} description={t('monitoring.editor.observedHint')} autosize minRows={2} value={observed} error={errors.observed} onChange={(e) => setObserved(e.currentTarget.value)} data-testid="monitoring-observed" />
        <Text fw={600} fz="sm">{t('monitoring.indicators.title')}</Text>
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.indicators.name')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.comparator')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.threshold')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.unit')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.frequency')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.dataSource')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.responsible')}</Table.Th>
                <Table.Th>{t('monitoring.indicators.onBreach')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, index) => (
                <Table.Tr key={r.key}>
                  <Table.Td><TextInput aria-label={t('monitoring.indicators.name')} value={r.name} error={errors[`indicators.${index}.name`]} onChange={(e) => set(index, { name: e.currentTarget.value })} data-testid={`indicator-name-${index}`} /></Table.Td>
                  <Table.Td w={90}>
                    <Select aria-label={t('monitoring.indicators.comparator')} data={MONITORING_COMPARATORS.map((c) => ({ value: c, label: comparatorSymbol(c) }))} value={r.comparator} allowDeselect={false} onChange={(v) => v && set(index, { comparator: v as Row['comparator'] })} data-testid={`indicator-comparator-${index}`} />
                  </Table.Td>
                  <Table.Td w={110}><NumberInput aria-label={t('monitoring.indicators.threshold')} value={r.threshold} decimalScale={6} decimalSeparator={t('monitoring.decimalSeparator')} error={errors[`indicators.${index}.threshold`]} onChange={(v) => set(index, { threshold: typeof v === 'number' ? v : Number(v) })} data-testid={`indicator-threshold-${index}`} /></Table.Td>
                  <Table.Td w={80}><TextInput aria-label={t('monitoring.indicators.unit')} value={r.unit} onChange={(e) => set(index, { unit: e.currentTarget.value })} /></Table.Td>
                  <Table.Td w={150}>
                    <Select aria-label={t('monitoring.indicators.frequency')} data={MONITORING_FREQUENCIES.map((f) => ({ value: f, label: t(`monitoring.frequencies.${f}`) }))} value={r.frequency} allowDeselect={false} onChange={(v) => v && set(index, { frequency: v as Row['frequency'] })} data-testid={`indicator-frequency-${index}`} />
                  </Table.Td>
                  <Table.Td><TextInput aria-label={t('monitoring.indicators.dataSource')} value={r.dataSource} onChange={(e) => set(index, { dataSource: e.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput aria-label={t('monitoring.indicators.responsible')} value={r.responsible} onChange={(e) => set(index, { responsible: e.currentTarget.value })} /></Table.Td>
                  <Table.Td w={140}>
                    <Select aria-label={t('monitoring.indicators.onBreach')} data={MONITORING_BREACH_ACTIONS.map((a) => ({ value: a, label: t(`monitoring.onBreach.${a}`) }))} value={r.onBreach} allowDeselect={false} onChange={(v) => v && set(index, { onBreach: v as Row['onBreach'] })} />
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon variant="subtle" color="red" aria-label={t('monitoring.indicators.remove')} onClick={() => setRows((list) => list.filter((_, i) => i !== index))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setRows((list) => [...list, blank()])}>{t('monitoring.indicators.add')}</Button>
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>{t('monitoring.editor.cancel')}</Button>
            <Button onClick={save} loading={mutation.isPending} data-testid="monitoring-plan-save">{t('monitoring.editor.save')}</Button>
          </Group>
        </Group>
        {mutation.error && Object.keys(errors).length === 0 ? <ErrorAlert error={mutation.error} /> : null}
      </Stack>
    </Paper>
  );
}
