import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Model, TestItemType } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { FactList } from '../../shared/fact-list';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { ItemFormDrawer } from './item-form-drawer';
import { useItem, useVersions, type Item } from './model-queries';
import { VersionCard } from './version-card';
import { VersionFormDrawer } from './version-form-drawer';

/** A model or dataset: its facts and its versions with manifest, digest, datasheet and chain of custody. */
export function ItemDetailPage({ type }: { type: TestItemType }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useItem(type, id);
  usePageTitle(query.data?.name ?? t('models.list.title'));
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return <Detail type={type} item={query.data} />;
}

function Detail({ type, item }: { type: TestItemType; item: Item }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { names } = useUnitOptions();
  const versions = useVersions(type, item.id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const none = t('common.none');
  const or = (s: string) => (s.trim() === '' ? none : s);
  const rows: [string, ReactNode][] = [
    [t('models.fields.provider'), or(item.provider)],
    [t('models.fields.kind'), t(`models.kinds.${item.kind}` as 'models.kinds.other')],
    [t('models.fields.licence'), or(item.licence)],
    [t('models.fields.orgUnit'), names.get(item.orgUnitId) ?? none],
    ...(type === 'model' ? [[t('models.fields.gpai'), (item as Model).gpai ? t('common.yes') : t('common.no')] as [string, ReactNode]] : []),
    [t('models.fields.description'), or(item.description)],
  ];
  return (
    <Stack gap="md" maw={1280}>
      <div>
        <Anchor component={Link} to={type === 'model' ? '/models' : '/models?tab=datasets'} fz="sm">
          {t(type === 'model' ? 'models.detail.backModels' : 'models.detail.backDatasets')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Title order={1}>{item.name}</Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light" c="blue.9" tt="none">{t(type === 'model' ? 'models.detail.model' : 'models.detail.dataset')}</Badge>
              {type === 'model' && (item as Model).gpai ? <Badge variant="light" color="grape" c="grape.9" tt="none">{t('models.fields.gpaiShort')}</Badge> : null}
            </Group>
          </div>
          {can('model.edit') ? (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="item-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
      </div>
      <Paper withBorder p="lg" component="section" aria-labelledby="item-facts">
        <Title order={2} id="item-facts" mb="md">
          {t('models.detail.facts')}
        </Title>
        <FactList rows={rows} keepLineBreaks />
      </Paper>
      <Group justify="space-between">
        <Title order={2}>{t('models.versions.title')}</Title>
        {can('model.edit') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} data-testid="version-create">
            {t('models.versions.create')}
          </Button>
        ) : null}
      </Group>
      <Text fz="sm" c="dimmed">
        {t('models.versions.intro')}
      </Text>
      <ErrorAlert error={versions.error} />
      {versions.data?.length === 0 ? <Text c="dimmed">{t('models.versions.empty')}</Text> : null}
      {(versions.data ?? []).map((v) => (
        <VersionCard key={v.id} type={type} itemId={item.id} version={v} />
      ))}
      {editing ? <ItemFormDrawer type={type} item={item} onClose={() => setEditing(false)} /> : null}
      {adding ? <VersionFormDrawer type={type} item={item} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
