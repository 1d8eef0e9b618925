import { useState, type ReactNode } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { QueryParams } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';

interface LabListQuery<T> {
  data?: { items: T[] };
  error: unknown;
  isPending: boolean;
}

interface LabListTabProps<S extends string, T extends { id: string; name: string }> {
  /** Translation section and route: `lab.<section>.*` texts, rows link to `/lab/<section>/<id>`. */
  section: 'environments' | 'methods';
  /** Test-id stem: `lab-<entity>-create`, `lab-<entity>-table`, `lab-<entity>-row-<id>`. */
  entity: 'environment' | 'method';
  statuses: readonly S[];
  statusLabel: (status: S) => string;
  statusFilterTestId?: string;
  /** The list query (a stable hook such as `useLabMethods`). */
  useItems: (params: QueryParams) => LabListQuery<T>;
  /** Headers of the columns after the name. */
  columns: readonly string[];
  /** The cells after the name, one per column. */
  cells: (item: T) => ReactNode;
  /** The form for a new record; `onSaved` opens it. */
  createDrawer: (onClose: () => void, onSaved: (saved: { id: string }) => void) => ReactNode;
}

/** A lab list tab: title, create button, search and status filter, and a table whose first column links to the record. */
export function LabListTab<S extends string, T extends { id: string; name: string }>({ section, entity, statuses, statusLabel, statusFilterTestId, useItems, columns, cells, createDrawer }: LabListTabProps<S, T>) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<S | ''>('');
  const [creating, setCreating] = useState(false);
  const query = useItems({ q: debounced.trim() || undefined, status: status || undefined, limit: 500 });
  const items = query.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t(`lab.${section}.title`)}</Title>
          <Text c="dimmed" fz="sm">
            {t(`lab.${section}.intro`)}
          </Text>
        </div>
        {can('lab.manage') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid={`lab-${entity}-create`}>
            {t(`lab.${section}.create`)}
          </Button>
        ) : null}
      </Group>
      <Group align="flex-end">
        <TextInput label={t('lab.common.search')} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" w={320} />
        <NativeSelect
          label={t('lab.common.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as S | '')}
          data={[{ value: '', label: t('lab.common.all') }, ...statuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
          data-testid={statusFilterTestId}
        />
      </Group>
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid={`lab-${entity}-table`}>
            <caption className="visually-hidden">{t(`lab.${section}.caption`)}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`lab.${section}.fields.name`)}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={columns.length + 1}>
                    <Text c="dimmed" ta="center" p="md">
                      {query.isPending ? t('app.loading') : t(`lab.${section}.empty`)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                items.map((item) => (
                  <Table.Tr key={item.id} data-testid={`lab-${entity}-row-${item.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/lab/${section}/${item.id}`} fz="sm" fw={600}>
                        {item.name}
                      </Anchor>
                    </Table.Td>
                    {cells(item)}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {creating ? createDrawer(() => setCreating(false), (saved) => void navigate(`/lab/${section}/${saved.id}`)) : null}
    </Stack>
  );
}
