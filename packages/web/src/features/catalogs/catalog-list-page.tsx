import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useCatalogs } from './catalog-queries';
import { ImportCatalogDialog } from './import-catalog-dialog';
import { localized } from './localized';
import { PendingUpdates } from './pending-updates';
import './catalogs.css';

/** Every catalogue, bundled or imported, the updates waiting for a decision, and the file import for catalog.manage. */
export function CatalogListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('catalogs.title'));
  const query = useCatalogs();
  const [importing, setImporting] = useState(false);

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('catalogs.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('catalogs.intro')}
          </Text>
        </div>
        <Group gap="sm">
          <Button component={Link} to="/measures" variant="default">
            {t('measures.title')}
          </Button>
          {can('requirement.read') ? (
            <Button component={Link} to="/statement-of-applicability" variant="default">
              {t('matrix.orgSoa.open')}
            </Button>
          ) : null}
          {can('catalog.manage') ? (
            <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setImporting(true)}>
              {t('catalogs.import.open')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <PendingUpdates />
      <ErrorAlert error={query.error} />
      {query.data === undefined ? (
        query.isPending ? <FullPageLoader /> : null
      ) : (
        <Paper withBorder>
          <Table striped highlightOnHover verticalSpacing="sm">
            <caption className="visually-hidden">{t('catalogs.tableCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.catalog')}</Table.Th>
                <Table.Th>{t('catalogs.kind')}</Table.Th>
                <Table.Th>{t('catalogs.version')}</Table.Th>
                <Table.Th>{t('catalogs.publisher')}</Table.Th>
                <Table.Th ta="right">{t('catalogs.requirementCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((catalog) => (
                <Table.Tr key={catalog.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/catalogs/${encodeURIComponent(catalog.id)}`} fw={500}>
                      {localized(catalog.title, i18n.language)}
                    </Anchor>
                    {catalog.source === 'imported' ? (
                      <Badge ml="xs" variant="light" color="grape" c="dark.9" size="sm">
                        {t('catalogs.imported')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`catalogs.kinds.${catalog.kind}`)}</Table.Td>
                  <Table.Td>{catalog.version}</Table.Td>
                  <Table.Td>{catalog.publisher}</Table.Td>
                  <Table.Td ta="right">{catalog.requirementCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {importing ? <ImportCatalogDialog onClose={() => setImporting(false)} /> : null}
    </Stack>
  );
}
