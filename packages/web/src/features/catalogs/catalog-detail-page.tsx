import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { OPERATOR_ROLES, RISK_CLASSES, type CatalogRequirementItem } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useCatalog, useCatalogRequirements } from './catalog-queries';
import { buildTree, filterByDate, type TreeNode } from './catalog-tree';
import { localized } from './localized';
import { RequirementDrawer } from './requirement-drawer';
import './catalogs.css';
import { formatLegalRef } from '../../i18n/legal-ref';

interface TreeProps {
  nodes: TreeNode[];
  collapsed: Set<string>;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
  level: number;
}

function RequirementTree({ nodes, collapsed, onToggle, onOpen, level }: TreeProps) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="req-tree">
      {nodes.map(({ item, children }) => {
        const isGroup = item.kind === 'group' || children.length > 0;
        const open = !collapsed.has(item.id);
        return (
          <li key={item.id}>
            {isGroup ? (
              <UnstyledButton className="req-row req-group" aria-expanded={open} onClick={() => onToggle(item.id)} data-level={level}>
                {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                <Text component="span" fz="sm" fw={600} className="req-ref">
                  {formatLegalRef(item.ref, i18n.language)}
                </Text>
                <Text component="span" fz="sm" fw={600}>
                  {localized(item.title, i18n.language)}
                </Text>
              </UnstyledButton>
            ) : null}
            {item.kind === 'requirement' ? (
              <UnstyledButton className="req-row" onClick={() => onOpen(item.id)} aria-haspopup="dialog">
                <Text component="span" fz="sm" className="req-ref">
                  {formatLegalRef(item.ref, i18n.language)}
                </Text>
                <Text component="span" fz="sm" style={{ flex: 1 }}>
                  {localized(item.title, i18n.language)}
                </Text>
                {item.roles.map((role) => (
                  <Badge key={role} size="xs" variant="outline" color="gray.7">
                    {t(`system.operatorRoles.${role}`)}
                  </Badge>
                ))}
                <Text component="span" fz="xs" c="dimmed" miw="6.5rem" ta="right">
                  {formatDate(item.appliesFrom, i18n.language)}
                </Text>
              </UnstyledButton>
            ) : null}
            {isGroup && open && children.length > 0 ? (
              <RequirementTree nodes={children} collapsed={collapsed} onToggle={onToggle} onOpen={onOpen} level={level + 1} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** One catalogue as a tree: groups collapsible, filters by text, role, risk class and date; a requirement opens in a drawer. */
export function CatalogDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const [text, setText] = useState(search.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const role = search.get('role') ?? '';
  const riskClass = search.get('riskClass') ?? '';
  const date = search.get('date') ?? '';
  const opened = search.get('req');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const catalog = useCatalog(id);
  const requirements = useCatalogRequirements(id, { q, role, riskClass });
  const title = catalog.data === undefined ? undefined : localized(catalog.data.catalog.title, i18n.language);
  usePageTitle(title ?? t('catalogs.title'));

  const items = useMemo(() => filterByDate(requirements.data?.items ?? [], date), [requirements.data, date]);
  const tree = useMemo(() => buildTree(items), [items]);
  const count = items.filter((i) => i.kind === 'requirement').length;
  const byId = useMemo(() => new Map((requirements.data?.items ?? []).map((i) => [i.id, i])), [requirements.data]);

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
  const groups = items.filter((i) => i.kind === 'group').map((i) => i.id);

  if (catalog.data === undefined) return catalog.isPending ? <FullPageLoader /> : <ErrorAlert error={catalog.error} />;
  const { catalog: doc, source, versions } = catalog.data;
  const selected: CatalogRequirementItem | undefined = opened === null ? undefined : byId.get(opened);

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Anchor component={Link} to="/catalogs" fz="sm">
          {t('catalogs.back')}
        </Anchor>
        <Title order={1} mt={4}>
          {title}
        </Title>
        <Text c="dimmed" fz="sm">
          {[t(`catalogs.kinds.${doc.kind}`), t('catalogs.versionLabel', { version: doc.version }), doc.publisher, source === 'imported' ? t('catalogs.imported') : null]
            .filter((s) => s !== null && s !== '')
            .join(' · ')}
        </Text>
        <Text c="dimmed" fz="xs" mt={4}>
          {doc.licence}
        </Text>
        {versions.length > 1 ? (
          <Text c="dimmed" fz="xs">
            {t('catalogs.versions', { versions: versions.map((v) => v.version).join(', ') })}
          </Text>
        ) : null}
      </div>
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
    </Stack>
  );
}
