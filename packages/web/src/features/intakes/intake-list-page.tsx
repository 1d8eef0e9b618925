import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useIntakeList } from './intake-queries';
import { IntakeStatusBadge } from './intake-status-badge';
import { INTAKE_STATUSES, type IntakeStatus } from './intake-types';

const SIZES = [25, 50, 100] as const;

interface Props {
  /** `mine`: the user's own and their units' intakes; `queue`: the governance team's intake queue. */
  mode: 'mine' | 'queue';
}

/** `open` is submitted and in review; `all` lifts the filter. */
type StatusFilter = IntakeStatus | 'open' | 'all';
const STATUS_FILTERS: readonly StatusFilter[] = ['open', ...INTAKE_STATUSES, 'all'];

function parseStatus(value: string | null, fallback: StatusFilter): StatusFilter {
  return value !== null && (STATUS_FILTERS as readonly string[]).includes(value) ? (value as StatusFilter) : fallback;
}

/** The governance team sees every intake; for them the list is the queue. */
export function MyIntakesPage() {
  const { can } = useAuth();
  return can('intake.manage') ? <Navigate to="/intakes/queue" replace /> : <IntakeListPage mode="mine" />;
}

/** "Meine Meldungen" and the "Eingang" queue: intakes with status filter and search, state in the URL. */
export function IntakeListPage({ mode }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const title = mode === 'queue' ? t('intake.queue.title') : t('intake.mine.title');
  usePageTitle(title);
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultStatus: StatusFilter = mode === 'queue' ? 'open' : 'all';
  const status = parseStatus(searchParams.get('status'), defaultStatus);
  const q = searchParams.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const sizeParam = Number.parseInt(searchParams.get('size') ?? '25', 10);
  const size = (SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 25;
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const { names } = useUnitOptions();

  const update = useMemo(
    () => (patch: Record<string, string | number>) => {
      const next = new URLSearchParams(searchParams);
      for (const [key, value] of Object.entries(patch)) {
        const text = String(value);
        const isDefault =
          text === '' || (key === 'page' && text === '1') || (key === 'size' && text === '25') || (key === 'status' && text === defaultStatus);
        if (isDefault) next.delete(key);
        else next.set(key, text);
      }
      setSearchParams(next, { replace: true });
    },
    [searchParams, setSearchParams, defaultStatus],
  );

  useEffect(() => {
    if (debounced !== q) update({ q: debounced, page: 1 });
    // only the debounced text should trigger a change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query = useIntakeList({ status: status === 'all' ? '' : status, q, limit: size, offset: (page - 1) * size });
  const data = query.data;

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{title}</Title>
          <Text c="dimmed" fz="sm">
            {mode === 'queue' ? t('intake.queue.intro') : t('intake.mine.intro')}
          </Text>
        </div>
        <Group gap="sm">
          {can('intake.submit') ? (
            <Button component={Link} to="/intakes/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('intake.submit.title')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label={t('intake.searchLabel')}>
        <TextInput
          type="search"
          w={300}
          label={t('intake.searchLabel')}
          placeholder={t('intake.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('intake.filterStatus')}
          w={200}
          value={status}
          onChange={(event) => update({ status: event.currentTarget.value, page: 1 })}
          data={[
            { value: 'open', label: t('intake.statusOpen') },
            ...INTAKE_STATUSES.map((s) => ({ value: s, label: t(`intake.status.${s}`) })),
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Group>
      <ErrorAlert error={query.error} />
      {data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : data.items.length === 0 ? (
        <Paper p="lg">
          <Text ta="center" c="dimmed">
            {status !== 'all' || q !== '' ? t('intake.emptyFiltered') : t('intake.empty')}
          </Text>
        </Paper>
      ) : (
        <Paper aria-busy={query.isFetching}>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover withTableBorder>
              <caption className="visually-hidden">{title}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('intake.fields.title')}</Table.Th>
                  <Table.Th>{t('intake.fields.orgUnitId')}</Table.Th>
                  <Table.Th>{t('intake.fields.status')}</Table.Th>
                  <Table.Th>{t('intake.fields.submittedBy')}</Table.Th>
                  <Table.Th>{t('intake.fields.createdAt')}</Table.Th>
                  <Table.Th>{t('intake.fields.plannedDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((intake) => (
                  <Table.Tr key={intake.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/intakes/${intake.id}`} fw={500} fz="sm">
                        {intake.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{names.get(intake.orgUnitId) ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <IntakeStatusBadge status={intake.status} />
                    </Table.Td>
                    <Table.Td>{intake.submittedBy?.label ?? t('common.none')}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(intake.createdAt, i18n.language)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(intake.plannedDate, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {data !== undefined ? (
        <Pager
          page={page}
          size={size}
          total={data.total}
          sizes={SIZES}
          summary={t('intake.resultCount', { count: data.total })}
          onPage={(p) => update({ page: p })}
          onSize={(s) => update({ size: s, page: 1 })}
        />
      ) : null}
    </Stack>
  );
}
