import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';

interface Props {
  testId: string;
  /** For screen readers. */
  caption: string;
  /** The header cells. */
  head: ReactNode;
  columns: number;
  /** Shown in place of the rows when there are none. */
  empty: string;
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  rows: ReactNode[];
  /** Rows light up under the pointer (default). */
  highlightOnHover?: boolean;
  /** Keep the scroll area even when there are no rows. */
  scrollWhenEmpty?: boolean;
}

/** A striped register table: a caption for screen readers, a header row, and a line in words when it is empty. */
export function RegisterTable({ testId, caption, head, columns, empty, minWidth, rows, highlightOnHover = true, scrollWhenEmpty = false }: Props) {
  const table = (
    <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>{head}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={columns}>
              <Text c="dimmed" ta="center" p="md">
                {empty}
              </Text>
            </Table.Td>
          </Table.Tr>
        ) : (
          rows
        )}
      </Table.Tbody>
    </Table>
  );
  // An empty table needs no horizontal scrolling (and a scroll area without anything focusable would trap no one).
  return rows.length === 0 && !scrollWhenEmpty ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}
