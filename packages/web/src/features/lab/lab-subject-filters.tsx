import { useState } from 'react';
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { oneOf, useUrlFilters } from '../../shared/use-url-filters';
import { useSystemList } from '../inventory/system-queries';
import { useItems } from '../models/model-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';

/**
 * The filters of a lab list whose records belong to an AI system or a model (plans, gates): status, system, model,
 * unit and text. They live in the address (`/lab?tab=plans&systemId=…`), so a system's page can link to its records;
 * the text is debounced before it reaches `params`.
 */
export function useLabSubjectFilters<S extends string>(statuses: readonly S[]) {
  const filters = useUrlFilters();
  const { search } = filters;
  const [q, setQ] = useState(search.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const status = oneOf(statuses, search.get('status'));
  const systemId = search.get('systemId') ?? '';
  const modelId = search.get('modelId') ?? '';
  const orgUnitId = search.get('orgUnitId') ?? '';
  return {
    ...filters,
    statuses,
    status,
    systemId,
    modelId,
    orgUnitId,
    q,
    setQ,
    /** The list endpoint's query. */
    params: { status: status || undefined, systemId: systemId || undefined, modelId: modelId || undefined, orgUnitId: orgUnitId || undefined, q: debounced.trim() || undefined, ...filters.paging },
    filtered: status !== '' || systemId !== '' || modelId !== '' || orgUnitId !== '' || debounced.trim() !== '',
  };
}

export type LabSubjectFilters<S extends string> = ReturnType<typeof useLabSubjectFilters<S>>;

interface Props<S extends string> {
  filters: LabSubjectFilters<S>;
  /** The search region's name, e.g. "Filter test plans". */
  label: string;
  statusLabel: (status: S) => string;
  systemLabel: string;
  modelLabel: string;
  /** Test-id stem: `<testId>-search`, `<testId>-status-filter`, `<testId>-system-filter`. */
  testId: string;
}

/** Search, status, AI system (or model, one at a time) and unit, above a lab list. */
export function LabSubjectFilterFields<S extends string>({ filters, label, statusLabel, systemLabel, modelLabel, testId }: Props<S>) {
  const { t } = useTranslation();
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const models = useItems('model', { limit: 500 });
  const { options: unitOptions } = useUnitOptions();
  const systemOptions = (systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const modelOptions = (models.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  const all = { value: '', label: t('lab.common.all') };
  return (
    <Group gap="md" align="flex-end" role="search" aria-label={label}>
      <TextInput label={t('lab.common.search')} leftSection={<IconSearch size={16} aria-hidden />} value={filters.q} onChange={(e) => filters.setQ(e.currentTarget.value)} type="search" w={260} data-testid={`${testId}-search`} />
      <NativeSelect
        label={t('lab.common.status')}
        value={filters.status}
        data={[all, ...filters.statuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
        onChange={(e) => filters.update({ status: e.currentTarget.value })}
        data-testid={`${testId}-status-filter`}
      />
      <NativeSelect
        label={systemLabel}
        value={filters.systemId}
        data={[all, ...withCurrent(systemOptions, filters.systemId)]}
        onChange={(e) => filters.update({ systemId: e.currentTarget.value, modelId: null })}
        w={220}
        data-testid={`${testId}-system-filter`}
      />
      <NativeSelect label={modelLabel} value={filters.modelId} data={[all, ...withCurrent(modelOptions, filters.modelId)]} onChange={(e) => filters.update({ modelId: e.currentTarget.value, systemId: null })} w={220} />
      <NativeSelect label={t('lab.common.unit')} value={filters.orgUnitId} data={[all, ...unitOptions]} onChange={(e) => filters.update({ orgUnitId: e.currentTarget.value })} w={220} />
    </Group>
  );
}

/** A filter's options keep the chosen value even before (or without) its name loading. */
function withCurrent(options: { value: string; label: string }[], current: string) {
  return current === '' || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];
}
