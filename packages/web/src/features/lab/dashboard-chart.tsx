import { useId } from 'react';
import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LabDashboardWeek } from '@konform/core';
import { formatDate } from '../../i18n/format';

type Part = 'passed' | 'failed' | 'incomplete';
const PARTS: readonly Part[] = ['passed', 'failed', 'incomplete'];

/**
 * The fill of each part: a colour and, for failed and incomplete, a pattern too, so the parts differ without colour
 * (the numbers are written above each bar and stand in the table).
 */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-failed`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="var(--mantine-color-red-7)" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="white" strokeWidth="2" />
      </pattern>
      <pattern id={`${id}-incomplete`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="var(--mantine-color-gray-6)" />
        <circle cx="3" cy="3" r="1.2" fill="white" />
      </pattern>
    </defs>
  );
}

const fillOf = (id: string, part: Part) => (part === 'passed' ? 'var(--mantine-color-teal-7)' : `url(#${id}-${part})`);

/** `2026-W48` → `48`. */
const weekNumber = (week: string) => String(Number(week.slice(-2)));

const WIDTH = 1000;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 28;
const TOP = 20;

/** Runs per ISO week as stacked bars (passed, failed, incomplete) with the count above each bar. */
export function WeeklyRunsChart({ weeks }: { weeks: readonly LabDashboardWeek[] }) {
  const { t } = useTranslation();
  const id = useId().replace(/:/g, '');
  const max = Math.max(1, ...weeks.map((w) => w.runs));
  const top = max <= 4 ? max : Math.ceil(max / 4) * 4;
  const plot = HEIGHT - BOTTOM - TOP;
  const slot = (WIDTH - LEFT) / Math.max(1, weeks.length);
  const bar = Math.min(44, slot * 0.6);
  const y = (n: number) => TOP + plot - (n / top) * plot;
  const ticks = [...new Set([0, Math.round(top / 2), top])];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title`} data-testid="lab-dashboard-chart">
      <title id={`${id}-title`}>{t('labDashboard.weeks.chart')}</title>
      <Patterns id={id} />
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-gray-3)" />
          <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="var(--mantine-color-dimmed)">
            {tick}
          </text>
        </g>
      ))}
      {weeks.map((w, i) => {
        const x = LEFT + i * slot + (slot - bar) / 2;
        let base = 0;
        return (
          <g key={w.week}>
            {PARTS.map((part) => {
              const n = w[part];
              if (n === 0) return null;
              const rect = <rect key={part} x={x} y={y(base + n)} width={bar} height={y(base) - y(base + n)} fill={fillOf(id, part)} stroke="white" strokeWidth="0.5" />;
              base += n;
              return rect;
            })}
            <text x={x + bar / 2} y={y(w.runs) - 5} textAnchor="middle" fontSize="12" fontWeight={600} fill="var(--mantine-color-text)">
              {w.runs}
            </text>
            <text x={x + bar / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="11" fill="var(--mantine-color-dimmed)">
              {t('labDashboard.weeks.weekShort', { number: weekNumber(w.week) })}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** What the fills mean, with the same fills. */
export function ChartLegend() {
  const { t } = useTranslation();
  const id = `legend${useId().replace(/:/g, '')}`;
  return (
    <Group gap="md" role="list" aria-label={t('labDashboard.weeks.legend')}>
      {PARTS.map((part) => (
        <Group key={part} gap={6} role="listitem">
          <svg width="14" height="14" aria-hidden>
            <Patterns id={id} />
            <rect width="14" height="14" fill={fillOf(id, part)} />
          </svg>
          <Text fz="sm">{t(`labDashboard.weeks.${part}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The same figures as a table: every number the chart shows, readable without it. */
export function WeeklyRunsTable({ weeks }: { weeks: readonly LabDashboardWeek[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped fz="sm" data-testid="lab-dashboard-weeks">
        <caption className="visually-hidden">{t('labDashboard.weeks.table')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('labDashboard.weeks.week')}</Table.Th>
            <Table.Th>{t('labDashboard.weeks.period')}</Table.Th>
            <Table.Th ta="right">{t('labDashboard.weeks.runs')}</Table.Th>
            {PARTS.map((part) => (
              <Table.Th key={part} ta="right">
                {t(`labDashboard.weeks.${part}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...weeks].reverse().map((w) => (
            <Table.Tr key={w.week} data-testid={`lab-dashboard-week-${w.week}`}>
              <Table.Th scope="row" fw={500}>
                {t('labDashboard.weeks.weekShort', { number: weekNumber(w.week) })}
              </Table.Th>
              <Table.Td>
                {formatDate(w.start, i18n.language)} – {formatDate(w.end, i18n.language)}
              </Table.Td>
              <Table.Td ta="right">{w.runs}</Table.Td>
              {PARTS.map((part) => (
                <Table.Td key={part} ta="right">
                  {w[part]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
