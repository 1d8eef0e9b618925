import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OrgSoa } from '@konform/core';
import { api } from '../../api/client';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { MatrixExportButtons } from './matrix-export-buttons';
import { portfolioMatrixExportUrl } from './matrix-export-urls';
import { SoaCells } from './soa-cells';

/** The organisation's statement of applicability for ISO/IEC 42001 Annex A, over every AI system in the reader's scope. */
export function OrgSoaPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('matrix.orgSoa.title'));
  const query = useQuery({ queryKey: ['statement-of-applicability', 'iso-42001'], queryFn: () => api.get<OrgSoa>('/statement-of-applicability', { catalog: 'iso-42001' }) });

  return (
    <Stack gap="md" maw={1300}>
      <div>
        <Anchor component={Link} to="/catalogs" fz="sm">
          {t('catalogs.back')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('matrix.orgSoa.title')}
        </Title>
        <Text c="dimmed" fz="sm">
          {query.data === undefined ? t('matrix.orgSoa.intro') : t('matrix.orgSoa.introCount', { count: query.data.systems })}
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-labelledby="portfolio-export-title">
        <Group justify="space-between" align="center" gap="sm">
          <div>
            <Title order={2} fz="md" id="portfolio-export-title">
              {t('matrix.export.portfolioTitle')}
            </Title>
            <Text fz="sm" c="dimmed">
              {t('matrix.export.portfolioIntro')}
            </Text>
          </div>
          <MatrixExportButtons label={t('matrix.export.portfolioTitle')} hrefOf={(format) => portfolioMatrixExportUrl(format, i18n.language)} />
        </Group>
      </Paper>
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <Paper withBorder>
          <Table verticalSpacing={6} fz="sm" striped>
            <caption className="visually-hidden">{t('matrix.orgSoa.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matrix.ref')}</Table.Th>
                <Table.Th>{t('matrix.requirement')}</Table.Th>
                <Table.Th>{t('matrix.soa.applicable')}</Table.Th>
                <Table.Th>{t('matrix.soa.justification')}</Table.Th>
                <Table.Th ta="right">{t('matrix.orgSoa.systemsApplicable')}</Table.Th>
                <Table.Th ta="right">{t('matrix.orgSoa.systemsImplemented')}</Table.Th>
                <Table.Th ta="right">{t('matrix.orgSoa.systemsNotApplicable')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={item.requirementId}>
                  <SoaCells item={item} />
                  <Table.Td ta="right">{item.systems.applicable}</Table.Td>
                  <Table.Td ta="right">{item.systems.implemented}</Table.Td>
                  <Table.Td ta="right">{item.systems.notApplicable}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
