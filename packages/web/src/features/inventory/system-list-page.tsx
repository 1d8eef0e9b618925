import { useCallback, useMemo } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { DEFAULT_PARAMS, PAGE_SIZES, parseListParams, toApiQuery, toSearchParams, type ListParams } from './list-params';
import { SystemFilters } from './system-filters';
import { useSystemList } from './system-queries';
import { SystemTable } from './system-table';
import { BulkActions } from '../bulk/bulk-actions';

export function SystemListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('inventory.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => parseListParams(searchParams), [searchParams]);
  const query = useSystemList(toApiQuery(params));
  const { names } = useUnitOptions();

  const update = useCallback(
    (patch: Partial<ListParams>) => setSearchParams(toSearchParams({ ...params, ...patch }), { replace: true }),
    [params, setSearchParams],
  );

  // The export takes the list's filters and order, not its page.
  const { limit: _limit, offset: _offset, ...exportParams } = toApiQuery(params);
  const data = query.data;
  const filtered = toSearchParams({ ...params, sort: DEFAULT_PARAMS.sort, page: 1, size: DEFAULT_PARAMS.size }).size > 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('inventory.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('inventory.intro')}
          </Text>
        </div>
        <Group gap="xs">
          <BulkActions kind="systems" params={exportParams} />
          {can('system.create') ? (
            <Button component={Link} to="/systems/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('inventory.newSystem')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <SystemFilters params={params} onChange={update} onReset={() => setSearchParams(new URLSearchParams(), { replace: true })} />
      <ErrorAlert error={query.error} />
      {data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : (
        <Paper aria-busy={query.isFetching}>
          {data.items.length === 0 ? (
            <Text p="lg" ta="center" c="dimmed">
              {filtered ? t('inventory.emptyFiltered') : t('inventory.empty')}
            </Text>
          ) : (
            <SystemTable systems={data.items} unitNames={names} sort={params.sort} onSort={(sort) => update({ sort, page: 1 })} />
          )}
        </Paper>
      )}
      {data !== undefined ? (
        <Pager
          page={params.page}
          size={params.size}
          total={data.total}
          sizes={PAGE_SIZES}
          summary={t('inventory.resultCount', { count: data.total })}
          onPage={(page) => update({ page })}
          onSize={(size) => update({ size, page: 1 })}
        />
      ) : null}
    </Stack>
  );
}
