import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Incident, IncidentAssessment, IncidentReportKind } from '@konform/core';
import { fieldErrorsOf, withQuery } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { AssessmentQuestions } from './assessment-questions';
import { Countdown, useNow } from './countdown';
import { fromLocalInput, toLocalInput } from './datetime';
import { useIncident, useIncidentTransition, useUpdateIncident } from './incident-queries';
import { ReportDialog } from './report-dialog';

function Deadlines({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (incident.deadlines.length === 0) return <Text fz="sm" c="dimmed" data-testid="incident-no-deadlines">{t('incidents.deadlines.none')}</Text>;
  return (
    <Stack gap="xs">
      <Text fz="sm" c="dimmed" data-testid="incident-counting-rule">{t(`incidents.rule.${incident.countingRule}`)}</Text>
      <Table data-testid="incident-deadlines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.deadlines.duty')}</Table.Th>
            <Table.Th>{t('incidents.deadlines.ref')}</Table.Th>
            <Table.Th>{t('incidents.deadlines.period')}</Table.Th>
            <Table.Th>{t('incidents.deadlines.dueAt')}</Table.Th>
            <Table.Th>{t('incidents.deadlines.left')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incident.deadlines.map((d) => (
            <Table.Tr key={d.duty} data-testid={`deadline-${d.duty}`} fw={d.governing ? 700 : undefined}>
              <Table.Td>
                {t(`incidents.duty.${d.duty}`)} {d.governing ? <Badge size="xs" color="red.9" variant="outline">{t('incidents.deadlines.governs')}</Badge> : null}
              </Table.Td>
              <Table.Td>{formatLegalRef(d.ref, i18n.language)}</Table.Td>
              <Table.Td>{'days' in d.period ? t('incidents.deadlines.days', { count: d.period.days }) : t('incidents.deadlines.hours', { count: d.period.hours })}</Table.Td>
              <Table.Td>{formatDateTime(d.dueAt, i18n.language)}</Table.Td>
              <Table.Td><Countdown dueAt={d.dueAt} metAt={d.metAt} now={now} testId={`countdown-${d.duty}`} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The deployer's facts: the provider informed (when) or unreachable (then Art. 73 applies to the organisation). */
function ProviderPanel({ incident, editable }: { incident: Incident; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateIncident(incident.id);
  const [informedAt, setInformedAt] = useState(toLocalInput(incident.providerInformedAt));
  useEffect(() => setInformedAt(toLocalInput(incident.providerInformedAt)), [incident.providerInformedAt]);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">{t('incidents.provider.title')}</Title>
        <Text fz="sm">{t('incidents.provider.intro')}</Text>
        <Group align="flex-end">
          <TextInput type="datetime-local" label={t('incidents.provider.informedAt')} value={informedAt} disabled={!editable} onChange={(e) => setInformedAt(e.currentTarget.value)} error={fieldErrorsOf(update.error).providerInformedAt} data-testid="provider-informed-at" />
          <Button variant="default" disabled={!editable} loading={update.isPending} onClick={() => update.mutate({ version: incident.version, providerInformedAt: fromLocalInput(informedAt) ?? null })} data-testid="provider-informed-save">
            {t('common.save')}
          </Button>
        </Group>
        <Checkbox
          label={t('incidents.provider.unreachable')}
          description={t('incidents.provider.unreachableHint')}
          checked={incident.providerUnreachable}
          disabled={!editable || update.isPending}
          onChange={(e) => update.mutate({ version: incident.version, providerUnreachable: e.currentTarget.checked })}
          data-testid="provider-unreachable"
        />
        {incident.taskId ? <Anchor component={Link} to="/tasks" fz="sm">{t('incidents.provider.task')}</Anchor> : null}
        <ErrorAlert error={update.error} />
      </Stack>
    </Paper>
  );
}

function ReportDownloads({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const kinds: IncidentReportKind[] = ['initial', 'complete'];
  return (
    <Group gap="xs" role="group" aria-label={t('incidents.report.downloads')}>
      {kinds.flatMap((kind) =>
        (['pdf', 'docx'] as const).map((format) => (
          <Button key={`${kind}-${format}`} component="a" href={withQuery(`/api/incidents/${incident.id}/report`, { kind, format, lang })} download size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} data-testid={`report-download-${kind}-${format}`}>
            {t(`incidents.report.${kind}Short`)} ({format.toUpperCase()})
          </Button>
        )),
      )}
    </Group>
  );
}

/** An incident: facts, the questions, the deadlines counting down, the provider (deployer), reports and status. */
export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useIncident(id);
  const incident = query.data;
  usePageTitle(incident ? `INC-${incident.number} ${incident.title}` : t('incidents.list.title'));
  const update = useUpdateIncident(id);
  const transition = useIncidentTransition(id);
  const [assessment, setAssessment] = useState<IncidentAssessment | null>(null);
  const [reportKind, setReportKind] = useState<IncidentReportKind | null>(null);
  useEffect(() => setAssessment(null), [incident?.version]);
  if (!incident) return <ErrorAlert error={query.error} />;

  const editable = can('incident.edit') && incident.status !== 'closed';
  const questionsLocked = !editable || !['recorded', 'assessed'].includes(incident.status);
  const shown = assessment ?? incident.assessment;
  const mustReport = incident.reportable && (incident.role === 'provider' || incident.providerUnreachable);
  const canReport = can('incident.report') && incident.reportable;
  const canClose = editable && (incident.status === 'complete-report-submitted' || (incident.status === 'assessed' && !mustReport));

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/incidents" fz="sm">{t('incidents.back')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>INC-{incident.number} · {incident.title}</Title>
          <Text c="dimmed" fz="sm">
            <Anchor component={Link} to={`/systems/${incident.systemId}`}>{incident.systemName}</Anchor> · {t(`incidents.role.${incident.role}`)}
          </Text>
        </div>
        <Badge size="lg" variant="light" c="dark.9" data-testid="incident-status">{t(`incidents.status.${incident.status}`)}</Badge>
      </Group>
      {incident.reportable && ['recorded', 'assessed'].includes(incident.status) ? <Alert color="red" title={t('incidents.serious.title')} data-testid="incident-serious">{t(mustReport ? 'incidents.serious.report' : 'incidents.serious.inform')}</Alert> : null}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} fz="h4">{t('incidents.deadlines.title')}</Title>
          <Deadlines incident={incident} />
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div><Text fz="xs" c="dimmed">{t('incidents.fields.occurredAt')}</Text><Text>{formatDateTime(incident.occurredAt, i18n.language)}</Text></div>
          <div><Text fz="xs" c="dimmed">{t('incidents.fields.awareAt')}</Text><Text data-testid="incident-aware-at">{formatDateTime(incident.awareAt, i18n.language)}</Text></div>
          <div><Text fz="xs" c="dimmed">{t('incidents.fields.affectedPersons')}</Text><Text style={{ whiteSpace: 'pre-wrap' }}>{incident.affectedPersons || '–'}</Text></div>
          <div><Text fz="xs" c="dimmed">{t('incidents.fields.harm')}</Text><Text style={{ whiteSpace: 'pre-wrap' }}>{incident.harm || '–'}</Text></div>
        </SimpleGrid>
        {incident.description ? <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>{incident.description}</Text> : null}
      </Paper>

      <AssessmentQuestions value={shown} onChange={setAssessment} disabled={questionsLocked} errors={{ ...fieldErrorsOf(update.error), ...fieldErrorsOf(transition.error) }} />
      {assessment !== null ? (
        <Group>
          <Button onClick={() => update.mutate({ version: incident.version, assessment })} loading={update.isPending} data-testid="assessment-save">{t('incidents.questions.save')}</Button>
          <Button variant="default" onClick={() => setAssessment(null)}>{t('common.cancel')}</Button>
        </Group>
      ) : null}

      {incident.role === 'deployer' && incident.reportable ? <ProviderPanel incident={incident} editable={editable} /> : null}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} fz="h4">{t('incidents.report.title')}</Title>
          {incident.submissions.length === 0 ? <Text fz="sm" c="dimmed">{t('incidents.report.none')}</Text> : (
            <Table data-testid="incident-submissions">
              <Table.Tbody>
                {incident.submissions.map((s) => (
                  <Table.Tr key={s.kind}>
                    <Table.Td>{t(`incidents.report.${s.kind}Short`)}</Table.Td>
                    <Table.Td>{formatDateTime(s.submittedAt, i18n.language)}</Table.Td>
                    <Table.Td>{s.channel}</Table.Td>
                    <Table.Td>{s.reference || '–'}</Table.Td>
                    <Table.Td>{s.byLabel}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            {canReport && ['recorded', 'assessed'].includes(incident.status) ? <Button color="red.9" onClick={() => setReportKind('initial')} data-testid="submit-initial">{t('incidents.report.submitInitial')}</Button> : null}
            {canReport && incident.status === 'initial-report-submitted' ? <Button onClick={() => setReportKind('complete')} data-testid="submit-complete">{t('incidents.report.submitComplete')}</Button> : null}
          </Group>
          {incident.reportable ? <ReportDownloads incident={incident} /> : null}
        </Stack>
      </Paper>

      <Group>
        {editable && incident.status === 'recorded' ? <Button variant="default" loading={transition.isPending} onClick={() => transition.mutate({ version: incident.version, to: 'assessed' })} data-testid="incident-assessed">{t('incidents.actions.assessed')}</Button> : null}
        {canClose ? <Button variant="default" loading={transition.isPending} onClick={() => transition.mutate({ version: incident.version, to: 'closed' })} data-testid="incident-close">{t('incidents.actions.close')}</Button> : null}
      </Group>
      <ErrorAlert error={transition.error} />
      {reportKind !== null ? <ReportDialog incident={incident} kind={reportKind} opened onClose={() => setReportKind(null)} /> : null}
    </Stack>
  );
}
