import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AssessmentFinding, VendorAssessment, VendorDetail } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { RatingFields } from '../risks/rating-fields';
import { useRiskMatrix } from '../risks/risk-queries';
import { useCreateFindingRisk } from './vendor-queries';

interface Props {
  vendor: VendorDetail;
  assessment: VendorAssessment;
  finding: AssessmentFinding;
  onClose: () => void;
}

/** Turns a finding of a supplier assessment into a risk in the register of one of the vendor's AI systems. */
export function FindingRiskDialog({ vendor, assessment, finding, onClose }: Props) {
  const { t } = useTranslation();
  const matrix = useRiskMatrix();
  const systems = vendor.systems.filter((s) => !s.archived);
  const [systemId, setSystemId] = useState(finding.systemId ?? systems[0]?.id ?? '');
  const [likelihood, setLikelihood] = useState<number | null>(null);
  const [impact, setImpact] = useState<number | null>(null);
  const [owner, setOwner] = useState('');
  const [nextReview, setNextReview] = useState('');
  const create = useCreateFindingRisk(vendor.id, assessment.id, finding.id);
  const systemError = isApiError(create.error) && create.error.status === 400 && (create.error.problem.errors ?? []).some((e) => e.path === 'systemId') ? t('vendors.assessments.errors.systemId') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { version: assessment.version, systemId, likelihood, impact, owner, nextReview: nextReview === '' ? null : nextReview },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('vendors.risk.created', { title: finding.title, system: systems.find((s) => s.id === systemId)?.name ?? '' }) });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('vendors.risk.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('vendors.risk.intro', { title: finding.title })}</Text>
          <NativeSelect
            label={t('vendors.risk.system')}
            required
            value={systemId}
            error={systemError}
            data={[{ value: '', label: t('vendors.risk.chooseSystem'), disabled: true }, ...systems.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => setSystemId(e.currentTarget.value)}
            data-testid="finding-risk-system"
          />
          {matrix.data ? (
            <RatingFields
              matrix={matrix.data.config}
              likelihood={likelihood}
              impact={impact}
              onChange={(l, i) => {
                setLikelihood(l);
                setImpact(i);
              }}
              likelihoodLabel={t('risks.fields.likelihood')}
              impactLabel={t('risks.fields.impact')}
              levelLabel={t('risks.fields.inherentLevel')}
              errors={{}}
              testId="finding-risk-level"
            />
          ) : null}
          <Group grow>
            <TextInput label={t('risks.fields.owner')} maxLength={200} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} />
            <TextInput type="date" label={t('risks.fields.nextReview')} value={nextReview} onChange={(e) => setNextReview(e.currentTarget.value)} />
          </Group>
          <Text fz="xs" c="dimmed">
            {t('vendors.risk.sourceNote')}
          </Text>
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={systemId === ''} data-testid="finding-risk-submit">
              {t('vendors.risk.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
