import type { ReactNode } from 'react';
import { Anchor, Group, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useUnitOptions } from '../features/org-units/org-unit-queries';

/** The unit chosen in an overview's `?unit=` filter ('' for every unit reached). */
export function useUnitFilter(): [string, (unit: string) => void] {
  const [search, setSearch] = useSearchParams();
  return [search.get('unit') ?? '', (unit) => setSearch(unit === '' ? {} : { unit }, { replace: true })];
}

/** The unit filter of an overview page (leadership, lab, AI management system), kept in the URL. */
export function UnitFilter({ label, allLabel, filtersLabel, testId }: { label: string; allLabel: string; filtersLabel: string; testId: string }) {
  const [unit, setUnit] = useUnitFilter();
  const { options } = useUnitOptions();
  return (
    <Group align="flex-end" role="search" aria-label={filtersLabel}>
      <NativeSelect label={label} value={unit} data={[{ value: '', label: allLabel }, ...options]} onChange={(e) => setUnit(e.currentTarget.value)} data-testid={testId} />
    </Group>
  );
}

/** One key figure of an overview: a label, the value large, and an optional detail line. */
export function FigureCard({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {detail ? (
        <Text fz="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Paper>
  );
}

/** A titled section of an overview, optionally with a link to the full list. */
export function OverviewCard({ id, title, intro, more, children, testId, order = 3 }: { id: string; title: string; intro?: string; more?: { to: string; label: string }; children: ReactNode; testId: string; order?: 2 | 3 }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id} data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Title order={order} fz="lg" id={id}>
          {title}
        </Title>
        {more ? (
          <Anchor component={Link} to={more.to} fz="sm">
            {more.label}
          </Anchor>
        ) : null}
      </Group>
      {intro ? (
        <Text fz="sm" c="dimmed" mb="sm">
          {intro}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}
