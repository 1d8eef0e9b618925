import { Anchor, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Dashboard } from '@konform/core';
import { formatDateTime } from '../../i18n/format';
import { FigureCard, OverviewCard } from '../../shared/overview';

/** What runs after release: incidents with running deadlines, post-market monitoring, conformity assessments, audits. */
export function OperationsCard({ data }: { data: Dashboard['operations'] }) {
  const { t, i18n } = useTranslation();
  const { incidents, monitoring, assessments, audits } = data;
  return (
    <OverviewCard order={2} id="dashboard-operations-title" title={t('dashboard.operations.title')} intro={t('dashboard.operations.intro')} testId="dashboard-operations">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <FigureCard label={t('dashboard.operations.incidents')} value={incidents.running} detail={t('dashboard.operations.incidentsOverdue', { count: incidents.overdue })} testId="dashboard-incidents" />
          <FigureCard
            label={t('dashboard.operations.monitoring')}
            value={monitoring.activePlans}
            detail={t('dashboard.operations.monitoringDetail', { breaches: monitoring.breachesLast30Days, overdue: monitoring.overdueIndicators })}
            testId="dashboard-monitoring"
          />
          <FigureCard
            label={t('dashboard.operations.assessments')}
            value={assessments.inProgress}
            detail={t('dashboard.operations.assessmentsDetail', { completed: assessments.completed, expiring: assessments.certificatesExpiring + assessments.certificatesExpired, changes: assessments.changesAwaitingAssessment })}
            testId="dashboard-assessments"
          />
          <FigureCard label={t('dashboard.operations.audits')} value={audits.inProgress} detail={t('dashboard.operations.findings', { count: audits.openFindings })} testId="dashboard-audits" />
        </SimpleGrid>
        {incidents.next.length > 0 ? (
          <div>
            <Title order={3} fz="md" mb="xs">
              {t('dashboard.operations.nextDeadlines')}
            </Title>
            <List spacing={4} data-testid="dashboard-incident-deadlines">
              {incidents.next.map((i) => (
                <List.Item key={`${i.incidentId}-${i.duty}`}>
                  <Text fz="sm">
                    <Anchor component={Link} to={`/incidents/${i.incidentId}`}>
                      {i.ref} {i.title}
                    </Anchor>{' '}
                    ({i.systemName}) – {t(`incidents.duty.${i.duty}`, { defaultValue: i.duty })}: {formatDateTime(i.dueAt, i18n.language)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
      </Stack>
    </OverviewCard>
  );
}
