import { Anchor, Badge, Button, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Finding, NonconformityStatus } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FindingStatusBadge } from './audit-badges';
import { useAcceptFinding } from './audit-queries';

interface Props {
  auditId: string;
  findings: readonly Finding[];
  systemNames: ReadonlyMap<string, string>;
  /** auditing.manage and the audit not closed: open findings may be accepted formally. */
  mayAccept: boolean;
}

/** The findings with the non-conformity each opened in CAPA, and formal acceptance with a reason. */
export function FindingsList({ auditId, findings, systemNames, mayAccept }: Props) {
  const { t } = useTranslation();
  const [accepting, setAccepting] = useState<Finding | null>(null);
  return (
    <>
      <Table striped data-testid="findings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audits.findings.title')}</Table.Th>
            <Table.Th>{t('audits.findings.severity')}</Table.Th>
            <Table.Th>{t('audits.checklist.system')}</Table.Th>
            <Table.Th>{t('audits.findings.nonconformity')}</Table.Th>
            <Table.Th>{t('audits.fields.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f) => (
            <Table.Tr key={f.id} data-testid="finding-row">
              <Table.Td><Text fz="sm">{f.title}</Text>{f.acceptance ? <Text fz="xs" c="dimmed">{t('audits.findings.acceptedBecause', { reason: f.acceptance.reason })}</Text> : null}</Table.Td>
              <Table.Td><Badge variant="outline">{t(`audits.severity.${f.severity}`)}</Badge></Table.Td>
              <Table.Td>{f.systemId ? systemNames.get(f.systemId) ?? '–' : t('audits.findings.unitWide')}</Table.Td>
              <Table.Td>
                {f.nonconformityId ? (
                  <Anchor component={Link} to={`/nonconformities/${f.nonconformityId}`} data-testid="finding-nonconformity">
                    {t('audits.findings.openNonconformity')} ({f.nonconformityStatus ? t(`capa.statuses.${f.nonconformityStatus as NonconformityStatus}`) : '–'})
                  </Anchor>
                ) : '–'}
              </Table.Td>
              <Table.Td><FindingStatusBadge status={f.status} /></Table.Td>
              <Table.Td>{mayAccept && f.status === 'open' ? <Button size="xs" variant="subtle" onClick={() => setAccepting(f)}>{t('audits.findings.accept')}</Button> : null}</Table.Td>
            </Table.Tr>
          ))}
          {findings.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text c="dimmed" fz="sm">{t('audits.findings.empty')}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      {accepting ? <AcceptDialog auditId={auditId} finding={accepting} onClose={() => setAccepting(null)} /> : null}
    </>
  );
}

function AcceptDialog({ auditId, finding, onClose }: { auditId: string; finding: Finding; onClose: () => void }) {
  const { t } = useTranslation();
  const accept = useAcceptFinding(auditId);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('audits.findings.acceptTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm">
        <Text fz="sm">{t('audits.findings.acceptIntro')}</Text>
        <Textarea label={t('audits.findings.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={3} />
        <ErrorAlert error={accept.error} />
        <Button disabled={reason.trim() === ''} loading={accept.isPending}
          onClick={() => accept.mutate({ findingId: finding.id, version: finding.version, reason }, { onSuccess: onClose })}>{t('audits.findings.accept')}</Button>
      </Stack>
    </Modal>
  );
}
