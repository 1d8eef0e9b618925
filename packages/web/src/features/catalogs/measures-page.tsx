import { Anchor, Badge, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useMeasures } from './catalog-queries';
import { CatalogSearchBar, useCatalogSearch } from './catalog-search-bar';
import { localized, requirementHref } from './localized';
import './catalogs.css';

const TYPES = ['technical', 'organisational'] as const;

/** The measures catalogue (Maßnahmenkatalog): search, type filter and the requirements each measure helps meet. */
export function MeasuresPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('measures.title'));
  const filters = useCatalogSearch();
  const type = filters.search.get('type') ?? '';
  const query = useMeasures({ q: filters.q });
  const items = (query.data?.items ?? []).filter((m) => type === '' || m.type === type);
  const lang = i18n.language;

  return (
    <Stack gap="md" maw={1200}>
      <div>
        <Anchor component={Link} to="/catalogs" fz="sm">
          {t('catalogs.back')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('measures.title')}
        </Title>
        <Text c="dimmed" fz="sm">
          {t('measures.intro')}
        </Text>
      </div>
      <CatalogSearchBar search={filters} label={t('measures.searchLabel')} placeholder={t('measures.searchPlaceholder')}>
        <NativeSelect
          label={t('measures.type')}
          value={type}
          data={[{ value: '', label: t('common.all') }, ...TYPES.map((v) => ({ value: v, label: t(`measures.types.${v}`) }))]}
          onChange={(e) => filters.setParam('type', e.currentTarget.value)}
        />
      </CatalogSearchBar>
      <ErrorAlert error={query.error} />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : (
        <Paper withBorder aria-busy={query.isFetching}>
          <Table verticalSpacing="sm" striped>
            <caption className="visually-hidden">{t('measures.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="40%">{t('measures.measure')}</Table.Th>
                <Table.Th>{t('measures.type')}</Table.Th>
                <Table.Th>{t('measures.evidence')}</Table.Th>
                <Table.Th>{t('measures.requirements')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" ta="center" p="md">
                      {t('measures.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {localized(m.title, lang)}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {localized(m.description, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={m.type === 'technical' ? 'blue' : 'grape'} c="dark.9" miw="max-content">
                        {t(`measures.types.${m.type}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="xs">{m.evidence.map((e) => localized(e, lang)).join('; ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {m.requirements.map((key) => (
                          <Anchor key={key} component={Link} to={requirementHref(key)} fz="xs" className="hash">
                            {key}
                          </Anchor>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
          <Text fz="sm" c="dimmed" p="sm" aria-live="polite">
            {t('measures.resultCount', { count: items.length })}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
