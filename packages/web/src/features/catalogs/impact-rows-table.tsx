import type { ReactNode } from 'react';
import { Table, type TableTdProps, type TableThProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImpactRow } from '@konform/core';
import { formatLegalRef } from '../../i18n/legal-ref';
import { localized } from './localized';

/** A column after the reference and the requirement: its header, the cell of a row, and props of both cells. */
export interface ImpactColumn<R extends ImpactRow> {
  key: string;
  header: string;
  th?: TableThProps;
  td?: TableTdProps;
  cell: (row: R) => ReactNode;
}

interface Props<R extends ImpactRow> {
  rows: readonly R[];
  /** For screen readers. */
  caption: string;
  columns: readonly ImpactColumn<R>[];
}

/** Matrix rows of an update's impact: reference and requirement, then the given columns. */
export function ImpactRowsTable<R extends ImpactRow>({ rows, caption, columns }: Props<R>) {
  const { t, i18n } = useTranslation();
  const all: readonly ImpactColumn<R>[] = [
    { key: 'ref', header: t('matrix.ref'), th: { w: '10rem' }, td: { style: { whiteSpace: 'nowrap' } }, cell: (row) => formatLegalRef(row.ref, i18n.language) },
    { key: 'requirement', header: t('matrix.requirement'), cell: (row) => localized(row.title, i18n.language) },
    ...columns,
  ];
  return (
    <Table verticalSpacing={4} fz="sm" striped>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          {all.map((column) => (
            <Table.Th key={column.key} {...column.th}>
              {column.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.requirementId}>
            {all.map((column) => (
              <Table.Td key={column.key} {...column.td}>
                {column.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
