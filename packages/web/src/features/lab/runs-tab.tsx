import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { LAB_RUN_VERDICTS, type LabRunSummary } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { formatDateTime } from '../../i18n/format';
import { RegisterSection } from '../../shared/register-section';
import { RegisterTable } from '../../shared/register-table';
import { SectionHeader } from '../../shared/section-header';
import { oneOf, useUrlFilters } from '../../shared/use-url-filters';
import { useSystemList } from '../inventory/system-queries';
import { useLabPlans } from './plan-queries';
import { RunFlag, RunVerdictBadge } from './run-badges';
import { RunManualDrawer } from './run-manual-drawer';
import { useLabRuns } from './run-queries';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters live in the address (`/lab?tab=runs&planId=…`), so a plan's or a gate's page can link to its runs. */
function useRunFilters() {
  const filters = useUrlFilters();
  const { search } = filters;
  const day = (key: string) => (DAY.test(search.get(key) ?? '') ? search.get(key)! : '');
  return {
    ...filters,
    verdict: oneOf(LAB_RUN_VERDICTS, search.get('verdict')),
    planId: search.get('planId') ?? '',
    systemId: search.get('systemId') ?? '',
    from: day('from'),
    to: day('to'),
    current: search.get('current') === 'true',
  };
}

/** A run in one row: number, plan, subject, method, environment (flagged when it was not verified), operator, start, verdict. */
export function RunRow({ run, showPlan = true }: { run: LabRunSummary; showPlan?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid={`lab-run-row-${run.id}`}>
      <Table.Td>
        <Anchor component={Link} to={`/lab/runs/${run.id}`} fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {t('labRuns.number', { number: run.number })}
        </Anchor>
        {run.supersededByNumber !== null ? (
          <Text fz="xs" c="dimmed">
            {t('labRuns.list.supersededBy', { number: run.supersededByNumber })}
          </Text>
        ) : run.amendsRunId !== null ? (
          <Text fz="xs" c="dimmed">
            {t('labRuns.list.amendment')}
          </Text>
        ) : null}
      </Table.Td>
      {showPlan ? (
        <>
          <Table.Td>
            <Anchor component={Link} to={`/lab/plans/${run.planId}`} fz="sm">
              {run.planName}
            </Anchor>
          </Table.Td>
          <Table.Td>{run.systemName ?? t('labRuns.list.model')}</Table.Td>
        </>
      ) : null}
      <Table.Td>
        {run.methodName}{' '}
        <Text span fz="xs" c="dimmed" ff="monospace">
          {run.methodHarnessVersion}
        </Text>
      </Table.Td>
      <Table.Td>
        {run.environmentName}
        {run.environmentStatus !== 'verified' ? (
          <div>
            <RunFlag label={t(`lab.environments.status.${run.environmentStatus}`)} />
          </div>
        ) : null}
      </Table.Td>
      <Table.Td>{run.operatorLabel}</Table.Td>
      <Table.Td>{formatDateTime(run.startedAt, i18n.language)}</Table.Td>
      <Table.Td>
        <RunVerdictBadge verdict={run.verdict} />
        <Text fz="xs" c="dimmed">
          {t('labRuns.list.counts', { passed: run.passed, failed: run.failed, missing: run.missing })}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The header cells matching RunRow. */
export function RunHead({ showPlan = true }: { showPlan?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th>{t('labRuns.fields.run')}</Table.Th>
      {showPlan ? (
        <>
          <Table.Th>{t('labRuns.fields.plan')}</Table.Th>
          <Table.Th>{t('labRuns.fields.subject')}</Table.Th>
        </>
      ) : null}
      <Table.Th>{t('labRuns.fields.method')}</Table.Th>
      <Table.Th>{t('labRuns.fields.environment')}</Table.Th>
      <Table.Th>{t('labRuns.fields.operator')}</Table.Th>
      <Table.Th>{t('labRuns.fields.started')}</Table.Th>
      <Table.Th>{t('labRuns.fields.verdict')}</Table.Th>
    </>
  );
}

/** Recorded test runs, filtered by plan, system, verdict and start day; runs are recorded here by hand too. */
export function RunsTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const filters = useRunFilters();
  const [recording, setRecording] = useState(false);
  const list = useLabRuns({
    planId: filters.planId || undefined, systemId: filters.systemId || undefined, verdict: filters.verdict || undefined,
    from: filters.from || undefined, to: filters.to || undefined, current: filters.current ? 'true' : undefined, ...filters.paging,
  });
  const plans = useLabPlans({ limit: 500 });
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const planOptions = (plans.data?.items ?? []).filter((p) => p.status !== 'draft').map((p) => ({ value: p.id, label: p.name }));
  const systemOptions = (systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const filtered = filters.planId !== '' || filters.systemId !== '' || filters.verdict !== '' || filters.from !== '' || filters.to !== '' || filters.current;

  return (
    <>
      <RegisterSection
        titleId="lab-runs-title"
        list={list}
        filters={filters}
        summary={(count) => t('labRuns.list.count', { count })}
        table={(items) => (
          <RegisterTable
            testId="lab-run-table"
            caption={t('labRuns.list.caption')}
            columns={8}
            minWidth={1100}
            empty={filtered ? t('labRuns.list.emptyFiltered') : t('labRuns.list.empty')}
            head={<RunHead />}
            rows={items.map((run) => <RunRow key={run.id} run={run} />)}
          />
        )}
        header={
          <>
            <SectionHeader
              heading={
                <Title order={2} id="lab-runs-title">
                  {t('labRuns.title')}
                </Title>
              }
              intro={t('labRuns.intro')}
              actions={
                can('lab.run') ? (
                  <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRecording(true)} data-testid="lab-run-record">
                    {t('labRuns.record')}
                  </Button>
                ) : undefined
              }
            />
            <Group gap="md" align="flex-end" role="search" aria-label={t('labRuns.list.filters')}>
              <NativeSelect
                label={t('labRuns.fields.plan')}
                value={filters.planId}
                data={[{ value: '', label: t('lab.common.all') }, ...withCurrent(planOptions, filters.planId)]}
                onChange={(e) => filters.update({ planId: e.currentTarget.value })}
                w={240}
                data-testid="lab-run-plan-filter"
              />
              <NativeSelect
                label={t('labRuns.fields.system')}
                value={filters.systemId}
                data={[{ value: '', label: t('lab.common.all') }, ...withCurrent(systemOptions, filters.systemId)]}
                onChange={(e) => filters.update({ systemId: e.currentTarget.value })}
                w={220}
                data-testid="lab-run-system-filter"
              />
              <NativeSelect
                label={t('labRuns.fields.verdict')}
                value={filters.verdict}
                data={[{ value: '', label: t('lab.common.all') }, ...LAB_RUN_VERDICTS.map((v) => ({ value: v, label: t(`labRuns.verdict.${v}`) }))]}
                onChange={(e) => filters.update({ verdict: e.currentTarget.value })}
                data-testid="lab-run-verdict-filter"
              />
              <TextInput type="date" label={t('labRuns.list.from')} value={filters.from} max={filters.to || undefined} onChange={(e) => filters.update({ from: e.currentTarget.value })} data-testid="lab-run-from" />
              <TextInput type="date" label={t('labRuns.list.to')} value={filters.to} min={filters.from || undefined} onChange={(e) => filters.update({ to: e.currentTarget.value })} data-testid="lab-run-to" />
              <Checkbox label={t('labRuns.list.current')} checked={filters.current} onChange={(e) => filters.update({ current: e.currentTarget.checked ? 'true' : null })} mb={8} data-testid="lab-run-current" />
            </Group>
          </>
        }
      />
      {recording ? <RunManualDrawer planId={filters.planId || null} onClose={() => setRecording(false)} onSaved={(run) => void navigate(`/lab/runs/${run.id}`)} /> : null}
    </>
  );
}

/** A filter's options keep the chosen value even before (or without) its name loading. */
function withCurrent(options: { value: string; label: string }[], current: string) {
  return current === '' || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];
}
