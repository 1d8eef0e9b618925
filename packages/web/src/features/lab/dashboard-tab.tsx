import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LabDashboard } from '@konform/core';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FigureCard, UnitFilter, useUnitFilter } from '../../shared/overview';
import { ChartLegend, WeeklyRunsChart, WeeklyRunsTable } from './dashboard-chart';
import { DashboardCard, EnvironmentsDueList, LatestRunsTable, MethodsAwaitingList, OpenGatesList, SubjectsTable } from './dashboard-cards';
import { useLabDashboard } from './dashboard-queries';

/** The key figures: runs in the 12 weeks, the pass rate in 90 days, and what needs attention. */
function Figures({ data }: { data: LabDashboard }) {
  const { t, i18n } = useTranslation();
  const runs = data.weeks.reduce((n, w) => n + w.runs, 0);
  const total = data.subjects.reduce((n, s) => n + s.runs, 0);
  const passed = data.subjects.reduce((n, s) => n + s.passed, 0);
  const rate = total === 0 ? '–' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(passed / total);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} role="group" aria-label={t('labDashboard.figures.label')}>
      <FigureCard label={t('labDashboard.figures.runs')} value={String(runs)} testId="lab-figure-runs" />
      <FigureCard
        label={t('labDashboard.figures.passRate')}
        value={rate}
        detail={total === 0 ? t('labDashboard.figures.noRate') : t('labDashboard.figures.passRateOf', { passed, runs: total })}
        testId="lab-figure-pass-rate"
      />
      <FigureCard label={t('labDashboard.figures.openGates')} value={String(data.openGates.length)} testId="lab-figure-open-gates" />
      <FigureCard label={t('labDashboard.figures.environmentsDue')} value={String(data.environmentsDue.length)} testId="lab-figure-environments" />
      <FigureCard label={t('labDashboard.figures.methodsAwaiting')} value={String(data.methodsAwaitingValidation.length)} testId="lab-figure-methods" />
    </SimpleGrid>
  );
}

/** The lab overview: key figures, runs per week, pass rate per system, open gates, environments and methods due, latest runs. */
export function DashboardTab() {
  const { t, i18n } = useTranslation();
  const [unit] = useUnitFilter();
  const query = useLabDashboard(unit);
  const data = query.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('labDashboard.title')}</Title>
          <Text c="dimmed" fz="sm">
            {t('labDashboard.intro')}
          </Text>
        </div>
        <UnitFilter label={t('labDashboard.unit')} allLabel={t('labDashboard.allUnits')} filtersLabel={t('labDashboard.filters')} testId="lab-dashboard-unit" />
      </Group>
      <ErrorAlert error={query.error} />
      {data === undefined ? (
        <Text c="dimmed">{query.isPending ? t('app.loading') : null}</Text>
      ) : (
        <>
          <Text fz="sm" c="dimmed">
            {t('labDashboard.asOf', { date: formatDate(data.asOf, i18n.language) })}
          </Text>
          <Figures data={data} />
          <DashboardCard id="lab-dashboard-weeks-title" title={t('labDashboard.weeks.title')} intro={t('labDashboard.weeks.intro')} testId="lab-dashboard-weeks-card">
            <Stack gap="md">
              <WeeklyRunsChart weeks={data.weeks} />
              <ChartLegend />
              <WeeklyRunsTable weeks={data.weeks} />
            </Stack>
          </DashboardCard>
          <DashboardCard
            id="lab-dashboard-subjects-title"
            title={t('labDashboard.subjects.title')}
            intro={t('labDashboard.subjects.intro', { date: formatDate(data.passRateSince, i18n.language) })}
            testId="lab-dashboard-subjects-card"
          >
            <SubjectsTable subjects={data.subjects} />
          </DashboardCard>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <DashboardCard id="lab-dashboard-gates-title" title={t('labDashboard.gates.title')} more={{ to: '/lab?tab=gates', label: t('labDashboard.gates.toList') }} testId="lab-dashboard-gates-card">
              <OpenGatesList gates={data.openGates} />
            </DashboardCard>
            <DashboardCard
              id="lab-dashboard-environments-title"
              title={t('labDashboard.environments.title')}
              intro={t('labDashboard.environments.intro')}
              more={{ to: '/lab?tab=environments', label: t('labDashboard.environments.toList') }}
              testId="lab-dashboard-environments-card"
            >
              <EnvironmentsDueList environments={data.environmentsDue} />
            </DashboardCard>
            <DashboardCard
              id="lab-dashboard-methods-title"
              title={t('labDashboard.methods.title')}
              intro={t('labDashboard.methods.intro')}
              more={{ to: '/lab?tab=methods', label: t('labDashboard.methods.toList') }}
              testId="lab-dashboard-methods-card"
            >
              <MethodsAwaitingList methods={data.methodsAwaitingValidation} />
            </DashboardCard>
          </SimpleGrid>
          <DashboardCard id="lab-dashboard-latest-title" title={t('labDashboard.latest.title')} more={{ to: '/lab?tab=runs', label: t('labDashboard.latest.toList') }} testId="lab-dashboard-latest-card">
            <LatestRunsTable runs={data.latestRuns} />
          </DashboardCard>
        </>
      )}
    </Stack>
  );
}
