import { useMemo } from 'react';
import { Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiteracySummary, UnitTrainingStatus } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { LiteracyExportButtons } from './literacy-export-buttons';
import { useUnitStatus } from './literacy-queries';
import { CourseStateCell, SummaryText } from './training-state';

interface Props {
  unitId: string;
  onUnitChange: (unitId: string) => void;
}

function SummaryFigures({ summary }: { summary: LiteracySummary }) {
  const { t } = useTranslation();
  const figures = [
    ['required', summary.required],
    ['current', summary.current],
    ['due', summary.due],
    ['overdue', summary.overdue],
    ['percent', summary.percentCurrent === null ? t('common.none') : `${summary.percentCurrent} %`],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" component="dl" data-testid="literacy-unit-summary">
      {figures.map(([key, value]) => (
        <Paper key={key} withBorder p="sm" radius="sm">
          <Text component="dt" fz="xs" c="dimmed">
            {t(`literacy.summary.${key}`)}
          </Text>
          <Text component="dd" fz="xl" fw={700} m={0} data-figure={key}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** Courses required of anyone in the unit, by title: the columns of the table. */
function requiredColumns(status: UnitTrainingStatus) {
  const titles = new Map<string, string>();
  for (const user of status.users) for (const c of user.courses) titles.set(c.courseId, c.courseTitle);
  return [...titles.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, title]) => ({ id, title }));
}

/** A unit's literacy: the sums, then each member × each required course with its state, then each sub-unit's sums. */
export function UnitStatusTab({ unitId, onUnitChange }: Props) {
  const { t, i18n } = useTranslation();
  const { options } = useUnitOptions();
  const query = useUnitStatus(unitId);
  const status = query.data;
  const columns = useMemo(() => (status === undefined ? [] : requiredColumns(status)), [status]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <NativeSelect
          label={t('literacy.unit.picker')}
          value={unitId}
          data={[{ value: '', label: t('literacy.unit.choose'), disabled: true }, ...options]}
          onChange={(e) => onUnitChange(e.currentTarget.value)}
          miw={320}
          data-testid="literacy-unit-picker"
        />
        {unitId !== '' ? <LiteracyExportButtons orgUnitId={unitId} /> : null}
      </Group>
      {unitId === '' ? (
        <Text c="dimmed">{t('literacy.unit.chooseFirst')}</Text>
      ) : status === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <>
          <div>
            <Title order={2} fz="h3">
              {t('literacy.unit.title', { unit: status.orgUnitName })}
            </Title>
            <Text fz="sm" c="dimmed">
              {t('literacy.unit.asOf', { date: formatDate(status.asOf, i18n.language) })} · <SummaryText summary={status.summary} />
            </Text>
          </div>
          <SummaryFigures summary={status.summary} />
          <ErrorAlert error={query.error} />
          <Table.ScrollContainer minWidth={640}>
            <Table striped withColumnBorders data-testid="literacy-unit-table">
              <caption className="visually-hidden">{t('literacy.unit.caption', { unit: status.orgUnitName })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('literacy.fields.person')}</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.id} scope="col">
                      {c.title}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.users.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns.length + 1}>
                      <Text c="dimmed" ta="center" p="md">
                        {t('literacy.unit.noMembers')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  status.users.map((user) => (
                    <Table.Tr key={user.userId} data-testid={`literacy-unit-row-${user.userId}`}>
                      <Table.Th scope="row" fw={500}>
                        {user.displayName}
                      </Table.Th>
                      {columns.map((c) => {
                        const course = user.courses.find((x) => x.courseId === c.id);
                        return (
                          <Table.Td key={c.id} data-course={c.id}>
                            {course === undefined ? (
                              <Text fz="xs" c="dimmed">
                                {t('literacy.unit.notRequired')}
                              </Text>
                            ) : (
                              <CourseStateCell course={course} />
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {status.units.length > 0 ? (
            <section aria-labelledby="literacy-subunits">
              <Title order={3} fz="md" id="literacy-subunits" mb="xs">
                {t('literacy.unit.subUnits')}
              </Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('literacy.fields.unit')}</Table.Th>
                    <Table.Th>{t('literacy.summary.required')}</Table.Th>
                    <Table.Th>{t('literacy.summary.current')}</Table.Th>
                    <Table.Th>{t('literacy.summary.due')}</Table.Th>
                    <Table.Th>{t('literacy.summary.overdue')}</Table.Th>
                    <Table.Th>{t('literacy.summary.percent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {status.units.map((u) => (
                    <Table.Tr key={u.orgUnitId}>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td>{u.summary.required}</Table.Td>
                      <Table.Td>{u.summary.current}</Table.Td>
                      <Table.Td>{u.summary.due}</Table.Td>
                      <Table.Td>{u.summary.overdue}</Table.Td>
                      <Table.Td>{u.summary.percentCurrent === null ? t('common.none') : `${u.summary.percentCurrent} %`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          ) : null}
        </>
      )}
    </Stack>
  );
}
