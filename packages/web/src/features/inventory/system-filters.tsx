import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES, OPERATOR_ROLES } from '@konform/core';
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

  const filtered = params.q !== '' || params.unit !== '' || params.stage !== '' || params.role !== '' || params.archived !== 'false';

  return (
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
      {filtered ? (
        <Button variant="subtle" onClick={onReset}>
          {t('inventory.resetFilters')}
        </Button>
      ) : null}
    </Group>
  );
}
