import { useMemo, useState } from 'react';
import { Button, Group, NativeSelect, Paper, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OPERATOR_ROLES, RISK_CLASSES, type CatalogRequirementItem } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { useCatalogRequirements } from './catalog-queries';
import { CatalogSearchBar, useCatalogSearch } from './catalog-search-bar';
import { buildTree, filterByDate } from './catalog-tree';
import { RequirementDrawer } from './requirement-drawer';
import { RequirementTree } from './requirement-tree';

/** The active version's requirements as a tree, with filters by text, role, risk class and date kept in the address. */
export function CatalogBrowser({ id }: { id: string }) {
  const { t } = useTranslation();
  const filters = useCatalogSearch();
  const { search, q, setParam } = filters;
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

  const toggle = (nodeId: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(nodeId)) next.delete(nodeId);
      else next.add(nodeId);
      return next;
    });

  return (
    <>
      <CatalogSearchBar search={filters} label={t('catalogs.searchLabel')} placeholder={t('catalogs.searchPlaceholder')}>
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
      </CatalogSearchBar>
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
