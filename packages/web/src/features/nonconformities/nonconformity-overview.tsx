import type { ReactNode } from 'react';
import { Group, NativeSelect, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES } from '@konform/core';
import { RegisterSection } from '../../shared/register-section';
import { SectionHeader } from '../../shared/section-header';
import { useSystemList } from '../inventory/system-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useNonconformities } from './nonconformity-queries';
import { NonconformityTable } from './nonconformity-table';
import { useNonconformityFilters, type NonconformityFilters } from './use-nonconformity-filters';

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
    <RegisterSection
      titleId="nonconformities-title"
      list={list}
      filters={filters}
      summary={(count) => t('capa.list.count', { count })}
      table={(items) => (
        <NonconformityTable
          items={items}
          unitNames={names}
          showSystem={portfolio}
          caption={caption}
          empty={filters.filtered ? t('capa.list.emptyFiltered') : portfolio ? t('capa.list.empty') : t('capa.systemTab.empty')}
        />
      )}
      header={
        <>
          <SectionHeader
            heading={
              <Title order={2} fz="lg" id="nonconformities-title">
                {title}
              </Title>
            }
            intro={intro}
            actions={actions}
          />
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
        </>
      }
    />
  );
}
