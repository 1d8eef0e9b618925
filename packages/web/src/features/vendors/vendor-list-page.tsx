import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { VendorSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { Pager } from '../../shared/pager';
import { NextReview, ResultBadge } from './vendor-badges';
import { VendorFormDrawer } from './vendor-form-drawer';
import { useVendors } from './vendor-queries';

const SIZES = [25, 50, 100] as const;

/** Missing documents of the vendor's systems; the overdue ones are named in words. */
function MissingDocuments({ vendor }: { vendor: VendorSummary }) {
  const { t } = useTranslation();
  if (vendor.missingDocuments === 0) return <>{t('vendors.list.noneMissing')}</>;
  return (
    <Stack gap={2}>
      <Text fz="sm">{t('vendors.list.missing', { count: vendor.missingDocuments })}</Text>
      {vendor.flaggedDocuments > 0 ? (
        <Text fz="sm" c="red.9" fw={500} data-testid={`vendor-flagged-${vendor.id}`}>
          <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: '-2px', marginRight: 4 }} />
          {t('vendors.list.flagged', { count: vendor.flaggedDocuments })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The suppliers of procured AI: products, linked systems, last assessment, next review, missing documents. */
export function VendorListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('vendors.list.title'));
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 250);
  const size = SIZES.find((s) => String(s) === params.get('size')) ?? 25;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [creating, setCreating] = useState(false);
  const query = useVendors({ q: debounced.trim() || undefined, limit: size, offset: (page - 1) * size });

  useEffect(() => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (debounced.trim() === '') next.delete('q');
      else next.set('q', debounced.trim());
      if ((p.get('q') ?? '') !== debounced.trim()) next.delete('page');
      return next;
    }, { replace: true });
  }, [debounced, setParams]);
  const setParam = (key: string, value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });

  const vendors = query.data?.items ?? [];
  return (
    <Stack gap="md" maw={1440}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('vendors.list.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('vendors.list.intro')}
          </Text>
        </div>
        {can('vendor.edit') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="vendor-create">
            {t('vendors.list.create')}
          </Button>
        ) : null}
      </Group>
      <TextInput
        label={t('vendors.list.search')}
        placeholder={t('vendors.list.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
        type="search"
      />
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover data-testid="vendor-table">
            <caption className="visually-hidden">{t('vendors.list.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('vendors.fields.name')}</Table.Th>
                <Table.Th>{t('vendors.fields.products')}</Table.Th>
                <Table.Th>{t('vendors.list.systems')}</Table.Th>
                <Table.Th>{t('vendors.list.lastAssessment')}</Table.Th>
                <Table.Th>{t('vendors.list.nextReview')}</Table.Th>
                <Table.Th>{t('vendors.list.missingDocuments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendors.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" p="md">
                      {query.isPending ? t('app.loading') : t('vendors.list.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                vendors.map((v) => (
                  <Table.Tr key={v.id} data-testid={`vendor-row-${v.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/vendors/${v.id}`} fz="sm" fw={600}>
                        {v.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {v.products.length === 0 ? (
                        t('common.none')
                      ) : (
                        <Group gap={4}>
                          {v.products.map((p) => (
                            <Badge key={p.id} variant="outline" color="gray.7" tt="none">
                              {p.name}
                              {p.gpai ? ` · ${t('vendors.fields.gpaiShort')}` : ''}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>{v.systemCount}</Table.Td>
                    <Table.Td>
                      {v.lastAssessment === null ? (
                        t('vendors.list.notAssessed')
                      ) : (
                        <Group gap="xs" wrap="nowrap">
                          <ResultBadge result={v.lastAssessment.result} />
                          <Text fz="xs" c="dimmed">
                            {formatDate(v.lastAssessment.assessedOn, i18n.language)}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NextReview date={v.nextReview} state={v.reviewState} />
                    </Table.Td>
                    <Table.Td>
                      <MissingDocuments vendor={v} />
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Pager
        page={page}
        size={size}
        total={query.data?.total ?? 0}
        sizes={SIZES}
        onPage={(p) => setParam('page', p === 1 ? null : String(p))}
        onSize={(s) => setParams((p) => {
          const next = new URLSearchParams(p);
          next.set('size', String(s));
          next.delete('page');
          return next;
        })}
        summary={t('vendors.list.total', { count: query.data?.total ?? 0 })}
      />
      {creating ? <VendorFormDrawer onClose={() => setCreating(false)} onSaved={(vendor) => void navigate(`/vendors/${vendor.id}`)} /> : null}
    </Stack>
  );
}
