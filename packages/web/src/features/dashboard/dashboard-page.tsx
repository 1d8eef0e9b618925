import { Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardProgressCounts } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FigureCard, OverviewCard, UnitFilter, useUnitFilter } from '../../shared/overview';
import { BarChart, BarTable, type Bar } from './dashboard-charts';
import { useDashboard } from './dashboard-queries';
import { ManagementReports } from './management-reports';
import { OperationsCard } from './operations-card';

function Figures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const notReady = data.legalDates.reduce((n, l) => n + l.notReady, 0);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} role="group" aria-label={t('dashboard.figures.label')}>
      <FigureCard label={t('dashboard.figures.systems')} value={data.systems.total} testId="dashboard-figure-systems" />
      <FigureCard label={t('dashboard.figures.highRisks')} value={data.openHighRisks.total} testId="dashboard-figure-high-risks" />
      <FigureCard label={t('dashboard.figures.overdueTasks')} value={data.overdueTasks} testId="dashboard-figure-overdue-tasks" />
      <FigureCard
        label={t('dashboard.figures.nonconformities')}
        value={data.nonconformities.open}
        detail={t('dashboard.figures.nonconformitiesOverdue', { count: data.nonconformities.overdue })}
        testId="dashboard-figure-nonconformities"
      />
      <FigureCard label={t('dashboard.figures.notReady')} value={notReady} testId="dashboard-figure-not-ready" />
    </SimpleGrid>
  );
}

function ChartWithTable({ title, head, bars, testId }: { title: string; head: [string, string]; bars: Bar[]; testId: string }) {
  return (
    <Stack gap="sm">
      <BarChart title={title} bars={bars} testId={`${testId}-chart`} />
      <BarTable caption={title} head={head} bars={bars} testId={`${testId}-table`} />
    </Stack>
  );
}

function ProgressTable({ first, rows, testId }: { first: string; rows: { key: string; name: string; counts: DashboardProgressCounts }[]; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text fz="sm" c="dimmed">{t('dashboard.progress.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            {(['open', 'inProgress', 'implemented', 'verified', 'notApplicable'] as const).map((k) => (
              <Table.Th key={k} ta="right">
                {t(`dashboard.progress.${k}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('dashboard.progress.done')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, name, counts: c }) => (
            <Table.Tr key={key} data-testid={`${testId}-${key}`}>
              <Table.Th scope="row" fw={500}>
                {name}
              </Table.Th>
              <Table.Td ta="right">{c.open}</Table.Td>
              <Table.Td ta="right">{c.inProgress}</Table.Td>
              <Table.Td ta="right">{c.implemented}</Table.Td>
              <Table.Td ta="right">{c.verified}</Table.Td>
              <Table.Td ta="right">{c.notApplicable}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {c.percent === null ? '–' : t('dashboard.progress.doneOf', { done: c.done, relevant: c.relevant, percent: c.percent })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Overview({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const count = t('dashboard.count');
  const riskBars = data.systems.byRiskClass.map((r) => ({ key: r.riskClass, label: t(`classification.riskClass.${r.riskClass}`), value: r.count }));
  const stageBars = data.systems.byStage.map((s) => ({ key: s.stage, label: t(`system.stages.${s.stage}`), value: s.count }));
  const gateBars = data.labGates.map((g) => ({ key: g.status, label: t(`dashboard.gates.status.${g.status}`), value: g.count }));
  const riskLevelBars = data.openHighRisks.byLevel.map((l) => ({ key: l.level, label: l.label[lang], value: l.count }));
  return (
    <>
      <Figures data={data} />
      <OverviewCard order={2} id="dashboard-legal-title" title={t('dashboard.legal.title')} intro={t('dashboard.legal.intro')} testId="dashboard-legal">
        {data.legalDates.length === 0 ? (
          <Text fz="sm" c="dimmed">{t('dashboard.legal.none')}</Text>
        ) : (
          <List spacing="xs" data-testid="dashboard-legal-list">
            {data.legalDates.map((l) => (
              <List.Item key={l.groupId} data-testid={`dashboard-legal-${l.groupId}`}>
                <Text fz="sm" fw={l.notReady > 0 ? 600 : 400}>
                  {l.label[lang]}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </OverviewCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <OverviewCard order={2} id="dashboard-risk-class-title" title={t('dashboard.byRiskClass')} testId="dashboard-risk-class">
          <ChartWithTable title={t('dashboard.byRiskClass')} head={[t('dashboard.riskClass'), count]} bars={riskBars} testId="dashboard-risk-class" />
        </OverviewCard>
        <OverviewCard order={2} id="dashboard-stage-title" title={t('dashboard.byStage')} testId="dashboard-stage">
          <ChartWithTable title={t('dashboard.byStage')} head={[t('dashboard.stage'), count]} bars={stageBars} testId="dashboard-stage" />
        </OverviewCard>
      </SimpleGrid>
      <OverviewCard order={2} id="dashboard-progress-title" title={t('dashboard.progress.title')} intro={t('dashboard.progress.intro')} testId="dashboard-progress">
        <Stack gap="md">
          <Title order={3} fz="md">
            {t('dashboard.progress.perCatalog')}
          </Title>
          <ProgressTable first={t('dashboard.progress.catalog')} rows={data.progress.catalogs.map((c) => ({ key: c.catalogId, name: c.title[lang], counts: c }))} testId="dashboard-progress-catalogs" />
          <Title order={3} fz="md">
            {t('dashboard.progress.perUnit')}
          </Title>
          <ProgressTable first={t('dashboard.progress.unit')} rows={data.progress.units.map((u) => ({ key: u.orgUnitId, name: u.name, counts: u }))} testId="dashboard-progress-units" />
        </Stack>
      </OverviewCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <OverviewCard order={2} id="dashboard-risks-title" title={t('dashboard.highRisks.title')} intro={t('dashboard.highRisks.intro')} testId="dashboard-high-risks">
          <ChartWithTable title={t('dashboard.highRisks.title')} head={[t('dashboard.highRisks.level'), count]} bars={riskLevelBars} testId="dashboard-high-risks" />
        </OverviewCard>
        <OverviewCard order={2} id="dashboard-gates-title" title={t('dashboard.gates.title')} testId="dashboard-gates">
          <ChartWithTable title={t('dashboard.gates.title')} head={[t('dashboard.gates.statusLabel'), count]} bars={gateBars} testId="dashboard-gates" />
        </OverviewCard>
      </SimpleGrid>
      <OperationsCard data={data.operations} />
      <Text fz="xs" c="dimmed">
        {t('dashboard.asOf', { date: formatDate(data.asOf, i18n.language), act: data.actInForce })}
      </Text>
    </>
  );
}

/** The leadership overview: the portfolio in figures for a unit (or every unit reached), and the stored management reports. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [unit] = useUnitFilter();
  const query = useDashboard(unit);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('dashboard.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('dashboard.intro')}
          </Text>
        </div>
        <UnitFilter label={t('dashboard.unit')} allLabel={t('dashboard.allUnits')} filtersLabel={t('dashboard.filters')} testId="dashboard-unit" />
      </Group>
      <ErrorAlert error={query.error} />
      {query.data === undefined ? <Text c="dimmed">{query.isPending ? t('app.loading') : null}</Text> : <Overview data={query.data} />}
      <ManagementReports orgUnitId={unit} />
    </Stack>
  );
}
