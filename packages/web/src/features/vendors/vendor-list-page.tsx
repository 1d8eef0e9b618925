import { useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { VendorSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate } from '../../i18n/format';
import { PagedRegister } from '../../shared/paged-register';
import { useSearchedPages } from '../../shared/use-searched-pages';
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
  const list = useSearchedPages(SIZES);
  const [creating, setCreating] = useState(false);
  const query = useVendors(list.query);

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
        {...list.search}
        maw={420}
        type="search"
      />
      <PagedRegister
        error={query.error}
        testId="vendor-table"
        caption={t('vendors.list.caption')}
        minWidth={960}
        columns={6}
        head={
          <>
            <Table.Th>{t('vendors.fields.name')}</Table.Th>
            <Table.Th>{t('vendors.fields.products')}</Table.Th>
            <Table.Th>{t('vendors.list.systems')}</Table.Th>
            <Table.Th>{t('vendors.list.lastAssessment')}</Table.Th>
            <Table.Th>{t('vendors.list.nextReview')}</Table.Th>
            <Table.Th>{t('vendors.list.missingDocuments')}</Table.Th>
          </>
        }
        empty={query.isPending ? t('app.loading') : t('vendors.list.empty')}
        rows={vendors.map((v) => (
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
        ))}
        pager={list.pager}
        total={query.data?.total ?? 0}
        summary={t('vendors.list.total', { count: query.data?.total ?? 0 })}
      />
      {creating ? <VendorFormDrawer onClose={() => setCreating(false)} onSaved={(vendor) => void navigate(`/vendors/${vendor.id}`)} /> : null}
    </Stack>
  );
}
