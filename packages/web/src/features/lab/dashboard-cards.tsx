import type { ReactNode } from 'react';
import { Anchor, Group, List, Progress, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LabDashboardEnvironment, LabDashboardGate, LabDashboardMethod, LabDashboardRun, LabDashboardSubject } from '@konform/core';
import { formatDate, formatDateTime } from '../../i18n/format';
import { EnvironmentStatusBadge, MethodStatusBadge } from './lab-badges';
import { RunVerdictBadge } from './run-badges';

export { OverviewCard as DashboardCard } from '../../shared/overview';

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" c="dimmed">
      {children}
    </Text>
  );
}

const percent = (rate: number, language: string) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);

/** Pass rate per AI system (or model): counts as numbers, the rate as a bar and in words. */
export function SubjectsTable({ subjects }: { subjects: readonly LabDashboardSubject[] }) {
  const { t, i18n } = useTranslation();
  if (subjects.length === 0) return <Empty>{t('labDashboard.subjects.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table fz="sm" data-testid="lab-dashboard-subjects">
        <caption className="visually-hidden">{t('labDashboard.subjects.table')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('labDashboard.subjects.name')}</Table.Th>
            <Table.Th ta="right">{t('labDashboard.subjects.runs')}</Table.Th>
            <Table.Th ta="right">{t('labDashboard.subjects.passed')}</Table.Th>
            <Table.Th ta="right">{t('labDashboard.subjects.failed')}</Table.Th>
            <Table.Th w={200}>{t('labDashboard.subjects.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subjects.map((s) => {
            const rate = s.passRate === null ? '–' : percent(s.passRate, i18n.language);
            return (
              <Table.Tr key={`${s.kind}:${s.id}`} data-testid={`lab-dashboard-subject-${s.id}`}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} to={s.kind === 'system' ? `/systems/${s.id}` : `/models/${s.id}`} fz="sm">
                    {s.name}
                  </Anchor>
                  <Text span fz="xs" c="dimmed">
                    {' '}
                    · {t(`labDashboard.subjects.kind.${s.kind}`)}
                  </Text>
                </Table.Th>
                <Table.Td ta="right">{s.runs}</Table.Td>
                <Table.Td ta="right">{s.passed}</Table.Td>
                <Table.Td ta="right">{s.failed}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={(s.passRate ?? 0) * 100} color="teal" w={110} aria-label={t('labDashboard.subjects.rateLabel', { name: s.name, rate })} />
                    <Text fz="sm" fw={600}>
                      {rate}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Open gates with how many checks fail now. */
export function OpenGatesList({ gates }: { gates: readonly LabDashboardGate[] }) {
  const { t, i18n } = useTranslation();
  if (gates.length === 0) return <Empty>{t('labDashboard.gates.empty')}</Empty>;
  return (
    <List spacing="xs" size="sm" listStyleType="none" data-testid="lab-dashboard-gates">
      {gates.map((g) => {
        const failing = g.failingChecks ?? 0;
        const checks =
          g.failingChecks === null || g.totalChecks === null
            ? t('labDashboard.gates.unknown')
            : failing > 0
              ? t('labDashboard.gates.failing', { count: failing, total: g.totalChecks })
              : t('labDashboard.gates.allPassed', { total: g.totalChecks });
        const Icon = g.failingChecks === null ? IconCircleDashed : failing > 0 ? IconAlertTriangle : IconCircleCheck;
        return (
          <List.Item key={g.id} data-testid={`lab-dashboard-gate-${g.id}`}>
            <Anchor component={Link} to={`/lab/gates/${g.id}`} fz="sm" fw={600}>
              {t('labDashboard.gates.number', { number: g.number })}: {g.title}
            </Anchor>
            <Text fz="xs" c="dimmed">
              {g.subjectName} · {g.planName} · {t('labDashboard.gates.since', { date: formatDate(g.createdAt, i18n.language) })}
            </Text>
            <Group gap={4}>
              <Icon size={14} aria-hidden color={failing > 0 ? 'var(--mantine-color-red-8)' : undefined} />
              <Text fz="xs" fw={failing > 0 ? 600 : 400}>
                {checks}
              </Text>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}

/** Records that need attention: each a link to its page, a status badge and a line of detail. */
function AttentionList<T extends { id: string; name: string }>({ items, empty, to, badge, detail, testId }: { items: readonly T[]; empty: string; to: (item: T) => string; badge: (item: T) => ReactNode; detail: (item: T) => string; testId: string }) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <List spacing="xs" size="sm" listStyleType="none" data-testid={testId}>
      {items.map((item) => (
        <List.Item key={item.id}>
          <Stack gap={2}>
            <Anchor component={Link} to={to(item)} fz="sm" fw={600}>
              {item.name}
            </Anchor>
            <Group gap="xs">
              {badge(item)}
              <Text fz="xs" c="dimmed">
                {detail(item)}
              </Text>
            </Group>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}

export function EnvironmentsDueList({ environments }: { environments: readonly LabDashboardEnvironment[] }) {
  const { t } = useTranslation();
  return (
    <AttentionList
      items={environments}
      empty={t('labDashboard.environments.empty')}
      to={(e) => `/lab/environments/${e.id}`}
      badge={(e) => <EnvironmentStatusBadge status={e.status} need={e.need} expiresSoon={e.expiresSoon} validUntil={e.validUntil} />}
      detail={(e) => e.orgUnitName}
      testId="lab-dashboard-environments"
    />
  );
}

export function MethodsAwaitingList({ methods }: { methods: readonly LabDashboardMethod[] }) {
  const { t, i18n } = useTranslation();
  return (
    <AttentionList
      items={methods}
      empty={t('labDashboard.methods.empty')}
      to={(m) => `/lab/methods/${m.id}`}
      badge={(m) => <MethodStatusBadge status={m.status} />}
      detail={(m) =>
        `${t(`lab.harness.${m.harness}`)} ${m.harnessVersion}${m.lastValidatedOn ? ` · ${t('labDashboard.methods.lastValidated', { date: formatDate(m.lastValidatedOn, i18n.language) })}` : ''}`
      }
      testId="lab-dashboard-methods"
    />
  );
}

export function LatestRunsTable({ runs }: { runs: readonly LabDashboardRun[] }) {
  const { t, i18n } = useTranslation();
  if (runs.length === 0) return <Empty>{t('labDashboard.latest.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped fz="sm" data-testid="lab-dashboard-latest">
        <caption className="visually-hidden">{t('labDashboard.latest.table')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('labDashboard.latest.number')}</Table.Th>
            <Table.Th>{t('labDashboard.latest.subject')}</Table.Th>
            <Table.Th>{t('labDashboard.latest.plan')}</Table.Th>
            <Table.Th>{t('labDashboard.latest.verdict')}</Table.Th>
            <Table.Th>{t('labDashboard.latest.started')}</Table.Th>
            <Table.Th>{t('labDashboard.latest.operator')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr key={r.id} data-testid={`lab-dashboard-run-${r.number}`}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/lab/runs/${r.id}`} fz="sm" aria-label={t('labDashboard.latest.run', { number: r.number })}>
                  {r.number}
                </Anchor>
              </Table.Th>
              <Table.Td>{r.subjectName}</Table.Td>
              <Table.Td>{r.planName}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <RunVerdictBadge verdict={r.verdict} />
                  {r.superseded ? (
                    <Text fz="xs" c="dimmed">
                      ({t('labDashboard.latest.superseded')})
                    </Text>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{formatDateTime(r.startedAt, i18n.language)}</Table.Td>
              <Table.Td>{r.operatorLabel}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
