import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Model, TestItemType } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { PagedRegister } from '../../shared/paged-register';
import { useSearchedPages } from '../../shared/use-searched-pages';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { CycloneDxImportButton } from '../exchange/cyclonedx-import-dialog';
import { ItemFormDrawer } from './item-form-drawer';
import { useItems } from './model-queries';

const SIZES = [25, 50, 100] as const;

/** The registry of the lab's test items: models and datasets in two tabs, searchable. */
export function ModelsPage() {
  const { t } = useTranslation();
  usePageTitle(t('models.list.title'));
  const [params, setParams] = useSearchParams();
  const type: TestItemType = params.get('tab') === 'datasets' ? 'dataset' : 'model';
  const setTab = (value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams();
      if (value === 'datasets') next.set('tab', 'datasets');
      const q = p.get('q');
      if (q) next.set('q', q);
      return next;
    });
  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Title order={1}>{t('models.list.title')}</Title>
        <Text c="dimmed" fz="sm">
          {t('models.list.intro')}
        </Text>
      </div>
      <Tabs value={type === 'model' ? 'models' : 'datasets'} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="models" data-testid="models-tab-models">{t('models.list.tabModels')}</Tabs.Tab>
          <Tabs.Tab value="datasets" data-testid="models-tab-datasets">{t('models.list.tabDatasets')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="models">
          <ItemList type="model" />
        </Tabs.Panel>
        <Tabs.Panel value="datasets">
          <ItemList type="dataset" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ItemList({ type }: { type: TestItemType }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { names } = useUnitOptions();
  const list = useSearchedPages(SIZES);
  const [creating, setCreating] = useState(false);
  const query = useItems(type, list.query);

  const items = query.data?.items ?? [];
  const k = type === 'model' ? 'models' : 'datasets';
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t(`models.list.search.${k}`)}
          placeholder={t('models.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          {...list.search}
          w={420}
          maw="100%"
          type="search"
          data-testid={`${type}-search`}
        />
        {can('model.edit') ? (
          <Group gap="sm">
            {type === 'model' ? <CycloneDxImportButton /> : null}
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid={`${type}-create`}>
              {t(`models.list.create.${k}`)}
            </Button>
          </Group>
        ) : null}
      </Group>
      <PagedRegister
        error={query.error}
        testId={`${type}-table`}
        caption={t(`models.list.caption.${k}`)}
        minWidth={900}
        columns={type === 'model' ? 6 : 5}
        head={
          <>
            <Table.Th>{t('models.fields.name')}</Table.Th>
            <Table.Th>{t('models.fields.provider')}</Table.Th>
            <Table.Th>{t('models.fields.kind')}</Table.Th>
            <Table.Th>{t('models.fields.orgUnit')}</Table.Th>
            <Table.Th>{t('models.list.versions')}</Table.Th>
            {type === 'model' ? <Table.Th><abbr title={t('models.fields.gpai')}>{t('models.fields.gpaiShort')}</abbr></Table.Th> : null}
          </>
        }
        empty={query.isPending ? t('app.loading') : t(`models.list.empty.${k}`)}
        rows={items.map((item) => (
          <Table.Tr key={item.id} data-testid={`${type}-row-${item.id}`}>
            <Table.Td>
              <Anchor component={Link} to={`/${k}/${item.id}`} fz="sm" fw={600}>
                {item.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{item.provider || t('common.none')}</Table.Td>
            <Table.Td>{t(`models.kinds.${item.kind}` as 'models.kinds.other')}</Table.Td>
            <Table.Td>{names.get(item.orgUnitId) ?? t('common.none')}</Table.Td>
            <Table.Td>
              {item.latestVersion === null ? (
                t('models.list.noVersions')
              ) : (
                <Stack gap={0}>
                  <Text fz="sm" fw={500} style={{ wordBreak: 'break-all' }}>{item.latestVersion}</Text>
                  <Text fz="xs" c="dimmed">{t('models.list.versionCount', { count: item.versionCount })}</Text>
                </Stack>
              )}
            </Table.Td>
            {type === 'model' ? <Table.Td>{(item as Model).gpai ? t('common.yes') : t('common.no')}</Table.Td> : null}
          </Table.Tr>
        ))}
        pager={list.pager}
        total={query.data?.total ?? 0}
        summary={t('common.total', { count: query.data?.total ?? 0 })}
      />
      {creating ? <ItemFormDrawer type={type} onClose={() => setCreating(false)} onSaved={(item) => void navigate(`/${k}/${item.id}`)} /> : null}
    </Stack>
  );
}
