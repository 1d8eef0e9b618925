import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LAB_METHOD_STATUSES, type LabMethodStatus } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { MethodStatusBadge } from './lab-badges';
import { MethodFormDrawer } from './method-form-drawer';
import { useLabMethods } from './lab-queries';

/** The evaluation methods with their validation status and authorised staff. */
export function MethodsTab() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<LabMethodStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const query = useLabMethods({ q: debounced.trim() || undefined, status: status || undefined, limit: 500 });
  const methods = query.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('lab.methods.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('lab.methods.intro')}
          </Text>
        </div>
        {can('lab.manage') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="lab-method-create">
            {t('lab.methods.create')}
          </Button>
        ) : null}
      </Group>
      <Group align="flex-end">
        <TextInput label={t('lab.common.search')} leftSection={<IconSearch size={16} aria-hidden />} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" w={320} />
        <NativeSelect
          label={t('lab.common.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as LabMethodStatus | '')}
          data={[{ value: '', label: t('lab.common.all') }, ...LAB_METHOD_STATUSES.map((s) => ({ value: s, label: t(`lab.methods.status.${s}`) }))]}
          data-testid="lab-method-status-filter"
        />
      </Group>
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="lab-method-table">
            <caption className="visually-hidden">{t('lab.methods.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lab.methods.fields.name')}</Table.Th>
                <Table.Th>{t('lab.methods.fields.harness')}</Table.Th>
                <Table.Th>{t('lab.common.unit')}</Table.Th>
                <Table.Th>{t('lab.common.status')}</Table.Th>
                <Table.Th>{t('lab.methods.lastValidation')}</Table.Th>
                <Table.Th>{t('lab.methods.authorisedStaff')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {methods.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" p="md">
                      {query.isPending ? t('app.loading') : t('lab.methods.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                methods.map((m) => (
                  <Table.Tr key={m.id} data-testid={`lab-method-row-${m.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/lab/methods/${m.id}`} fz="sm" fw={600}>
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {t(`lab.harness.${m.harness}`)} <Text span fz="sm" ff="monospace">{m.harnessVersion}</Text>
                    </Table.Td>
                    <Table.Td>{m.orgUnitName}</Table.Td>
                    <Table.Td>
                      <MethodStatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{m.lastValidation === null ? t('common.none') : `${formatDate(m.lastValidation.validatedOn, i18n.language)} (${m.lastValidation.harnessVersion})`}</Table.Td>
                    <Table.Td>{m.authorisedCount}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {creating ? <MethodFormDrawer onClose={() => setCreating(false)} onSaved={(m) => void navigate(`/lab/methods/${m.id}`)} /> : null}
    </Stack>
  );
}
