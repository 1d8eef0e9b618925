import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LAB_ENVIRONMENT_STATUSES, type LabEnvironmentStatus, type LabHardware } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { EnvironmentFormDrawer } from './environment-form-drawer';
import { EnvironmentStatusBadge } from './lab-badges';
import { useLabEnvironments } from './lab-queries';

/** "4 × NVIDIA H100, AMD EPYC, 512 GB" from the hardware fields that are filled in. */
export function hardwareLine(h: LabHardware, memoryLabel: (gb: number) => string): string {
  const parts = [h.gpuModel ? `${h.gpuCount > 0 ? `${h.gpuCount} × ` : ''}${h.gpuModel}` : '', h.cpu, h.memoryGb > 0 ? memoryLabel(h.memoryGb) : ''];
  return parts.filter((p) => p !== '').join(', ');
}

/** The lab's environments (equipment) with their verification status. */
export function EnvironmentsTab() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<LabEnvironmentStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const query = useLabEnvironments({ q: debounced.trim() || undefined, status: status || undefined, limit: 500 });
  const environments = query.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('lab.environments.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('lab.environments.intro')}
          </Text>
        </div>
        {can('lab.manage') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="lab-environment-create">
            {t('lab.environments.create')}
          </Button>
        ) : null}
      </Group>
      <Group align="flex-end">
        <TextInput label={t('lab.common.search')} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" w={320} />
        <NativeSelect
          label={t('lab.common.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as LabEnvironmentStatus | '')}
          data={[{ value: '', label: t('lab.common.all') }, ...LAB_ENVIRONMENT_STATUSES.map((s) => ({ value: s, label: t(`lab.environments.status.${s}`) }))]}
        />
      </Group>
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="lab-environment-table">
            <caption className="visually-hidden">{t('lab.environments.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lab.environments.fields.name')}</Table.Th>
                <Table.Th>{t('lab.environments.fields.hardware')}</Table.Th>
                <Table.Th>{t('lab.environments.fields.location')}</Table.Th>
                <Table.Th>{t('lab.common.unit')}</Table.Th>
                <Table.Th>{t('lab.common.status')}</Table.Th>
                <Table.Th>{t('lab.environments.validUntil')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {environments.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" p="md">
                      {query.isPending ? t('app.loading') : t('lab.environments.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                environments.map((e) => (
                  <Table.Tr key={e.id} data-testid={`lab-environment-row-${e.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/lab/environments/${e.id}`} fz="sm" fw={600}>
                        {e.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{hardwareLine(e.hardware, (gb) => t('lab.environments.memory', { gb })) || t('common.none')}</Table.Td>
                    <Table.Td>{e.location || t('common.none')}</Table.Td>
                    <Table.Td>{e.orgUnitName}</Table.Td>
                    <Table.Td>
                      <EnvironmentStatusBadge status={e.status} need={e.need} expiresSoon={e.expiresSoon} validUntil={e.validUntil} />
                    </Table.Td>
                    <Table.Td>{e.validUntil === null ? t('common.none') : formatDate(e.validUntil, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {creating ? <EnvironmentFormDrawer onClose={() => setCreating(false)} onSaved={(env) => void navigate(`/lab/environments/${env.id}`)} /> : null}
    </Stack>
  );
}
