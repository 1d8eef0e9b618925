import { useState } from 'react';
import { Anchor, Badge, Button, Group, MultiSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AnnexViStep, ConformityAssessment, ConformityStep } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../i18n/format';
import { useEvidenceList } from '../evidence/evidence-queries';
import { usePrepareStep } from './conformity-queries';
import { SignStepDialog } from './sign-step-dialog';

/** The three Annex VI steps in order: evidence and notes by one person, the signature by another. */
export function AnnexViSteps({ assessment, editable }: { assessment: ConformityAssessment; editable: boolean }) {
  const { can } = useAuth();
  const [signing, setSigning] = useState<AnnexViStep | null>(null);
  const open = assessment.status === 'in-progress';
  return (
    <Stack gap="md">
      {assessment.steps.map((step, index) => (
        <StepCard
          key={step.key}
          index={index + 1}
          step={step}
          assessment={assessment}
          editable={editable && open && step.signatureId === null}
          canSign={open && can('assessment.approve') && step.signRefusal === null}
          onSign={() => setSigning(step.key)}
        />
      ))}
      {signing !== null ? <SignStepDialog assessment={assessment} step={signing} onClose={() => setSigning(null)} /> : null}
    </Stack>
  );
}

function StepCard({ index, step, assessment, editable, canSign, onSign }: { index: number; step: ConformityStep; assessment: ConformityAssessment; editable: boolean; canSign: boolean; onSign: () => void }) {
  const { t, i18n } = useTranslation();
  const [evidenceIds, setEvidenceIds] = useState<string[]>(step.evidenceIds);
  const [notes, setNotes] = useState(step.notes);
  const prepare = usePrepareStep(assessment.id, step.key);
  const evidence = useEvidenceList({ systemId: assessment.systemId, limit: 100 });
  const options = (evidence.data?.items ?? []).map((e) => ({ value: e.id, label: e.title }));
  const dirty = notes !== step.notes || JSON.stringify(evidenceIds) !== JSON.stringify(step.evidenceIds);
  return (
    <Paper withBorder p="md" data-testid={`conformity-step-${step.key}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {index}. {t(`conformity.steps.${step.key}.title`)}
          </Text>
          {step.signatureId !== null ? (
            <Badge color="teal.9" data-testid={`conformity-step-${step.key}-signed`}>{t('conformity.step.signed')}</Badge>
          ) : step.preparedAt !== null ? (
            <Badge color="blue.9" variant="outline">{t('conformity.step.prepared')}</Badge>
          ) : (
            <Badge color="gray" variant="light">{t('conformity.step.open')}</Badge>
          )}
        </Group>
        <Text fz="sm" c="dimmed">{t(`conformity.steps.${step.key}.explain`)}</Text>
        <StepCheck assessment={assessment} stepKey={step.key} />
        <MultiSelect
          label={t('conformity.step.evidence')}
          data={options}
          value={evidenceIds}
          onChange={setEvidenceIds}
          searchable
          disabled={!editable}
          nothingFoundMessage={t('conformity.step.noEvidence')}
        />
        <Textarea label={t('conformity.step.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} disabled={!editable} data-testid={`conformity-step-${step.key}-notes`} />
        {step.preparedBy !== null ? <Text fz="xs" c="dimmed">{t('conformity.step.preparedBy', { who: step.preparedBy, when: formatDateTime(step.preparedAt, i18n.language) })}</Text> : null}
        {step.signedBy !== null ? <Text fz="xs" c="dimmed">{t('conformity.step.signedBy', { who: step.signedBy, when: formatDateTime(step.signedAt, i18n.language) })}</Text> : null}
        <ErrorAlert error={prepare.error} />
        <Group>
          {editable ? (
            <Button variant="default" disabled={!dirty && step.preparedAt !== null} loading={prepare.isPending} data-testid={`conformity-step-${step.key}-save`} onClick={() => prepare.mutate({ version: assessment.version, evidenceIds, notes })}>
              {t('conformity.step.save')}
            </Button>
          ) : null}
          {canSign && !dirty ? (
            <Button onClick={onSign} data-testid={`conformity-step-${step.key}-sign`}>
              {t('conformity.step.sign')}
            </Button>
          ) : null}
          {step.signRefusal === 'earlier-step-open' && step.preparedAt !== null ? <Text fz="xs" c="dimmed">{t('conformity.step.waits')}</Text> : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** What the records say for a step: Art. 17 coverage for the QMS, the released Annex IV for the documentation. */
function StepCheck({ assessment, stepKey }: { assessment: ConformityAssessment; stepKey: AnnexViStep }) {
  const { t } = useTranslation();
  const { qmsCoverage, annexIv } = assessment.checks;
  if (stepKey === 'qms') {
    return (
      <Text fz="sm">
        {qmsCoverage === null ? t('conformity.checks.qmsHidden') : t('conformity.checks.qms', { covered: qmsCoverage.covered, total: qmsCoverage.total })}{' '}
        <Anchor component={Link} to="/qms/documents" fz="sm" underline="always">{t('conformity.checks.qmsLink')}</Anchor>
      </Text>
    );
  }
  if (stepKey === 'technical-documentation') {
    return annexIv === null ? (
      <Text fz="sm" fw={600}>{t('conformity.checks.annexIvMissing')}</Text>
    ) : (
      <Text fz="sm">
        {t('conformity.checks.annexIv', { number: annexIv.number })}{' '}
        <Anchor component={Link} to={`/documents/${annexIv.documentId}`} fz="sm" underline="always">{t('conformity.checks.open')}</Anchor>
      </Text>
    );
  }
  return null;
}
