import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MonitoringIndicator } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useIndicatorMeasurements } from './monitoring-queries';
import { valueText } from './display';

/** The values of one indicator, newest first, breaches marked with the task they opened. */
export function MeasurementHistory({ planId, indicator }: { planId: string; indicator: MonitoringIndicator }) {
  const { t, i18n } = useTranslation();
  const query = useIndicatorMeasurements(planId, indicator.id);
  if (query.data === undefined) return query.isPending ? <Text c="dimmed" fz="sm">…</Text> : <ErrorAlert error={query.error} />;
  if (query.data.items.length === 0) return <Text c="dimmed" fz="sm">{t('monitoring.history.none')}</Text>;
  return (
    <Table fz="sm" verticalSpacing={4} data-testid={`measurement-history-${indicator.id}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('monitoring.history.at')}</Table.Th>
          <Table.Th>{t('monitoring.history.value')}</Table.Th>
          <Table.Th>{t('monitoring.history.state')}</Table.Th>
          <Table.Th>{t('monitoring.history.source')}</Table.Th>
          <Table.Th>{t('monitoring.history.note')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {query.data.items.map((m) => (
          <Table.Tr key={m.id} data-breached={m.breached}>
            <Table.Td>{formatDateTime(m.measuredAt, i18n.language)}</Table.Td>
            <Table.Td>{valueText(m.value, indicator.unit, i18n.language)}</Table.Td>
            <Table.Td>
              {m.breached ? <Badge variant="light" c="dark.9" color="red">{t('monitoring.history.breached')}</Badge> : <Badge variant="light" c="dark.9" color="green">{t('monitoring.history.met')}</Badge>}
              {m.taskId ? <Text span fz="xs" c="dimmed" ml={6}>{t('monitoring.history.taskOpened')}</Text> : null}
              {m.incidentId ? <Text span fz="xs" c="dimmed" ml={6}>{t('monitoring.history.incidentOpened')}</Text> : null}
            </Table.Td>
            <Table.Td>{t(`monitoring.sources.${m.source}`)}<Text c="dimmed" fz="xs">{m.recordedByLabel}</Text></Table.Td>
            <Table.Td>{m.note}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
