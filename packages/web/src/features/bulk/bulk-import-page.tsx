import { useState } from 'react';
import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { BULK_COLUMNS, BULK_KINDS, type BulkKind, type BulkPreview, type BulkRowResult } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { WRITE_PERMISSION } from './bulk-actions';
import { useBulkDownload, useBulkImport, useBulkPreview } from './bulk-queries';

const ACTION_COLORS: Record<BulkRowResult['action'], string> = { create: 'green', update: 'blue', unchanged: 'gray', error: 'red' };
const BACK: Record<BulkKind, string> = { systems: '/systems', risks: '/risks' };

function useColumnLabel(kind: BulkKind) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  return (key: string) => BULK_COLUMNS[kind].find((c) => c.key === key)?.label[lang] ?? (key === 'row' || key === 'file' ? t('bulk.wholeRow') : key);
}

type CellProblem = BulkRowResult['errors'][number];

/** A problem in the UI's language where its code is known; the server's English text otherwise. */
function useProblemText() {
  const { t, i18n } = useTranslation();
  return (e: CellProblem) => (e.code && i18n.exists(`bulk.errors.${e.code}`) ? t(`bulk.errors.${e.code}` as 'bulk.errors.required', { detail: e.detail ?? '' }) : e.message);
}

function PreviewTable({ kind, preview }: { kind: BulkKind; preview: BulkPreview }) {
  const { t } = useTranslation();
  const label = useColumnLabel(kind);
  const problem = useProblemText();
  return (
    <Table striped withTableBorder data-testid="bulk-preview-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('bulk.table.row')}</Table.Th>
          <Table.Th>{t('bulk.table.action')}</Table.Th>
          <Table.Th>{t('bulk.table.record')}</Table.Th>
          <Table.Th>{t('bulk.table.changes')}</Table.Th>
          <Table.Th>{t('bulk.table.errors')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.rows.map((r) => (
          <Table.Tr key={r.row} data-testid={`bulk-row-${r.row}`} data-action={r.action}>
            <Table.Td>{r.row}</Table.Td>
            <Table.Td><Badge color={ACTION_COLORS[r.action]} variant="light" c="dark.9" tt="none" miw="max-content">{t(`bulk.action.${r.action}`)}</Badge></Table.Td>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {r.changes.map((c) => <Badge key={c} variant="outline" color="gray" size="sm" tt="none">{label(c)}</Badge>)}
              </Group>
            </Table.Td>
            <Table.Td>
              {r.errors.map((e, i) => (
                <Text key={i} c="red.9" fz="sm" data-testid="bulk-cell-error" data-column={e.column}>
                  <Text span inherit fw={700}>{label(e.column)}</Text>: {problem(e)}
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Upload an XLSX or CSV file, see per row what it would do and which cells are wrong, then import all or nothing. */
export function BulkImportPage() {
  const { kind: param } = useParams();
  const kind = (BULK_KINDS as readonly string[]).includes(param ?? '') ? (param as BulkKind) : null;
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t(`bulk.title.${kind ?? 'systems'}`));
  const [file, setFile] = useState<File | null>(null);
  const preview = useBulkPreview(kind ?? 'systems');
  const run = useBulkImport(kind ?? 'systems');
  const template = useBulkDownload();
  const label = useColumnLabel(kind ?? 'systems');
  const problem = useProblemText();
  if (!kind || !can(WRITE_PERMISSION[kind])) return <Navigate to="/" replace />;
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const result = preview.data;
  const choose = (next: File | null) => {
    setFile(next);
    preview.reset();
    run.reset();
  };

  return (
    <Stack gap="md" maw={1440}>
      <div>
        <Title order={1}>{t(`bulk.title.${kind}`)}</Title>
        <Text c="dimmed" fz="sm">{t(`bulk.intro.${kind}`)}</Text>
      </div>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group align="flex-end">
            <FileInput
              label={t('bulk.file')}
              description={t('bulk.fileHint')}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={choose}
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              clearable
              clearButtonProps={{ 'aria-label': t('bulk.clearFile') }}
              w={420}
              data-testid="bulk-file"
            />
            <Button onClick={() => file && preview.mutate(file)} disabled={!file} loading={preview.isPending} data-testid="bulk-check">
              {t('bulk.check')}
            </Button>
          </Group>
          <Group gap="xs">
            <Text fz="sm" c="dimmed">{t('bulk.template')}</Text>
            <Anchor component="button" fz="sm" onClick={() => template.mutate({ path: `/bulk/${kind}/template`, params: { format: 'xlsx', lang } })}>XLSX</Anchor>
            <Anchor component="button" fz="sm" onClick={() => template.mutate({ path: `/bulk/${kind}/template`, params: { format: 'csv', lang } })}>CSV</Anchor>
          </Group>
        </Stack>
      </Paper>
      <ErrorAlert error={preview.error ?? template.error} />
      {result ? (
        <Stack gap="sm">
          {result.fileErrors.length > 0 ? (
            <Alert color="red" title={t('bulk.fileErrors')} data-testid="bulk-file-errors">
              {result.fileErrors.map((e, i) => <Text key={i} fz="sm">{label(e.column)}: {problem(e)}</Text>)}
            </Alert>
          ) : (
            <Text data-testid="bulk-summary">{t('bulk.summary', result.summary)}</Text>
          )}
          {result.rows.length > 0 ? <PreviewTable kind={kind} preview={result} /> : null}
          {run.data ? (
            <Alert color="green" title={t('bulk.done.title')} data-testid="bulk-done">
              {t('bulk.done.text', run.data.summary)} <Anchor component={Link} to={BACK[kind]}>{t(`bulk.back.${kind}`)}</Anchor>
            </Alert>
          ) : (
            <Group>
              <Button onClick={() => file && run.mutate(file)} disabled={!result.ready || result.rows.length === 0 || !file} loading={run.isPending} data-testid="bulk-run">
                {t('bulk.run')}
              </Button>
              {!result.ready ? <Text c="red.9" fz="sm">{t('bulk.fixFirst')}</Text> : null}
            </Group>
          )}
          <ErrorAlert error={run.error} />
        </Stack>
      ) : null}
    </Stack>
  );
}
