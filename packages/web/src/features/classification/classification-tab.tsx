import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardCheck, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AiSystem } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FactList } from '../../shared/fact-list';
import { ApproveDialog } from './approve-dialog';
import { ClassificationStatusBadge } from './classification-badges';
import { useSystemClassification } from './classification-queries';
import { ClassificationResultView } from './classification-result';
import { RevisionHistory } from './revision-history';
import { shortHash } from './short-hash';

/** The system's EU AI Act classification: status, latest result with reasons, decision, approval, revisions. */
export function ClassificationTab({ system }: { system: AiSystem }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useSystemClassification(system.id);
  const [approving, setApproving] = useState(false);
  const archived = system.archivedAt !== null;

  if (query.isPending) return <FullPageLoader />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  const { status, latest, approved } = query.data;
  const canApprove = can('classification.approve') && !archived && latest !== null && latest.approval === null && status === 'draft';

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-labelledby="classification-title">
        <Group justify="space-between" align="flex-start" mb="md">
          <Group gap="sm">
            <Title order={2} id="classification-title">
              {t('classification.title')}
            </Title>
            <ClassificationStatusBadge status={status} />
          </Group>
          <Group gap="sm">
            {can('classification.edit') && !archived ? (
              <Button component={Link} to={`/systems/${system.id}/classification/edit`} leftSection={<IconClipboardCheck size={16} aria-hidden />}>
                {t('classification.run')}
              </Button>
            ) : null}
            {canApprove ? (
              <Button variant="default" leftSection={<IconSignature size={16} aria-hidden />} onClick={() => setApproving(true)}>
                {t('classification.approve.open')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {status === 'needs-review' ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('classification.needsReviewTitle')} mb="md">
            <Text fz="sm">{t('classification.needsReviewText')}</Text>
          </Alert>
        ) : null}
        {latest === null ? (
          <Text fz="sm" c="dimmed">
            {t('classification.noneYet')}
          </Text>
        ) : (
          <Stack gap="lg">
            <FactList
              rows={[
                [t('classification.revision'), t('classification.revisionNumber', { number: latest.number })],
                [t('classification.decidedBy'), latest.decidedBy.label],
                [t('classification.decidedAt'), formatDateTime(latest.decidedAt, i18n.language)],
                [t('classification.note'), latest.note.trim() === '' ? t('common.none') : latest.note],
                [
                  t('classification.approval'),
                  latest.approval === null ? (
                    t('classification.notApproved')
                  ) : (
                    <Stack gap={2}>
                      <Text fz="sm">
                        {t('classification.approvedBy', {
                          name: latest.approval.signer.label,
                          date: formatDateTime(latest.approval.signedAt, i18n.language),
                        })}
                      </Text>
                      {latest.approval.comment !== null && latest.approval.comment !== '' ? (
                        <Text fz="sm">{t('classification.approvalComment', { comment: latest.approval.comment })}</Text>
                      ) : null}
                      <Text fz="xs" c="dimmed">
                        {t('classification.signedHash')}{' '}
                        <Text component="code" fz="xs" title={latest.approval.stateHash} className="hash">
                          {shortHash(latest.approval.stateHash)}
                        </Text>
                      </Text>
                    </Stack>
                  ),
                ],
              ]}
            />
            {approved !== null && approved.id !== latest.id ? (
              <Text fz="sm" c="dimmed">
                {t('classification.lastApproved', {
                  number: approved.number,
                  name: approved.approval?.signer.label ?? '–',
                  date: formatDateTime(approved.approval?.signedAt, i18n.language),
                })}
              </Text>
            ) : null}
            <section aria-labelledby="classification-result-title">
              <Title order={2} fz="md" id="classification-result-title" mb="sm">
                {t('classification.result.title')}
              </Title>
              <ClassificationResultView result={latest.result} />
            </section>
          </Stack>
        )}
      </Paper>
      <RevisionHistory systemId={system.id} />
      {approving && latest !== null ? <ApproveDialog systemId={system.id} revision={latest} onClose={() => setApproving(false)} /> : null}
    </Stack>
  );
}
