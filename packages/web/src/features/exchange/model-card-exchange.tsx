import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModelCardImportResult } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { DownloadButton } from './download-button';
import { ExchangeProblem } from './exchange-problem';
import { useImportModelCard } from './exchange-queries';
import { FileImportForm } from './file-import-form';
import { ReasonTable } from './reason-table';

/** Why the server left a field (its reasons are fixed per field: hf-model-card.ts), in the UI language. */
const REASONS: Record<string, 'text' | 'licence'> = { text: 'text', license: 'licence' };

/** A field name of the card's front matter in words (the YAML key stays visible for people comparing with the file). */
function useFieldName() {
  const { t } = useTranslation();
  return (field: string) => `${t(`exchange.modelCard.fields.${field}`, { defaultValue: field })} (${field})`;
}

/** What the import took over: fields with their values, the evaluation results, and what it left with the reason. */
function TakenOver({ result }: { result: ModelCardImportResult }) {
  const { t } = useTranslation();
  const name = useFieldName();
  return (
    <Stack gap="xs" data-testid="model-card-result">
      <Alert color="green" variant="light" role="status">
        <Text fz="sm">{result.licenceTaken ? t('exchange.modelCard.licenceTaken') : t('exchange.modelCard.licenceKept')}</Text>
      </Alert>
      <Title order={4} fz="sm">{t('exchange.modelCard.taken')}</Title>
      <Table fz="sm" withTableBorder data-testid="model-card-taken">
        <Table.Thead>
          <Table.Tr><Table.Th>{t('exchange.modelCard.field')}</Table.Th><Table.Th>{t('exchange.modelCard.value')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.taken.map((x) => (
            <Table.Tr key={x.field} data-testid={`model-card-taken-${x.field}`}>
              <Table.Td>{name(x.field)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{x.field === 'model-index' ? t('exchange.modelCard.resultCount', { count: result.results.length }) : x.value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.results.length > 0 ? (
        <>
          <Title order={4} fz="sm">{t('exchange.modelCard.results')}</Title>
          <Table fz="sm" withTableBorder data-testid="model-card-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.modelCard.task')}</Table.Th>
                <Table.Th>{t('exchange.modelCard.dataset')}</Table.Th>
                <Table.Th>{t('exchange.modelCard.split')}</Table.Th>
                <Table.Th>{t('exchange.modelCard.metric')}</Table.Th>
                <Table.Th>{t('exchange.modelCard.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.results.map((r, i) => (
                <Table.Tr key={`${i}:${r.metric}`}>
                  <Table.Td>{r.task || '–'}</Table.Td>
                  <Table.Td>{r.dataset || '–'}</Table.Td>
                  <Table.Td>{r.split || '–'}</Table.Td>
                  <Table.Td>{r.metric}</Table.Td>
                  <Table.Td>{String(r.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      {result.ignored.length > 0 ? (
        <>
          <Title order={4} fz="sm">{t('exchange.modelCard.ignored')}</Title>
          <ReasonTable
            head={[t('exchange.modelCard.field'), t('exchange.modelCard.reason')]}
            rows={result.ignored.map((x) => ({ key: x.field, what: name(x.field), reason: t(`exchange.modelCard.reasons.${REASONS[x.field] ?? 'noField'}`) }))}
            testId="model-card-ignored"
          />
        </>
      ) : null}
    </Stack>
  );
}

/** On a model version: import a Hugging Face model card (README.md) and download one written from the records. */
export function ModelCardExchange({ modelId, versionId, label }: { modelId: string; versionId: string; label: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const importCard = useImportModelCard(modelId, versionId);
  return (
    <Stack gap="xs" component="section" aria-label={t('exchange.modelCard.title')} data-testid="model-card-exchange">
      <Title order={4} fz="sm">{t('exchange.modelCard.title')}</Title>
      <Text fz="sm" c="dimmed">{t('exchange.modelCard.text')}</Text>
      <Group align="flex-start" gap="xl">
        {can('model.edit') ? (
          <FileImportForm
            accept=".md,.markdown,text/markdown,text/plain"
            hint={t('exchange.hints.markdown')}
            submitLabel={t('exchange.modelCard.import')}
            pending={importCard.isPending}
            onSubmit={(file) => importCard.mutate(file)}
            testId="model-card-import"
          />
        ) : null}
        <DownloadButton path={`/models/${modelId}/versions/${versionId}/model-card`} fallbackName={`${label}.README.md`} label={t('exchange.modelCard.export')} testId="model-card-export" />
      </Group>
      <ExchangeProblem error={importCard.error} testId="model-card-problem" />
      {importCard.data ? <TakenOver result={importCard.data} /> : null}
    </Stack>
  );
}
