import { useMemo, useState } from 'react';
import { Button, Group, NativeSelect, Paper, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { OPERATOR_ROLES, RISK_CLASSES, type CatalogRequirementItem } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { useCatalogRequirements } from './catalog-queries';
import { buildTree, filterByDate } from './catalog-tree';
import { RequirementDrawer } from './requirement-drawer';
import { RequirementTree } from './requirement-tree';

/** The active version's requirements as a tree, with filters by text, role, risk class and date kept in the address. */
export function CatalogBrowser({ id }: { id: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [text, setText] = useState(search.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const role = search.get('role') ?? '';
  const riskClass = search.get('riskClass') ?? '';
  const date = search.get('date') ?? '';
  const opened = search.get('req');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const requirements = useCatalogRequirements(id, { q, role, riskClass });

  const items = useMemo(() => filterByDate(requirements.data?.items ?? [], date), [requirements.data, date]);
  const tree = useMemo(() => buildTree(items), [items]);
  const count = items.filter((i) => i.kind === 'requirement').length;
  const byId = useMemo(() => new Map((requirements.data?.items ?? []).map((i) => [i.id, i])), [requirements.data]);
  const groups = items.filter((i) => i.kind === 'group').map((i) => i.id);
  const selected: CatalogRequirementItem | undefined = opened === null ? undefined : byId.get(opened);

  const setParam = (key: string, value: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const toggle = (nodeId: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(nodeId)) next.delete(nodeId);
      else next.add(nodeId);
      return next;
    });

  return (
    <>
      <Paper withBorder p="md" role="search" aria-label={t('catalogs.filters')}>
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            label={t('catalogs.searchLabel')}
            placeholder={t('catalogs.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setParam('q', e.currentTarget.value.trim());
            }}
            style={{ flex: '1 1 16rem' }}
          />
          <NativeSelect
            label={t('catalogs.filterRole')}
            value={role}
            data={[{ value: '', label: t('common.all') }, ...OPERATOR_ROLES.map((r) => ({ value: r, label: t(`system.operatorRoles.${r}`) }))]}
            onChange={(e) => setParam('role', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('catalogs.filterRiskClass')}
            value={riskClass}
            data={[{ value: '', label: t('common.all') }, ...RISK_CLASSES.map((r) => ({ value: r, label: t(`classification.riskClass.${r}`) }))]}
            onChange={(e) => setParam('riskClass', e.currentTarget.value)}
          />
          <TextInput type="date" label={t('catalogs.filterDate')} value={date} onChange={(e) => setParam('date', e.currentTarget.value)} />
        </Group>
      </Paper>
      <ErrorAlert error={requirements.error} />
      <Paper withBorder p="md" aria-busy={requirements.isFetching} component="section" aria-labelledby="catalog-tree-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="lg" id="catalog-tree-title">
            {t('catalogs.requirements')}
          </Title>
          <Group gap="xs">
            <Text fz="sm" c="dimmed" aria-live="polite">
              {t('catalogs.resultCount', { count })}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => setCollapsed(new Set())}>
              {t('catalogs.expandAll')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setCollapsed(new Set(groups))}>
              {t('catalogs.collapseAll')}
            </Button>
          </Group>
        </Group>
        {requirements.data === undefined ? (
          requirements.isPending ? <FullPageLoader /> : null
        ) : tree.length === 0 ? (
          <Text c="dimmed" ta="center" p="md">
            {t('catalogs.empty')}
          </Text>
        ) : (
          <RequirementTree nodes={tree} collapsed={collapsed} onToggle={toggle} onOpen={(reqId) => setParam('req', reqId)} level={0} />
        )}
      </Paper>
      <RequirementDrawer requirement={selected} opened={selected !== undefined} onClose={() => setParam('req', '')} />
    </>
  );
}
