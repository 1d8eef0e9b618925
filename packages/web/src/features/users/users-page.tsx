import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ClassifiedBadge } from '../../shared/classified-badge';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { User } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { UserDialog } from './user-dialog';
import { useUserList } from './user-queries';

const SIZES = [25, 50, 100] as const;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('users.title'));
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState<number>(25);
  const query = useUserList({ q, limit: size, offset: (page - 1) * size });
  const { names } = useUnitOptions();
  const [dialog, setDialog] = useState<{ user: User | null } | null>(null);
  const manage = can('user.manage');
  const data = query.data;

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('users.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('users.intro')}
          </Text>
        </div>
        {manage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ user: null })}>
            {t('users.new')}
          </Button>
        ) : null}
      </Group>
      <Group role="search" aria-label={t('users.searchLabel')}>
        <TextInput
          type="search"
          w={320}
          label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
        />
      </Group>
      <ErrorAlert error={query.error} />
      {data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : data.items.length === 0 ? (
        <Paper p="lg">
          <Text ta="center" c="dimmed">
            {t('users.empty')}
          </Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover withTableBorder bg="white">
            <caption className="visually-hidden">{t('users.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('clearance.column')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                {manage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td fw={500}>{user.displayName}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {user.roles.map((r) => (
                        <Text key={`${r.orgUnitId}:${r.role}`} fz="sm">
                          {t(`roles.${r.role}`)} <Text span c="dimmed" fz="sm">· {names.get(r.orgUnitId) ?? r.orgUnitId}</Text>
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={user.active ? 'teal.9' : 'gray.7'}>
                      {user.active ? t('users.statusActive') : t('users.statusInactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {user.clearance === 'offen' ? <Text fz="sm" c="dimmed">{t('clearance.short.offen')}</Text> : <ClassifiedBadge level={user.clearance} short />}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {user.lastLoginAt === null ? t('users.never') : formatDateTime(user.lastLoginAt, i18n.language)}
                  </Table.Td>
                  {manage ? (
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setDialog({ user })} aria-label={t('users.editNamed', { name: user.displayName })}>
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data !== undefined ? (
        <Pager
          page={page}
          size={size}
          total={data.total}
          sizes={SIZES}
          summary={t('common.total', { count: data.total })}
          onPage={setPage}
          onSize={(s) => {
            setSize(s);
            setPage(1);
          }}
        />
      ) : null}
      {dialog !== null ? <UserDialog user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
