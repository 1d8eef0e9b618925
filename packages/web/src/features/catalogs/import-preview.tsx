import { Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CatalogUpdatePreview } from '@konform/core';
import { DiffSummary } from './catalog-diff-view';
import { ImpactSummaryTable } from './impact-summary-table';
import { ImportIssuesTable } from './import-issues-table';
import { localized } from './localized';

/** The dry run's answer: what the file is, whether it is valid (each error by place), what changes and for whom. */
export function ImportPreview({ preview }: { preview: CatalogUpdatePreview }) {
  const { t, i18n } = useTranslation();
  const facts: [string, string][] = [
    [t('catalogs.import.format'), t(`catalogs.formats.${preview.format}`)],
    [t('catalogs.catalog'), preview.title === null ? preview.catalogId : `${localized(preview.title, i18n.language)} (${preview.catalogId})`],
    [t('catalogs.version'), preview.version ?? '–'],
    [t('catalogs.requirementCount'), String(preview.requirementCount)],
    [t('catalogs.import.measureCount'), String(preview.measureCount)],
    [t('catalogs.import.mappingCount'), String(preview.mappingCount)],
  ];
  return (
    <Stack gap="sm" component="section" aria-labelledby="import-preview-title" data-testid="import-preview">
      <Title order={3} fz="md" id="import-preview-title">
        {t('catalogs.import.previewTitle')}
      </Title>
      {preview.valid ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} role="status">
          <Text fz="sm">{t('catalogs.import.valid')}</Text>
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert" title={t('catalogs.import.invalidTitle', { count: preview.errors.length })}>
          <Text fz="sm">{t('catalogs.import.invalidText')}</Text>
        </Alert>
      )}
      <Table verticalSpacing={2} fz="sm" withRowBorders={false} maw={640}>
        <caption className="visually-hidden">{t('catalogs.import.factsCaption')}</caption>
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w="14rem" fw={500}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {preview.errors.length > 0 ? <ImportIssuesTable issues={preview.errors} /> : null}
      {preview.warnings.length > 0 ? (
        <Alert color="yellow" variant="light" title={t('catalogs.import.warnings', { count: preview.warnings.length })}>
          <List size="sm" spacing={2}>
            {preview.warnings.map((w, i) => (
              <List.Item key={`${i}:${w}`}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {preview.diff !== null ? (
        <div>
          <Title order={4} fz="sm" mb={4}>
            {preview.diff.from === null ? t('catalogs.import.newCatalog') : t('catalogs.import.comparedWith', { version: preview.diff.from })}
          </Title>
          <DiffSummary diff={preview.diff} />
        </div>
      ) : null}
      {preview.impact !== null ? (
        <div>
          <Title order={4} fz="sm" mb={4}>
            {t('catalogs.impact.title')}
          </Title>
          <ImpactSummaryTable impact={preview.impact} />
        </div>
      ) : null}
    </Stack>
  );
}
