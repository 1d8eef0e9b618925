import { Anchor, Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { officeToday } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDate } from '../../i18n/format';
import { AuditStatusBadge } from './audit-badges';
import { AuditPlanDrawer } from './audit-plan-drawer';
import { useAuditProgramme } from './audit-queries';

/** The audit programme of a year: every planned, running and finished audit with its progress and open findings. */
export function AuditProgrammePage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('audits.programme.title'));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? officeToday().slice(0, 4));
  const [planning, setPlanning] = useState(false);
  const list = useAuditProgramme(year);
  return (
    <Stack gap="md" maw={1440}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('audits.programme.title')}</Title>
          <Text c="dimmed" fz="sm">{t('audits.programme.intro')}</Text>
        </div>
        {can('auditing.manage') ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setPlanning(true)} data-testid="audit-plan">{t('audits.plan.open')}</Button>
        ) : null}
      </Group>
      <NumberInput label={t('audits.programme.year')} value={year} min={2000} max={2100} maw={160}
        onChange={(v) => typeof v === 'number' && setParams({ year: String(v) })} data-testid="audit-year" />
      <ErrorAlert error={list.error} />
      <Table striped highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.fields.title')}</Table.Th>
            <Table.Th>{t('audits.fields.kind')}</Table.Th>
            <Table.Th>{t('audits.fields.dates')}</Table.Th>
            <Table.Th>{t('audits.fields.auditors')}</Table.Th>
            <Table.Th>{t('audits.fields.status')}</Table.Th>
            <Table.Th>{t('audits.fields.progress')}</Table.Th>
            <Table.Th>{t('audits.fields.openFindings')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td><Anchor component={Link} to={`/audits/${a.id}`}>{a.title}</Anchor></Table.Td>
              <Table.Td>{t(`audits.kind.${a.kind}`)}</Table.Td>
              <Table.Td>{formatDate(a.plannedStart, i18n.language)} – {formatDate(a.plannedEnd, i18n.language)}</Table.Td>
              <Table.Td>{a.auditors.map((u) => u.displayName).join(', ') || '–'}</Table.Td>
              <Table.Td><AuditStatusBadge status={a.status} /></Table.Td>
              <Table.Td>{t('audits.programme.progress', { recorded: a.recordedCount, total: a.checklistCount })}</Table.Td>
              <Table.Td>{a.openFindingCount}</Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 ? (
            <Table.Tr><Table.Td colSpan={7}><Text c="dimmed" fz="sm">{t('audits.programme.empty')}</Text></Table.Td></Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
      {planning ? <AuditPlanDrawer opened onClose={() => setPlanning(false)} year={year} /> : null}
    </Stack>
  );
}
