import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** What an import left aside: one row per field or path with the reason (model cards, CycloneDX BOMs). */
export function ReasonTable({ head, rows, testId }: { head: [string, string]; rows: { key: string; what: ReactNode; reason: string }[]; testId: string }) {
  return (
    <Table fz="sm" withTableBorder data-testid={testId}>
      <Table.Thead>
        <Table.Tr><Table.Th>{head[0]}</Table.Th><Table.Th>{head[1]}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.what}</Table.Td>
            <Table.Td>{r.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
