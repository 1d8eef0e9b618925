import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { AcceptRiskDialog } from './accept-risk-dialog';
import { RiskAcceptanceSection } from './risk-acceptance-section';
import { RiskFacts } from './risk-facts';
import { RiskFormDrawer } from './risk-form-drawer';
import { RiskHistory } from './risk-history';
import { useRisk, useRiskMatrix, useRiskSystem } from './risk-queries';
import { RiskRatingSummary } from './risk-rating-summary';
import { RecordTasks } from '../tasks/record-tasks';
import './risks.css';

/** One risk: its ratings, all recorded fields, the acceptance with its signatures, and its audit trail. */
export function RiskDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id = '' } = useParams();
  const query = useRisk(id);
  const system = useRiskSystem(query.data?.systemId ?? '');
  const matrix = useRiskMatrix();
  const [editing, setEditing] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const risk = query.data;
  usePageTitle(risk === undefined ? undefined : `${t('risks.numberLabel', { number: risk.number })} ${risk.title}`);

  if (risk === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  const archived = system.data?.archivedAt !== null && system.data?.archivedAt !== undefined;
  const systemName = system.data?.name ?? '';

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Anchor component={Link} to={`/systems/${risk.systemId}?tab=risks`} fz="sm">
          {systemName === '' ? t('risks.detail.backToSystem') : t('risks.detail.back', { system: systemName })}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4}>
          <div>
            <Title order={1}>
              {t('risks.numberLabel', { number: risk.number })} · {risk.title}
            </Title>
            <Text c="dimmed" fz="sm">
              {[systemName, t(`risks.statuses.${risk.status}`)].filter((s) => s !== '').join(' · ')}
            </Text>
          </div>
          {can('risk.edit') && !archived ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="risk-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Group>
      </div>
      {archived ? (
        <Alert color="gray" variant="light">
          {t('errors.archived')}
        </Alert>
      ) : null}
      <RiskRatingSummary risk={risk} matrix={matrix.data?.config} />
      <Paper withBorder p="lg" component="section" aria-labelledby="risk-facts-title">
        <Title order={2} fz="lg" id="risk-facts-title" mb="sm">
          {t('risks.detail.facts')}
        </Title>
        <RiskFacts risk={risk} />
      </Paper>
      <RiskAcceptanceSection risk={risk} archived={archived} onAccept={() => setAccepting(true)} />
      <RecordTasks record={{ recordType: 'risk', recordId: risk.id, systemId: risk.systemId }} editable={!archived} />
      {can('audit.read') ? <RiskHistory riskId={risk.id} /> : null}
      {editing ? (
        <RiskFormDrawer systemId={risk.systemId} risk={risk} onClose={() => setEditing(false)} onReload={() => query.refetch().then((r) => r.data)} />
      ) : null}
      {accepting ? <AcceptRiskDialog risk={risk} onClose={() => setAccepting(false)} onReload={() => void query.refetch()} /> : null}
    </Stack>
  );
}
