import { useState } from 'react';
import { Accordion, Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AiSystem, MonitoringPlan, MonitoringPlanStatus } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useSystemPlans, useUpdatePlan } from './monitoring-queries';
import { PlanEditor } from './plan-editor';
import { MeasurementForm } from './measurement-form';
import { MeasurementHistory } from './measurement-history';
import { conditionText, planStatusColor, valueText } from './display';

/**
 * "Beobachtung" of a system: its post-market monitoring plan (Art. 72) — what is observed, indicators with thresholds
 * and frequencies, the latest value of each with breaches and overdue measurements marked, the entry form and the
 * history per indicator. Only high-risk systems keep a plan.
 */
export function MonitoringTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const plans = useSystemPlans(system.id);
  const [editing, setEditing] = useState<string | null>(null) /* 'new' or a plan id */;
  const [selected, setSelected] = useState<string | null>(null);

  if (plans.data === undefined) return plans.isPending ? <FullPageLoader /> : <ErrorAlert error={plans.error} />;
  const highRisk = system.riskClass === 'high';
  const editable = can('monitoring.edit') && system.archivedAt === null && highRisk;
  const list = plans.data.items;
  const current = list.find((p) => p.id === selected) ?? list.find((p) => p.status === 'active') ?? list.find((p) => p.status === 'draft') ?? list[0] ?? null;

  return (
    <Stack gap="lg" data-testid="monitoring-tab">
      <Title order={2}>{t('monitoring.title')}</Title>
      <Text c="dimmed" fz="sm">{t('monitoring.intro')}</Text>
      {!highRisk ? <Alert color="gray">{t('monitoring.notHighRisk')}</Alert> : null}
      {list.length > 1 ? (
        <Group gap="xs">
          {list.map((p) => (
            <Button key={p.id} size="compact-sm" variant={p.id === current?.id ? 'light' : 'subtle'} onClick={() => { setSelected(p.id); setEditing(null); }}>
              {t(`monitoring.statuses.${p.status}`)} · {formatDate(p.createdAt, i18n.language)}
            </Button>
          ))}
        </Group>
      ) : null}
      {editing === 'new' ? <PlanEditor systemId={system.id} plan={null} onDone={() => setEditing(null)} /> : null}
      {editing === null && editable && !list.some((p) => p.status === 'draft' || p.status === 'active') ? (
        <Group><Button onClick={() => setEditing('new')} data-testid="monitoring-new-plan">{t('monitoring.newPlan')}</Button></Group>
      ) : null}
      {current === null ? (highRisk && editing !== 'new' ? <Text c="dimmed">{t('monitoring.none')}</Text> : null) : editing === current.id ? (
        <PlanEditor key={current.id} systemId={system.id} plan={current} onDone={() => setEditing(null)} />
      ) : (
        <PlanView plan={current} editable={editable} onEdit={() => setEditing(current.id)} canRecord={can('monitoring.record') && system.archivedAt === null} />
      )}
    </Stack>
  );
}

function PlanView({ plan, editable, canRecord, onEdit }: { plan: MonitoringPlan; editable: boolean; canRecord: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdatePlan(plan.systemId, plan.id);
  const move = (status: MonitoringPlanStatus) =>
    update.mutate({ version: plan.version, status }, { onSuccess: () => notifications.show({ color: 'teal', message: t(`monitoring.moved.${status}`) }) });
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Group gap="sm">
              <Title order={3}>{t('monitoring.plan')}</Title>
              <Badge variant="light" c="dark.9" color={planStatusColor(plan.status)} data-testid="monitoring-plan-status">{t(`monitoring.statuses.${plan.status}`)}</Badge>
              {plan.overdueCount > 0 ? <Badge variant="light" c="dark.9" color="orange" data-testid="monitoring-overdue-badge">{t('monitoring.overdueBadge', { count: plan.overdueCount })}</Badge> : null}
              {plan.breachedCount > 0 ? <Badge variant="light" c="dark.9" color="red">{t('monitoring.breachedBadge', { count: plan.breachedCount })}</Badge> : null}
            </Group>
            {editable ? (
              <Group gap="xs">
                {plan.status !== 'retired' ? <Button variant="default" size="xs" onClick={onEdit} data-testid="monitoring-edit">{t('monitoring.edit')}</Button> : null}
                {plan.status === 'draft' ? <Button size="xs" onClick={() => move('active')} loading={update.isPending} disabled={plan.indicators.length === 0} data-testid="monitoring-activate">{t('monitoring.activate')}</Button> : null}
                {plan.status !== 'retired' ? <Button size="xs" color="gray" variant="light" onClick={() => move('retired')} loading={update.isPending}>{t('monitoring.retire')}</Button> : null}
              </Group>
            ) : null}
          </Group>
          {plan.activatedAt ? <Text fz="sm" c="dimmed">{t('monitoring.activeSince', { date: formatDateTime(plan.activatedAt, i18n.language) })}</Text> : null}
          <Text fz="sm" fw={600}>{t('monitoring.editor.observed')}</Text>
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>{plan.observed || '–'}</Text>
          {update.error ? <ErrorAlert error={update.error} /> : null}
        </Stack>
      </Paper>
      <IndicatorTable plan={plan} />
      {plan.status === 'active' && canRecord && plan.indicators.length > 0 ? <MeasurementForm plan={plan} /> : null}
      {plan.indicators.length > 0 ? (
        <Paper withBorder p="md">
          <Title order={3} mb="xs">{t('monitoring.history.title')}</Title>
          <Accordion multiple variant="separated">
            {plan.indicators.map((i) => (
              <Accordion.Item key={i.id} value={i.id}>
                <Accordion.Control data-testid={`history-toggle-${i.name}`}>{i.name} ({conditionText(i, i18n.language)})</Accordion.Control>
                <Accordion.Panel><MeasurementHistory planId={plan.id} indicator={i} /></Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Paper>
      ) : null}
    </Stack>
  );
}

function IndicatorTable({ plan }: { plan: MonitoringPlan }) {
  const { t, i18n } = useTranslation();
  if (plan.indicators.length === 0) return <Text c="dimmed" fz="sm">{t('monitoring.indicators.none')}</Text>;
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="xs">{t('monitoring.indicators.title')}</Title>
      <Table.ScrollContainer minWidth={800}>
        <Table fz="sm" data-testid="monitoring-indicators">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('monitoring.indicators.name')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.condition')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.frequency')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.dataSource')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.responsible')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.latest')}</Table.Th>
              <Table.Th>{t('monitoring.indicators.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.indicators.map((i) => (
              <Table.Tr key={i.id} data-testid={`indicator-row-${i.name}`}>
                <Table.Td>{i.name}</Table.Td>
                <Table.Td>{conditionText(i, i18n.language)}</Table.Td>
                <Table.Td>{t(`monitoring.frequencies.${i.frequency}`)}</Table.Td>
                <Table.Td>{i.dataSource || '–'}</Table.Td>
                <Table.Td>{i.responsible || '–'}</Table.Td>
                <Table.Td>
                  {i.latest ? (
                    <Group gap={6}>
                      <span>{valueText(i.latest.value, i.unit, i18n.language)}</span>
                      {i.latest.breached ? <Badge variant="light" c="dark.9" color="red" size="sm">{t('monitoring.history.breached')}</Badge> : <Badge variant="light" c="dark.9" color="green" size="sm">{t('monitoring.history.met')}</Badge>}
                    </Group>
                  ) : '–'}
                </Table.Td>
                <Table.Td>
                  {i.dueOn ? formatDate(i.dueOn, i18n.language) : '–'}
                  {i.overdue ? <Badge variant="light" c="dark.9" color="orange" size="sm" ml={6}>{t('monitoring.indicators.overdue')}</Badge> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
