import type { ReactNode } from 'react';
import { Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useSystemList } from '../inventory/system-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { NonconformityTable } from './nonconformity-table';
import { useNonconformities } from './nonconformity-queries';
import { NC_PAGE_SIZES, useNonconformityFilters, type NonconformityFilters } from './use-nonconformity-filters';

interface Props {
  /** One system's non-conformities; without it, all in the reader's scope with a system filter. */
  systemId?: string;
  title: string;
  intro?: string;
  actions?: ReactNode;
  caption: string;
}

function SystemFilter({ filters }: { filters: NonconformityFilters }) {
  const { t } = useTranslation();
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const options = (systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (filters.systemId !== '' && !options.some((o) => o.value === filters.systemId)) options.push({ value: filters.systemId, label: filters.systemId });
  return (
    <NativeSelect
      label={t('capa.list.filterSystem')}
      value={filters.systemId}
      data={[{ value: '', label: t('common.all') }, ...options]}
      onChange={(e) => filters.setSystem(e.currentTarget.value)}
    />
  );
}

/** Filters (status, severity, source and, across systems, the system), the list and its pager. */
export function NonconformityOverview({ systemId, title, intro, actions, caption }: Props) {
  const { t } = useTranslation();
  const filters = useNonconformityFilters(systemId);
  const list = useNonconformities(filters.params);
  const { names } = useUnitOptions();
  const portfolio = systemId === undefined;

  return (
    <Paper withBorder component="section" aria-labelledby="nonconformities-title" aria-busy={list.isFetching}>
      <Stack gap="sm" p="lg" pb="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="lg" id="nonconformities-title">
              {title}
            </Title>
            {intro === undefined ? null : (
              <Text fz="sm" c="dimmed">
                {intro}
              </Text>
            )}
          </div>
          {actions === undefined ? null : <Group gap="md">{actions}</Group>}
        </Group>
        <Group gap="lg" align="flex-end" role="search" aria-label={t('capa.list.filters')}>
          <NativeSelect
            label={t('capa.list.filterStatus')}
            value={filters.status}
            data={[{ value: '', label: t('common.all') }, ...NONCONFORMITY_STATUSES.map((s) => ({ value: s, label: t(`capa.statuses.${s}`) }))]}
            onChange={(e) => filters.setStatus(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('capa.list.filterSeverity')}
            value={filters.severity}
            data={[{ value: '', label: t('common.all') }, ...NONCONFORMITY_SEVERITIES.map((s) => ({ value: s, label: t(`capa.severities.${s}`) }))]}
            onChange={(e) => filters.setSeverity(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('capa.list.filterSource')}
            value={filters.source}
            data={[{ value: '', label: t('common.all') }, ...NONCONFORMITY_SOURCES.map((s) => ({ value: s, label: t(`capa.sources.${s}`) }))]}
            onChange={(e) => filters.setSource(e.currentTarget.value)}
          />
          {portfolio ? <SystemFilter filters={filters} /> : null}
        </Group>
      </Stack>
      {list.data === undefined ? (
        list.isPending ? <FullPageLoader /> : <ErrorAlert error={list.error} />
      ) : (
        <>
          <NonconformityTable
            items={list.data.items}
            unitNames={names}
            showSystem={portfolio}
            caption={caption}
            empty={filters.filtered ? t('capa.list.emptyFiltered') : portfolio ? t('capa.list.empty') : t('capa.systemTab.empty')}
          />
          <div style={{ padding: '0 var(--mantine-spacing-sm) var(--mantine-spacing-sm)' }}>
            <Pager
              page={filters.page}
              size={filters.size}
              total={list.data.total}
              sizes={NC_PAGE_SIZES}
              onPage={filters.setPage}
              onSize={filters.setSize}
              summary={t('capa.list.count', { count: list.data.total })}
            />
          </div>
        </>
      )}
    </Paper>
  );
}
