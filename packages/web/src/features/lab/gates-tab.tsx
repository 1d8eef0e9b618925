import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LAB_GATE_STATUSES, type LabGateSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { RegisterSection } from '../../shared/register-section';
import { RegisterTable } from '../../shared/register-table';
import { SectionHeader } from '../../shared/section-header';
import { oneOf, useUrlFilters } from '../../shared/use-url-filters';
import { useSystemList } from '../inventory/system-queries';
import { useItems } from '../models/model-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { GateStatusBadge } from './gate-badges';
import { GateFormDrawer } from './gate-form-drawer';
import { GateSubject } from './gate-subject';
import { useLabGates } from './gate-queries';

/** The filters live in the address (`/lab?tab=gates&systemId=…`), so a system's page can link to its gates. */
function useGateFilters() {
  const filters = useUrlFilters();
  const { search } = filters;
  return {
    ...filters,
    status: oneOf(LAB_GATE_STATUSES, search.get('status')),
    systemId: search.get('systemId') ?? '',
    modelId: search.get('modelId') ?? '',
    orgUnitId: search.get('orgUnitId') ?? '',
    q: search.get('q') ?? '',
  };
}

/** Release gates of model versions and AI systems with their state; gates are opened here. */
export function GatesTab() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const filters = useGateFilters();
  const [q, setQ] = useState(filters.q);
  const [debounced] = useDebouncedValue(q, 250);
  const [creating, setCreating] = useState(false);
  const list = useLabGates({
    status: filters.status || undefined, systemId: filters.systemId || undefined, modelId: filters.modelId || undefined, orgUnitId: filters.orgUnitId || undefined,
    q: debounced.trim() || undefined, ...filters.paging,
  });
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const models = useItems('model', { limit: 500 });
  const { options: unitOptions } = useUnitOptions();
  const systemOptions = (systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const modelOptions = (models.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  const filtered = filters.status !== '' || filters.systemId !== '' || filters.modelId !== '' || filters.orgUnitId !== '' || debounced.trim() !== '';

  const row = (g: LabGateSummary) => (
    <Table.Tr key={g.id} data-testid={`lab-gate-row-${g.id}`}>
      <Table.Td>
        <Anchor component={Link} to={`/lab/gates/${g.id}`} fz="sm" fw={600}>
          {t('labGates.numbered', { number: g.number, title: g.title })}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <GateSubject subject={g.subject} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/lab/plans/${g.planId}`} fz="sm">
          {g.planName}
        </Anchor>
      </Table.Td>
      <Table.Td>{g.orgUnitName}</Table.Td>
      <Table.Td>
        <GateStatusBadge status={g.status} />
      </Table.Td>
      <Table.Td>{g.releasedAt === null ? t('common.none') : formatDateTime(g.releasedAt, i18n.language)}</Table.Td>
    </Table.Tr>
  );

  return (
    <>
      <RegisterSection
        titleId="lab-gates-title"
        list={list}
        filters={filters}
        summary={(count) => t('labGates.list.count', { count })}
        table={(items) => (
          <RegisterTable
            testId="lab-gate-table"
            caption={t('labGates.list.caption')}
            columns={6}
            minWidth={960}
            empty={filtered ? t('labGates.list.emptyFiltered') : t('labGates.list.empty')}
            head={
              <>
                <Table.Th>{t('labGates.fields.title')}</Table.Th>
                <Table.Th>{t('labGates.fields.subject')}</Table.Th>
                <Table.Th>{t('labGates.fields.plan')}</Table.Th>
                <Table.Th>{t('lab.common.unit')}</Table.Th>
                <Table.Th>{t('lab.common.status')}</Table.Th>
                <Table.Th>{t('labGates.fields.releasedAt')}</Table.Th>
              </>
            }
            rows={items.map(row)}
          />
        )}
        header={
          <>
            <SectionHeader
              heading={
                <Title order={2} id="lab-gates-title">
                  {t('labGates.title')}
                </Title>
              }
              intro={t('labGates.intro')}
              actions={
                can('lab.manage') ? (
                  <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="lab-gate-create">
                    {t('labGates.create')}
                  </Button>
                ) : undefined
              }
            />
            <Group gap="md" align="flex-end" role="search" aria-label={t('labGates.list.filters')}>
              <TextInput label={t('lab.common.search')} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" w={260} data-testid="lab-gate-search" />
              <NativeSelect
                label={t('lab.common.status')}
                value={filters.status}
                data={[{ value: '', label: t('lab.common.all') }, ...LAB_GATE_STATUSES.map((s) => ({ value: s, label: t(`labGates.status.${s}`) }))]}
                onChange={(e) => filters.update({ status: e.currentTarget.value })}
                data-testid="lab-gate-status-filter"
              />
              <NativeSelect
                label={t('labGates.subject.system')}
                value={filters.systemId}
                data={[{ value: '', label: t('lab.common.all') }, ...withCurrent(systemOptions, filters.systemId)]}
                onChange={(e) => filters.update({ systemId: e.currentTarget.value, modelId: null })}
                w={220}
              />
              <NativeSelect
                label={t('labGates.subject.model')}
                value={filters.modelId}
                data={[{ value: '', label: t('lab.common.all') }, ...withCurrent(modelOptions, filters.modelId)]}
                onChange={(e) => filters.update({ modelId: e.currentTarget.value, systemId: null })}
                w={220}
              />
              <NativeSelect
                label={t('lab.common.unit')}
                value={filters.orgUnitId}
                data={[{ value: '', label: t('lab.common.all') }, ...unitOptions]}
                onChange={(e) => filters.update({ orgUnitId: e.currentTarget.value })}
                w={220}
              />
            </Group>
          </>
        }
      />
      {creating ? (
        <GateFormDrawer
          defaults={filters.systemId !== '' ? { systemId: filters.systemId } : {}}
          onClose={() => setCreating(false)}
          onSaved={(saved) => void navigate(`/lab/gates/${saved.id}`)}
        />
      ) : null}
    </>
  );
}

/** A filter's options keep the chosen value even before (or without) its name loading. */
function withCurrent(options: { value: string; label: string }[], current: string) {
  return current === '' || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];
}
