import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES, OPERATOR_ROLES, RISK_CLASSES } from '@konform/core';
import { CLASSIFICATION_FILTERS } from '../classification/classification-types';
import { useUnitOptions } from '../org-units/org-unit-queries';
import type { ArchivedFilter, ListParams } from './list-params';

interface Props {
  params: ListParams;
  onChange: (patch: Partial<ListParams>) => void;
  onReset: () => void;
}

/** Search box (debounced) and filter selects above the inventory table. */
export function SystemFilters({ params, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const { options: unitOptions } = useUnitOptions();
  const [search, setSearch] = useState(params.q);
  const [debounced] = useDebouncedValue(search, 300);

  useEffect(() => {
    if (debounced !== params.q) onChange({ q: debounced, page: 1 });
    // only the debounced text should trigger a change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    setSearch((current) => (current.trim() === params.q.trim() ? current : params.q));
  }, [params.q]);

  const filtered =
    params.q !== '' ||
    params.unit !== '' ||
    params.stage !== '' ||
    params.role !== '' ||
    params.archived !== 'false' ||
    params.riskClass !== '' ||
    params.classification !== '';

  const quick: { key: string; label: string; active: boolean; patch: Partial<ListParams> }[] = [
    { key: 'high', label: t('inventory.quickHigh'), active: params.riskClass === 'high', patch: { riskClass: params.riskClass === 'high' ? '' : 'high' } },
    {
      key: 'unapproved',
      label: t('inventory.quickUnapproved'),
      active: params.classification === 'unapproved',
      patch: { classification: params.classification === 'unapproved' ? '' : 'unapproved' },
    },
    {
      key: 'needs-review',
      label: t('inventory.quickNeedsReview'),
      active: params.classification === 'needs-review',
      patch: { classification: params.classification === 'needs-review' ? '' : 'needs-review' },
    },
  ];

  return (
    <Stack gap="sm">
      <Group gap="xs" role="group" aria-labelledby="quick-filters-label">
        <Text fz="sm" fw={500} id="quick-filters-label">
          {t('inventory.quickFilters')}
        </Text>
        {quick.map((q) => (
          <Button
            key={q.key}
            size="xs"
            radius="xl"
            variant={q.active ? 'filled' : 'default'}
            aria-pressed={q.active}
            onClick={() => onChange({ ...q.patch, page: 1 })}
          >
            {q.label}
          </Button>
        ))}
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('inventory.searchLabel')}>
        <TextInput
          type="search"
          label={t('inventory.searchLabel')}
          placeholder={t('inventory.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={300}
        />
        <NativeSelect
          label={t('inventory.filterUnit')}
          value={params.unit}
          onChange={(event) => onChange({ unit: event.currentTarget.value, page: 1 })}
          data={[{ value: '', label: t('common.all') }, ...unitOptions]}
          w={220}
        />
        <NativeSelect
          label={t('inventory.filterStage')}
          value={params.stage}
          onChange={(event) => onChange({ stage: event.currentTarget.value as ListParams['stage'], page: 1 })}
          data={[{ value: '', label: t('common.all') }, ...LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`system.stages.${s}`) }))]}
          w={170}
        />
        <NativeSelect
          label={t('inventory.filterRole')}
          value={params.role}
          onChange={(event) => onChange({ role: event.currentTarget.value as ListParams['role'], page: 1 })}
          data={[{ value: '', label: t('common.all') }, ...OPERATOR_ROLES.map((r) => ({ value: r, label: t(`system.operatorRoles.${r}`) }))]}
          w={150}
        />
        <NativeSelect
          label={t('inventory.archivedFilter')}
          value={params.archived}
          onChange={(event) => onChange({ archived: event.currentTarget.value as ArchivedFilter, page: 1 })}
          data={[
            { value: 'false', label: t('inventory.archivedActive') },
            { value: 'true', label: t('inventory.archivedOnly') },
            { value: 'all', label: t('inventory.archivedAll') },
          ]}
          w={190}
        />
        <NativeSelect
          label={t('inventory.filterRiskClass')}
          value={params.riskClass}
          onChange={(event) => onChange({ riskClass: event.currentTarget.value as ListParams['riskClass'], page: 1 })}
          data={[{ value: '', label: t('common.all') }, ...RISK_CLASSES.map((r) => ({ value: r, label: t(`classification.riskClass.${r}`) }))]}
          w={240}
        />
        <NativeSelect
          label={t('inventory.filterClassification')}
          value={params.classification}
          onChange={(event) => onChange({ classification: event.currentTarget.value as ListParams['classification'], page: 1 })}
          data={[{ value: '', label: t('common.all') }, ...CLASSIFICATION_FILTERS.map((c) => ({ value: c, label: t(`inventory.classificationFilter.${c}`) }))]}
          w={230}
        />
        {filtered ? (
          <Button variant="subtle" onClick={onReset}>
            {t('inventory.resetFilters')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
