import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilePlus, IconLayoutGrid } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { QMS_DOCUMENT_KINDS, QMS_REVIEW_STATES, type QmsDocumentKind, type QmsReviewState } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { DocumentFormDrawer } from './document-form-drawer';
import { DocumentStatus, ReviewDate } from './qms-badges';
import { useQmsDocuments } from './qms-queries';

const PAGE_SIZES = [25, 50, 100, 200] as const;
const STATUSES = ['draft', 'in-review', 'released'] as const;
type Status = (typeof STATUSES)[number];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' => (value !== null && (values as readonly string[]).includes(value) ? (value as T) : '');

/** The filters live in the address (kind, owner, status, review, search, page, size), so a filtered list can be bookmarked. */
function useFilters() {
  const [search, setSearch] = useSearchParams();
  const requestedSize = Number(search.get('size'));
  const update = (changes: Record<string, string | null>) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return {
    kind: oneOf<QmsDocumentKind>(QMS_DOCUMENT_KINDS, search.get('kind')),
    owner: search.get('owner') ?? '',
    status: oneOf<Status>(STATUSES, search.get('status')),
    review: oneOf<QmsReviewState>(QMS_REVIEW_STATES, search.get('review')),
    q: search.get('q') ?? '',
    page: Math.max(1, Number(search.get('page')) || 1),
    size: (PAGE_SIZES as readonly number[]).includes(requestedSize) ? requestedSize : 50,
    update,
  };
}

/** Every document of the AI management system in the reader's units, with filters and the next review of each. */
export function QmsDocumentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const filters = useFilters();
  const [q, setQ] = useState(filters.q);
  const [debounced] = useDebouncedValue(q, 300);
  const [creating, setCreating] = useState(false);
  usePageTitle(t('qms.list.title'));
  const params = {
    kind: filters.kind || undefined,
    ownerId: filters.owner || undefined,
    status: filters.status || undefined,
    review: filters.review || undefined,
    q: debounced.trim() || undefined,
    limit: filters.size,
    offset: (filters.page - 1) * filters.size,
  };
  const query = useQmsDocuments(params);
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  // Owners to filter by: those of the documents seen so far (no user directory needed to read the list).
  const [knownOwners, setKnownOwners] = useState<Record<string, string>>({});
  useEffect(() => {
    if (items.some((d) => knownOwners[d.ownerId] !== d.ownerLabel)) setKnownOwners((known) => ({ ...known, ...Object.fromEntries(items.map((d) => [d.ownerId, d.ownerLabel])) }));
  }, [items, knownOwners]);
  const owners = useMemo(() => Object.entries(knownOwners).sort((a, b) => a[1].localeCompare(b[1], 'de')), [knownOwners]);

  return (
    <Stack gap="md" maw={1440}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('qms.list.title')}</Title>
          <Text c="dimmed" fz="sm" maw={880}>
            {t('qms.list.intro')}
          </Text>
        </div>
        <Group gap="sm">
          <Button component={Link} to="/qms" variant="default" leftSection={<IconLayoutGrid size={16} aria-hidden />}>
            {t('qms.list.toOverview')}
          </Button>
          {can('qms.edit') ? (
            <Button leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="qms-new-document">
              {t('qms.overview.newDocument')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group gap="md" align="flex-end" role="search" aria-label={t('qms.list.filters')}>
        <NativeSelect
          label={t('qms.list.filterKind')}
          value={filters.kind}
          data={[{ value: '', label: t('common.all') }, ...QMS_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`qms.kinds.${k}`) }))]}
          onChange={(e) => filters.update({ kind: e.currentTarget.value })}
          data-testid="qms-filter-kind"
        />
        <NativeSelect
          label={t('qms.list.filterOwner')}
          value={filters.owner}
          data={[{ value: '', label: t('common.all') }, ...owners.map(([id, label]) => ({ value: id, label }))]}
          onChange={(e) => filters.update({ owner: e.currentTarget.value })}
          data-testid="qms-filter-owner"
        />
        <NativeSelect
          label={t('qms.list.filterStatus')}
          value={filters.status}
          data={[{ value: '', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`qms.statusFilter.${s}`) }))]}
          onChange={(e) => filters.update({ status: e.currentTarget.value })}
          data-testid="qms-filter-status"
        />
        <NativeSelect
          label={t('qms.list.filterReview')}
          value={filters.review}
          data={[{ value: '', label: t('common.all') }, ...QMS_REVIEW_STATES.map((s) => ({ value: s, label: t(`qms.reviewFilter.${s}`) }))]}
          onChange={(e) => filters.update({ review: e.currentTarget.value })}
          data-testid="qms-filter-review"
        />
        <TextInput
          label={t('qms.list.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            filters.update({ q: e.currentTarget.value });
          }}
          data-testid="qms-filter-q"
        />
      </Group>
      <ErrorAlert error={query.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover data-testid="qms-documents">
          <caption className="visually-hidden">{t('qms.list.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('qms.list.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('qms.list.columns.kind')}</Table.Th>
              <Table.Th scope="col">{t('qms.list.columns.owner')}</Table.Th>
              <Table.Th scope="col">{t('qms.list.columns.status')}</Table.Th>
              <Table.Th scope="col">{t('qms.list.columns.nextReview')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data !== undefined && items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed" ta="center" p="md">
                    {t('qms.list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              items.map((d) => (
                <Table.Tr key={d.id} data-testid={`qms-document-row-${d.id}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/qms/documents/${d.id}`} fz="sm" fw={600}>
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`qms.kinds.${d.kind}`)}</Table.Td>
                  <Table.Td>{d.ownerActive ? d.ownerLabel : t('qms.detail.ownerInactive', { name: d.ownerLabel })}</Table.Td>
                  <Table.Td>
                    <DocumentStatus document={d} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ReviewDate document={d} />
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.data !== undefined ? (
        <Pager
          page={filters.page}
          size={filters.size}
          total={query.data.total}
          sizes={PAGE_SIZES}
          onPage={(p) => filters.update({ page: p <= 1 ? null : String(p) })}
          onSize={(s) => filters.update({ size: String(s) })}
          summary={t('qms.list.count', { count: query.data.total })}
        />
      ) : null}
      {creating ? <DocumentFormDrawer onClose={() => setCreating(false)} onCreated={(created) => void navigate(`/qms/documents/${created.id}`)} /> : null}
    </Stack>
  );
}
