import { useId } from 'react';
import { Table } from '@mantine/core';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 720;
const ROW = 30;
const LABEL = 300;
const VALUE = 48;

/**
 * Horizontal bars in plain SVG, one per entry, each with its label and its value written beside it: the figures read
 * without colour or the bar lengths. Pair it with <BarTable> holding the same numbers.
 */
export function BarChart({ title, bars, testId }: { title: string; bars: readonly Bar[]; testId: string }) {
  const id = useId().replace(/:/g, '');
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 8;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} data-testid={testId} style={{ maxWidth: WIDTH }}>
      <title id={`${id}-title`}>{`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}</title>
      {bars.map((b, i) => {
        const y = 4 + i * ROW;
        const w = b.value === 0 ? 0 : Math.max(2, (b.value / max) * plot);
        return (
          <g key={b.key}>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="13" fill="var(--mantine-color-text)">
              {b.label}
            </text>
            <rect x={LABEL} y={y + 5} width={plot} height={ROW - 10} fill="var(--mantine-color-gray-1)" />
            <rect x={LABEL} y={y + 5} width={w} height={ROW - 10} fill="var(--mantine-color-blue-8)" />
            <text x={LABEL + w + 6} y={y + ROW / 2 + 4} fontSize="13" fontWeight={600} fill="var(--mantine-color-text)">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The chart's numbers as a table, for screen readers and for reading exact values. */
export function BarTable({ caption, head, bars, testId }: { caption: string; head: [string, string]; bars: readonly Bar[]; testId: string }) {
  return (
    <Table striped fz="sm" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head[0]}</Table.Th>
          <Table.Th ta="right">{head[1]}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bars.map((b) => (
          <Table.Tr key={b.key} data-testid={`${testId}-${b.key}`}>
            <Table.Th scope="row" fw={500}>
              {b.label}
            </Table.Th>
            <Table.Td ta="right">{b.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
