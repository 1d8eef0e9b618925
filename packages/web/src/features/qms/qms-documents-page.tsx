import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutGrid } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QMS_DOCUMENT_KINDS, QMS_REVIEW_STATES } from '@konform/core';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { oneOf, PAGE_SIZES, useUrlFilters } from '../../shared/use-url-filters';
import { DocumentStatus, ReviewDate } from './qms-badges';
import { QmsPageHeader } from './qms-page-header';
import { useQmsDocuments } from './qms-queries';

const STATUSES = ['draft', 'in-review', 'released'] as const;

/** The filters live in the address (kind, owner, status, review, search, page, size), so a filtered list can be bookmarked. */
function useFilters() {
  const filters = useUrlFilters();
  const { search } = filters;
  return {
    ...filters,
    kind: oneOf(QMS_DOCUMENT_KINDS, search.get('kind')),
    owner: search.get('owner') ?? '',
    status: oneOf(STATUSES, search.get('status')),
    review: oneOf(QMS_REVIEW_STATES, search.get('review')),
    q: search.get('q') ?? '',
  };
}

/** Every document of the AI management system in the reader's units, with filters and the next review of each. */
export function QmsDocumentsPage() {
  const { t } = useTranslation();
  const filters = useFilters();
  const [q, setQ] = useState(filters.q);
  const [debounced] = useDebouncedValue(q, 300);
  usePageTitle(t('qms.list.title'));
  const params = {
    kind: filters.kind || undefined,
    ownerId: filters.owner || undefined,
    status: filters.status || undefined,
    review: filters.review || undefined,
    q: debounced.trim() || undefined,
    ...filters.paging,
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
      <QmsPageHeader
        title={t('qms.list.title')}
        intro={t('qms.list.intro')}
        switchView={
          <Button component={Link} to="/qms" variant="default" leftSection={<IconLayoutGrid size={16} aria-hidden />}>
            {t('qms.list.toOverview')}
          </Button>
        }
      />
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
          onPage={filters.setPage}
          onSize={filters.setSize}
          summary={t('qms.list.count', { count: query.data.total })}
        />
      ) : null}
    </Stack>
  );
}
