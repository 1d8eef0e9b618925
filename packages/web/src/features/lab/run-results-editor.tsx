import { ActionIcon, Button, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabRunResultInput } from '@konform/core';

/** One editable row: a metric (fixed when it comes from a test case) and its measured value with uncertainty, as typed. */
export interface ResultRow {
  id: string;
  metric: string;
  /** Shown instead of an input when the metric is given by a test case ("TC-01 Genauigkeit (acc)"). */
  label: string | null;
  value: string;
  ciLower: string;
  ciUpper: string;
  stdError: string;
  sampleSize: string;
  unit: string;
}

const NUMERIC = ['value', 'ciLower', 'ciUpper', 'stdError', 'sampleSize'] as const;
type NumericField = (typeof NUMERIC)[number];

let counter = 0;
export function newRow(values: Partial<ResultRow> = {}): ResultRow {
  counter += 1;
  return { id: `row-${counter}`, metric: '', label: null, value: '', ciLower: '', ciUpper: '', stdError: '', sampleSize: '', unit: '', ...values };
}

/** A number as a person types it: "0,93" and "0.93" alike; undefined for an empty field, NaN for anything else. */
export function parseTyped(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (s === '') return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** Field errors by `<row id>.<field>`. */
export type RowErrors = Record<string, string>;

/**
 * The rows with a value as results in Konform's format, with the row each result came from (server errors name
 * `results.<n>.<field>`); errors for what is not a number.
 */
export function rowsToResults(rows: readonly ResultRow[], numberMessage: string): { results: LabRunResultInput[]; rowOf: string[]; errors: RowErrors } {
  const results: LabRunResultInput[] = [];
  const rowOf: string[] = [];
  const errors: RowErrors = {};
  for (const row of rows) {
    const n: Partial<Record<NumericField, number>> = {};
    for (const field of NUMERIC) {
      const parsed = parseTyped(row[field]);
      if (parsed !== undefined && Number.isNaN(parsed)) errors[`${row.id}.${field}`] = numberMessage;
      else if (parsed !== undefined) n[field] = parsed;
    }
    if (n.value === undefined) continue;
    results.push({
      metric: row.metric.trim(), value: n.value,
      ...(n.ciLower !== undefined ? { ciLower: n.ciLower } : {}), ...(n.ciUpper !== undefined ? { ciUpper: n.ciUpper } : {}),
      ...(n.stdError !== undefined ? { stdError: n.stdError } : {}), ...(n.sampleSize !== undefined ? { sampleSize: n.sampleSize } : {}),
      ...(row.unit.trim() !== '' ? { unit: row.unit.trim() } : {}),
    });
    rowOf.push(row.id);
  }
  return { results, rowOf, errors };
}

/** Server errors `results.<n>.<field>` as row errors. */
export function serverRowErrors(errors: Record<string, string>, rowOf: readonly string[]): RowErrors {
  const out: RowErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^results\.(\d+)\.(\w+)$/.exec(path);
    const row = m ? rowOf[Number(m[1])] : undefined;
    if (m && row !== undefined) out[`${row}.${m[2]!}`] = message;
  }
  return out;
}

interface Props {
  rows: ResultRow[];
  onChange: (rows: ResultRow[]) => void;
  errors: RowErrors;
  /** Rows with a free metric can be added and removed (amendments); rows from test cases cannot. */
  editable: boolean;
  testId: string;
}

/** A table of measured values, one row per metric; every input is named with its column and row. */
export function ResultsEditor({ rows, onChange, errors, editable, testId }: Props) {
  const { t } = useTranslation();
  const set = (id: string, field: keyof ResultRow, value: string) => onChange(rows.map((r) => (r.id === id ? { ...r, [field]: value } : r)));
  const cell = (row: ResultRow, index: number, field: NumericField | 'unit' | 'metric', width: number) => {
    const error = errors[`${row.id}.${field}`];
    return (
      <Table.Td key={field}>
        <TextInput
          size="xs"
          w={width}
          inputMode={field === 'metric' || field === 'unit' ? undefined : 'decimal'}
          aria-label={t('labRuns.editor.rowLabel', { label: t(`labRuns.editor.${field}`), row: index + 1 })}
          value={row[field]}
          error={error}
          aria-invalid={error !== undefined}
          onChange={(e) => set(row.id, field, e.currentTarget.value)}
          data-testid={`${testId}-${field}-${index}`}
        />
      </Table.Td>
    );
  };
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table withTableBorder data-testid={testId}>
          <caption className="visually-hidden">{t('labRuns.editor.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('labRuns.editor.metric')}</Table.Th>
              <Table.Th>{t('labRuns.editor.value')}</Table.Th>
              <Table.Th>{t('labRuns.editor.ciLower')}</Table.Th>
              <Table.Th>{t('labRuns.editor.ciUpper')}</Table.Th>
              <Table.Th>{t('labRuns.editor.stdError')}</Table.Th>
              <Table.Th>{t('labRuns.editor.sampleSize')}</Table.Th>
              <Table.Th>{t('labRuns.editor.unit')}</Table.Th>
              {editable ? <Table.Th>{t('lab.common.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={row.id}>
                {row.label !== null ? (
                  <Table.Td>
                    <Text fz="sm">{row.label}</Text>
                  </Table.Td>
                ) : (
                  cell(row, index, 'metric', 180)
                )}
                {cell(row, index, 'value', 100)}
                {cell(row, index, 'ciLower', 90)}
                {cell(row, index, 'ciUpper', 90)}
                {cell(row, index, 'stdError', 90)}
                {cell(row, index, 'sampleSize', 80)}
                {row.label !== null ? (
                  <Table.Td>
                    <Text fz="sm">{row.unit || '–'}</Text>
                  </Table.Td>
                ) : (
                  cell(row, index, 'unit', 70)
                )}
                {editable ? (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => onChange(rows.filter((r) => r.id !== row.id))} aria-label={t('labRuns.editor.remove', { row: index + 1 })}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editable ? (
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rows, newRow()])} style={{ alignSelf: 'flex-start' }} data-testid={`${testId}-add`}>
          {t('labRuns.editor.add')}
        </Button>
      ) : null}
    </>
  );
}
