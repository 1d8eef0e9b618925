import { useState, type FormEvent } from 'react';
import { Alert, Checkbox, Divider, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FUNDAMENTAL_RIGHTS, RISK_AFFECTED_AREAS, RISK_TREATMENTS, type Risk, type RiskMatrixConfig } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { TitleField } from '../../shared/title-field';
import { useRequiredTitle } from '../../shared/use-required-title';
import { MeasurePicker } from './measure-picker';
import { RatingFields } from './rating-fields';
import { EDITABLE_STATUSES, type AffectedArea, type EditableStatus, type FundamentalRight, type RiskFormValues, type RiskTreatment } from './risk-form-values';
import { RiskSourceSelect } from './risk-source-select';

interface Props {
  matrix: RiskMatrixConfig;
  initial: RiskFormValues;
  /** The risk being edited; undefined for a new risk. */
  risk?: Risk | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (values: RiskFormValues) => void;
  onCancel: () => void;
  onReload?: (() => void) | undefined;
}

/** The risk's fields: identification, inherent rating, treatment, residual rating, responsibility and review. */
export function RiskForm({ matrix, initial, risk, pending, error, onSubmit, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<RiskFormValues>(initial);
  const errors = fieldErrorsOf(error);
  const { titleError, checkTitle } = useRequiredTitle(values.title, error);
  const set = <K extends keyof RiskFormValues>(key: K, value: RiskFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const signed = risk !== undefined && (risk.acceptance.state === 'accepted' || risk.acceptance.state === 'pending');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checkTitle()) return;
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="risk-form">
      <Stack gap="md">
        {signed ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('risks.form.signedTitle')}>
            {t('risks.form.signedText')}
          </Alert>
        ) : null}

        <Title order={3} fz="md">
          {t('risks.form.sectionIdentification')}
        </Title>
        <TitleField label={t('risks.fields.title')} value={values.title} error={titleError} onChange={(v) => set('title', v)} />
        <Textarea label={t('risks.fields.description')} description={t('risks.form.descriptionHint')} autosize minRows={3} maxLength={10_000} value={values.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
        <RiskSourceSelect value={values.sourceId} onChange={(v) => set('sourceId', v)} error={errors.sourceId} />
        <Checkbox.Group label={t('risks.fields.affected')} value={values.affected} onChange={(v) => set('affected', v as AffectedArea[])} error={errors.affected}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
            {RISK_AFFECTED_AREAS.map((area) => (
              <Checkbox key={area} value={area} label={t(`risks.affectedAreas.${area}`)} size="sm" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {values.affected.includes('fundamental-rights') ? (
          <MultiSelect
            label={t('risks.fields.rights')}
            description={t('risks.form.rightsHint')}
            placeholder={values.rights.length === 0 ? t('risks.form.rightsPlaceholder') : undefined}
            data={FUNDAMENTAL_RIGHTS.map((r) => ({ value: r, label: t(`risks.rights.${r}`) }))}
            value={values.rights}
            onChange={(v) => set('rights', v as FundamentalRight[])}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('risks.form.rightsClear') }}
            nothingFoundMessage={t('risks.form.sourceNothingFound')}
            error={errors.rights}
            data-testid="risk-form-rights"
          />
        ) : null}
        <Textarea label={t('risks.fields.affectedGroups')} description={t('risks.form.affectedGroupsHint')} autosize minRows={2} maxLength={2000} value={values.affectedGroups} error={errors.affectedGroups} onChange={(e) => set('affectedGroups', e.currentTarget.value)} />

        <Divider />
        <Title order={3} fz="md">
          {t('risks.form.sectionRating')}
        </Title>
        <RatingFields
          matrix={matrix}
          likelihood={values.likelihood}
          impact={values.impact}
          onChange={(likelihood, impact) => setValues((v) => ({ ...v, likelihood, impact }))}
          likelihoodLabel={t('risks.fields.likelihood')}
          impactLabel={t('risks.fields.impact')}
          levelLabel={t('risks.fields.inherentLevel')}
          errors={{ likelihood: errors.likelihood, impact: errors.impact }}
          testId="risk-form-inherent-level"
        />

        <Divider />
        <Title order={3} fz="md">
          {t('risks.form.sectionTreatment')}
        </Title>
        <NativeSelect
          label={t('risks.fields.treatment')}
          description={t('risks.form.treatmentHint')}
          value={values.treatment ?? ''}
          data={[{ value: '', label: t('risks.form.noTreatment') }, ...RISK_TREATMENTS.map((v) => ({ value: v, label: t(`risks.treatments.${v}`) }))]}
          error={errors.treatment}
          onChange={(e) => set('treatment', e.currentTarget.value === '' ? null : (e.currentTarget.value as RiskTreatment))}
        />
        <MeasurePicker value={values.measures} onChange={(v) => set('measures', v)} error={errors.measures} />

        <Divider />
        <Title order={3} fz="md">
          {t('risks.form.sectionResidual')}
        </Title>
        <RatingFields
          matrix={matrix}
          likelihood={values.residualLikelihood}
          impact={values.residualImpact}
          onChange={(residualLikelihood, residualImpact) => setValues((v) => ({ ...v, residualLikelihood, residualImpact }))}
          likelihoodLabel={t('risks.fields.residualLikelihood')}
          impactLabel={t('risks.fields.residualImpact')}
          levelLabel={t('risks.fields.residualLevel')}
          errors={{ likelihood: errors.residualLikelihood, impact: errors.residualImpact }}
          testId="risk-form-residual-level"
        />

        <Divider />
        <Title order={3} fz="md">
          {t('risks.form.sectionResponsibility')}
        </Title>
        <Group grow align="flex-start">
          <TextInput label={t('risks.fields.owner')} description={t('risks.form.ownerHint')} maxLength={200} value={values.owner} error={errors.owner} onChange={(e) => set('owner', e.currentTarget.value)} />
          <TextInput label={t('risks.fields.nextReview')} type="date" value={values.nextReview} error={errors.nextReview} onChange={(e) => set('nextReview', e.currentTarget.value)} />
        </Group>
        {risk !== undefined ? (
          <>
            <NativeSelect
              label={t('risks.fields.status')}
              description={t('risks.form.statusHint')}
              value={values.status}
              data={[
                ...(risk.status === 'accepted' ? [{ value: '', label: t('risks.form.statusAccepted') }] : []),
                ...EDITABLE_STATUSES.map((s) => ({ value: s, label: t(`risks.statuses.${s}`) })),
              ]}
              error={errors.status}
              aria-invalid={errors.status !== undefined}
              onChange={(e) => set('status', e.currentTarget.value as EditableStatus | '')}
            />
            <TextInput label={t('risks.form.reason')} maxLength={1000} value={values.reason} error={errors.reason} onChange={(e) => set('reason', e.currentTarget.value)} />
          </>
        ) : null}

        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} onReload={onReload} />
        {Object.keys(errors).length > 0 ? (
          <Alert color="red" variant="light" role="alert">
            {t('errors.validation')}
          </Alert>
        ) : null}
        <FormActions onCancel={onCancel} pending={pending} submitTestId="risk-form-submit" submitLabel={t('common.save')} />
      </Stack>
    </form>
  );
}
