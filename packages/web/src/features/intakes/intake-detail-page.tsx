import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { FactList } from '../../shared/fact-list';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { AcceptDialog } from './accept-dialog';
import { AdviceLog } from './advice-log';
import { DeclineDialog } from './decline-dialog';
import { useAddIntakeAdvice, useIntake } from './intake-queries';
import { IntakeStatusBadge } from './intake-status-badge';

/** One intake: what was asked, the advice log, and for the governance team accept or decline. */
export function IntakeDetailPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const query = useIntake(id);
  const addAdvice = useAddIntakeAdvice(id);
  const { names } = useUnitOptions();
  const [dialog, setDialog] = useState<'accept' | 'decline' | null>(null);
  usePageTitle(query.data?.title);

  if (query.data === undefined) {
    return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  }
  const intake = query.data;
  const manage = can('intake.manage');
  const open = intake.status === 'submitted' || intake.status === 'in-review';
  const textOr = (value: string) => (value.trim() === '' ? t('common.none') : value);
  const rows: [string, ReactNode][] = [
    [t('intake.fields.purpose'), textOr(intake.purpose)],
    [t('intake.fields.targetGroup'), textOr(intake.targetGroup)],
    [t('intake.fields.dataUsed'), textOr(intake.dataUsed)],
    [t('intake.fields.sourcing'), t(`system.sourcings.${intake.sourcing}`)],
    [t('intake.fields.vendor'), textOr(intake.vendor)],
    [t('intake.fields.plannedDate'), formatDate(intake.plannedDate, i18n.language)],
    [t('intake.fields.orgUnitId'), names.get(intake.orgUnitId) ?? t('common.none')],
    [t('intake.fields.submittedBy'), intake.submittedBy?.label ?? t('common.none')],
    [t('intake.fields.createdAt'), formatDateTime(intake.createdAt, i18n.language)],
  ];

  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Anchor component={Link} to={manage ? '/intakes/queue' : '/intakes'} fz="sm">
          {manage ? t('intake.backToQueue') : t('intake.backToMine')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <Group gap="sm" align="center">
            <Title order={1}>{intake.title}</Title>
            <IntakeStatusBadge status={intake.status} />
          </Group>
          {manage && open ? (
            <Group gap="sm">
              <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setDialog('accept')}>
                {t('intake.accept.open')}
              </Button>
              <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDialog('decline')}>
                {t('intake.decline.open')}
              </Button>
            </Group>
          ) : null}
        </Group>
      </div>
      {intake.status === 'accepted' && intake.systemId !== undefined && intake.systemId !== null ? (
        <Alert color="teal" variant="light" title={t('intake.acceptedTitle')}>
          <Text fz="sm">
            {t('intake.acceptedText')}{' '}
            <Anchor component={Link} to={`/systems/${intake.systemId}`} fz="sm">
              {t('intake.openSystem')}
            </Anchor>
          </Text>
        </Alert>
      ) : null}
      {intake.status === 'declined' ? (
        <Alert color="gray" variant="light" title={t('intake.declinedTitle')}>
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('intake.declinedText', { reason: intake.declineReason ?? t('common.none') })}
          </Text>
        </Alert>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="intake-details">
        <Title order={2} id="intake-details" mb="md">
          {t('intake.detailsTitle')}
        </Title>
        <FactList rows={rows} />
      </Paper>
      <AdviceLog advice={intake.advice} add={manage ? addAdvice : undefined} headingId="intake-advice" />
      {dialog === 'accept' ? <AcceptDialog intake={intake} onClose={() => setDialog(null)} onReload={() => void query.refetch()} /> : null}
      {dialog === 'decline' ? <DeclineDialog intake={intake} onClose={() => setDialog(null)} onReload={() => void query.refetch()} /> : null}
    </Stack>
  );
}
