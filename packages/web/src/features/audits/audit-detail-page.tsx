import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Audit, AuditStatus } from '@konform/core';
import { isApiError } from '../../api/client';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDate } from '../../i18n/format';
import { useSystemList } from '../inventory/system-queries';
import { AuditExchange } from '../exchange/audit-exchange';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { AuditStatusBadge } from './audit-badges';
import { useAudit, useAuditTransition, useChecklist, useFindings, useFollowUp } from './audit-queries';
import { ChecklistTable } from './checklist-table';
import { FindingsList } from './findings-list';

/** The next step the manager can take from each status (cancelling is offered separately). */
const NEXT: Partial<Record<AuditStatus, 'in-progress' | 'reporting' | 'closed'>> = { planned: 'in-progress', 'in-progress': 'reporting', reporting: 'closed' };

/** One audit: scope, auditors, checklist with results, findings with their non-conformities, status steps, follow-up. */
export function AuditDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const me = useCurrentUser();
  const audit = useAudit(id);
  const checklist = useChecklist(id);
  const findings = useFindings(id);
  const systems = useSystemList({ limit: 500 });
  const units = useUnitOptions();
  usePageTitle(audit.data?.title ?? t('audits.programme.title'));
  if (!audit.data) return <ErrorAlert error={audit.error} />;
  const a = audit.data;
  const manage = can('auditing.manage');
  const mayRecord = manage || (can('auditing.record') && a.auditors.some((u) => u.id === me.id));
  const systemNames = new Map((systems.data?.items ?? []).map((s) => [s.id, s.name]));
  return (
    <Stack gap="md" maw={1440}>
      <Anchor component={Link} to={`/audits?year=${a.year}`} fz="sm">{t('audits.detail.back', { year: a.year })}</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{a.title}</Title>
          <Group gap="xs"><AuditStatusBadge status={a.status} /><Badge variant="outline">{t(`audits.kind.${a.kind}`)}</Badge></Group>
        </div>
        {manage ? <StatusActions audit={a} /> : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} fz="h4">{t('audits.detail.plan')}</Title>
          <Text fz="sm">{t('audits.fields.dates')}: {formatDate(a.plannedStart, i18n.language)} – {formatDate(a.plannedEnd, i18n.language)}</Text>
          <Text fz="sm">{t('audits.fields.orgUnit')}: {units.names.get(a.orgUnitId) ?? '–'}</Text>
          <Text fz="sm" data-testid="audit-auditors-list">{t('audits.fields.auditors')}: {a.auditors.map((u) => u.displayName).join(', ') || '–'}</Text>
          {a.objective ? <Text fz="sm">{t('audits.fields.objective')}: {a.objective}</Text> : null}
          {a.parentAuditId ? <Anchor component={Link} to={`/audits/${a.parentAuditId}`} fz="sm">{t('audits.detail.parent')}</Anchor> : null}
        </Card>
        <Card withBorder>
          <Title order={2} fz="h4">{t('audits.detail.scope')}</Title>
          <Text fz="sm">{t('audits.fields.systems')}: {a.scope.systemIds.map((s) => systemNames.get(s) ?? s).join(', ') || '–'}</Text>
          <Text fz="sm">{t('audits.fields.units')}: {a.scope.orgUnitIds.map((u) => units.names.get(u) ?? u).join(', ') || '–'}</Text>
          <Text fz="sm">{t('audits.fields.catalogs')}: {a.scope.catalogIds.join(', ') || t('audits.detail.allCatalogs')}</Text>
          <Text fz="sm">{t('audits.fields.prefixes')}: {a.scope.requirementPrefixes.join(', ') || '–'}</Text>
        </Card>
      </SimpleGrid>
      <AuditExchange auditId={id} fileBase={a.title} findings={findings.data?.items ?? []} mayImport={mayRecord && a.status !== 'closed' && a.status !== 'cancelled'} />
      <Title order={2}>{t('audits.checklist.title')}</Title>
      <Text c="dimmed" fz="sm">{t('audits.programme.progress', { recorded: a.recordedCount, total: a.checklistCount })}</Text>
      <ErrorAlert error={checklist.error} />
      <ChecklistTable auditId={id} items={checklist.data?.items ?? []} findings={findings.data?.items ?? []}
        editable={mayRecord && a.status === 'in-progress'} findingsOpen={a.status === 'in-progress' || a.status === 'reporting'} />
      <Title order={2}>{t('audits.findings.heading')}</Title>
      <ErrorAlert error={findings.error} />
      <FindingsList auditId={id} findings={findings.data?.items ?? []} systemNames={systemNames} mayAccept={manage && a.status !== 'closed' && a.status !== 'cancelled'} />
    </Stack>
  );
}

function StatusActions({ audit }: { audit: Audit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const step = useAuditTransition(audit.id);
  const [cancelling, setCancelling] = useState(false);
  const [following, setFollowing] = useState(false);
  const next = NEXT[audit.status];
  const openFindings = isApiError(step.error) && step.error.problem.code === 'open-findings' ? step.error.problem.errors ?? [] : [];
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {next ? (
          <Button onClick={() => step.mutate({ version: audit.version, to: next })} loading={step.isPending} data-testid={`audit-to-${next}`}>{t(`audits.actions.${next}`)}</Button>
        ) : null}
        {audit.openFindingCount > 0 && audit.status !== 'cancelled' ? <Button variant="light" onClick={() => setFollowing(true)} data-testid="audit-follow-up">{t('audits.actions.followUp')}</Button> : null}
        {audit.status !== 'closed' && audit.status !== 'cancelled' ? <Button variant="subtle" color="red" c="red.9" onClick={() => setCancelling(true)}>{t('audits.actions.cancel')}</Button> : null}
      </Group>
      {openFindings.length > 0 ? (
        <Text c="red" fz="sm" role="alert" data-testid="audit-open-findings">{t('audits.detail.openFindings', { titles: openFindings.map((f) => f.message).join(', ') })}</Text>
      ) : <ErrorAlert error={step.error} />}
      {cancelling ? <CancelDialog audit={audit} onClose={() => setCancelling(false)} /> : null}
      {following ? <FollowUpDialog audit={audit} onClose={() => setFollowing(false)} onDone={(id) => { setFollowing(false); void navigate(`/audits/${id}`); }} /> : null}
    </Stack>
  );
}

function CancelDialog({ audit, onClose }: { audit: Audit; onClose: () => void }) {
  const { t } = useTranslation();
  const step = useAuditTransition(audit.id);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('audits.actions.cancel')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Textarea label={t('audits.findings.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
        <ErrorAlert error={step.error} />
        <Button color="red" disabled={reason.trim() === ''} onClick={() => step.mutate({ version: audit.version, to: 'cancelled', reason }, { onSuccess: onClose })}>{t('audits.actions.cancel')}</Button>
      </Stack>
    </Modal>
  );
}

function FollowUpDialog({ audit, onClose, onDone }: { audit: Audit; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const follow = useFollowUp(audit.id);
  const [plannedStart, setStart] = useState(audit.plannedEnd);
  const [plannedEnd, setEnd] = useState(audit.plannedEnd);
  return (
    <Modal opened onClose={onClose} title={t('audits.actions.followUp')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Text fz="sm">{t('audits.detail.followUpIntro')}</Text>
        <TextInput type="date" label={t('audits.fields.plannedStart')} value={plannedStart} onChange={(e) => setStart(e.currentTarget.value)} />
        <TextInput type="date" label={t('audits.fields.plannedEnd')} value={plannedEnd} onChange={(e) => setEnd(e.currentTarget.value)} />
        <ErrorAlert error={follow.error} />
        <Button onClick={() => follow.mutate({ plannedStart, plannedEnd, auditorIds: audit.auditors.map((u) => u.id) }, { onSuccess: (a) => onDone(a.id) })}>{t('audits.actions.followUp')}</Button>
      </Stack>
    </Modal>
  );
}
