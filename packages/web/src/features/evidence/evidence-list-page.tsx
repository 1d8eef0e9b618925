import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { useSystemList } from '../inventory/system-queries';
import { EvidenceCreateForm } from './evidence-create-form';
import { useEvidenceList } from './evidence-queries';
import { MarkingBadge } from './marking-badge';
import '../catalogs/catalogs.css';

const PAGE_SIZES = [25, 50, 100] as const;

function NewEvidenceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const [systemId, setSystemId] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('evidence.newTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <NativeSelect
          label={t('evidence.fields.system')}
          required
          data-autofocus
          value={systemId}
          data={[{ value: '', label: t('evidence.chooseSystem') }, ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          onChange={(e) => setSystemId(e.currentTarget.value)}
        />
        {systemId === '' ? null : (
          <EvidenceCreateForm
            systemId={systemId}
            onCancel={onClose}
            onCreated={(created) => {
              notifications.show({ color: 'teal', message: t('evidence.created', { title: created.title }) });
              onClose();
              void navigate(`/evidence/${created.id}`);
            }}
          />
        )}
      </Stack>
    </Modal>
  );
}

/** All evidence the user may see: search, open, add. */
export function EvidenceListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('evidence.title'));
  const [search, setSearch] = useSearchParams();
  const [text, setText] = useState(search.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState<number>(25);
  const [creating, setCreating] = useState(false);
  const query = useEvidenceList({ q, limit: size, offset: (page - 1) * size });
  const lang = i18n.language;

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('evidence.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('evidence.intro')}
          </Text>
        </div>
        {can('evidence.write') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('evidence.new')}
          </Button>
        ) : null}
      </Group>
      <Paper withBorder p="md" role="search" aria-label={t('evidence.searchLabel')}>
        <TextInput
          label={t('evidence.searchLabel')}
          placeholder={t('evidence.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
            setSearch(e.currentTarget.value.trim() === '' ? {} : { q: e.currentTarget.value.trim() }, { replace: true });
          }}
        />
      </Paper>
      <ErrorAlert error={query.error} />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : (
        <Paper withBorder aria-busy={query.isFetching}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <caption className="visually-hidden">{t('evidence.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evidence.fields.title')}</Table.Th>
                <Table.Th>{t('evidence.kind')}</Table.Th>
                <Table.Th>{t('evidence.fields.classification')}</Table.Th>
                <Table.Th>{t('evidence.fields.owner')}</Table.Th>
                <Table.Th>{t('evidence.fields.validUntil')}</Table.Th>
                <Table.Th>{t('evidence.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" p="md">
                      {q === '' ? t('evidence.empty') : t('evidence.emptyFiltered')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                query.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/evidence/${e.id}`} fw={500} fz="sm">
                        {e.title}
                      </Anchor>
                      {e.latestVersion !== null ? (
                        <Text fz="xs" c="dimmed">
                          {t('evidence.versionShort', { number: e.latestVersion.number, name: e.latestVersion.filename })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="outline" color="gray.7" miw="max-content">
                        {e.kind === 'file' ? t('evidence.kindFile') : t('evidence.kindLink')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <MarkingBadge marking={e.classification} />
                    </Table.Td>
                    <Table.Td>{e.owner === '' ? '–' : e.owner}</Table.Td>
                    <Table.Td>{formatDate(e.validUntil, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(e.updatedAt, lang)}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {query.data !== undefined ? (
        <Pager
          page={page}
          size={size}
          total={query.data.total}
          sizes={PAGE_SIZES}
          summary={t('evidence.resultCount', { count: query.data.total })}
          onPage={setPage}
          onSize={(s) => {
            setSize(s);
            setPage(1);
          }}
        />
      ) : null}
      {creating ? <NewEvidenceDialog onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
