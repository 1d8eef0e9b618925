import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INCIDENT_STATUSES } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../i18n/format';
import { Countdown, useNow } from './countdown';
import { useIncidents } from './incident-queries';
import { IncidentsTabs } from './incidents-tabs';
import { IncidentSettingsPanel } from './incident-settings';

/** Incidents in the reader's scope with the deadline that governs each, counting down. */
export function IncidentListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('incidents.list.title'));
  const [status, setStatus] = useState('');
  const list = useIncidents({ limit: 200, ...(status === 'open' ? { open: 'true' } : status !== '' ? { status } : {}) });
  const now = useNow();
  return (
    <Stack gap="md" maw={1440}>
      <IncidentsTabs active="incidents" />
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('incidents.list.title')}</Title>
          <Text c="dimmed" fz="sm">{t('incidents.list.intro')}</Text>
        </div>
        {can('incident.edit') ? (
          <Button component={Link} to="/incidents/new" leftSection={<IconPlus size={16} aria-hidden />} data-testid="incident-create">
            {t('incidents.record')}
          </Button>
        ) : null}
      </Group>
      {can('incident.report') ? <IncidentSettingsPanel /> : null}
      <NativeSelect
        label={t('incidents.list.filter')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        data={[{ value: '', label: t('incidents.list.all') }, { value: 'open', label: t('incidents.list.open') }, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) }))]}
        maw={320}
      />
      <ErrorAlert error={list.error} />
      <Table striped highlightOnHover data-testid="incident-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.fields.ref')}</Table.Th>
            <Table.Th>{t('incidents.fields.title')}</Table.Th>
            <Table.Th>{t('incidents.fields.system')}</Table.Th>
            <Table.Th>{t('incidents.fields.awareAt')}</Table.Th>
            <Table.Th>{t('incidents.fields.status')}</Table.Th>
            <Table.Th>{t('incidents.deadlines.governing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((i) => {
            const governing = i.deadlines.find((d) => d.governing);
            return (
              <Table.Tr key={i.id}>
                <Table.Td>INC-{i.number}</Table.Td>
                <Table.Td><Anchor component={Link} to={`/incidents/${i.id}`}>{i.title}</Anchor></Table.Td>
                <Table.Td>{i.systemName}</Table.Td>
                <Table.Td>{formatDateTime(i.awareAt, i18n.language)}</Table.Td>
                <Table.Td><Badge variant="light" c="dark.9">{t(`incidents.status.${i.status}`)}</Badge></Table.Td>
                <Table.Td>
                  {governing ? (
                    <Group gap="xs">
                      <Text fz="sm">{t(`incidents.duty.${governing.duty}`)}</Text>
                      <Countdown dueAt={governing.dueAt} metAt={governing.metAt} now={now} />
                    </Group>
                  ) : <Text fz="sm" c="dimmed">–</Text>}
                </Table.Td>
              </Table.Tr>
            );
          })}
          {list.data && list.data.items.length === 0 ? (
            <Table.Tr><Table.Td colSpan={6}><Text c="dimmed" fz="sm">{t('incidents.list.empty')}</Text></Table.Td></Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
