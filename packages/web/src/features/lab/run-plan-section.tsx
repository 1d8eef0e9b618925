import { useState } from 'react';
import { Anchor, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { LabPlanDetail } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { RegisterTable } from '../../shared/register-table';
import { LabSection } from './lab-section';
import { RunManualDrawer } from './run-manual-drawer';
import { useLabRuns } from './run-queries';
import { RunHead, RunRow } from './runs-tab';

/** On a plan's page: its latest runs, and (for a fixed plan) recording one by hand. */
export function PlanRunsSection({ plan }: { plan: LabPlanDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [recording, setRecording] = useState(false);
  const runs = useLabRuns({ planId: plan.id, limit: 10 }, plan.status !== 'draft');
  if (plan.status === 'draft') return null;
  return (
    <LabSection
      title={t('labRuns.planSection.title')}
      id="lab-plan-runs"
      action={
        can('lab.run') && plan.status === 'fixed' ? (
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRecording(true)} data-testid="lab-plan-record-run">
            {t('labRuns.record')}
          </Button>
        ) : null
      }
    >
      <RegisterTable
        testId="lab-plan-runs"
        caption={t('labRuns.planSection.title')}
        columns={6}
        minWidth={900}
        empty={t('labRuns.planSection.empty')}
        head={<RunHead showPlan={false} />}
        rows={(runs.data?.items ?? []).map((run) => <RunRow key={run.id} run={run} showPlan={false} />)}
      />
      {(runs.data?.total ?? 0) > 0 ? (
        <Text fz="sm" mt="xs">
          <Anchor component={Link} to={`/lab?tab=runs&planId=${plan.id}`}>
            {t('labRuns.planSection.all')}
          </Anchor>
        </Text>
      ) : null}
      {recording ? <RunManualDrawer planId={plan.id} onClose={() => setRecording(false)} onSaved={(run) => void navigate(`/lab/runs/${run.id}`)} /> : null}
    </LabSection>
  );
}
