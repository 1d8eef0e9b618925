import { useMemo, useState, type FormEvent } from 'react';
import { MultiSelect, NativeSelect, SimpleGrid, Stack, TagsInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NONCONFORMITY_SEVERITIES, NONCONFORMITY_SOURCES, type NonconformitySeverity, type NonconformitySource } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { formatLegalRef } from '../../i18n/legal-ref';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { TitleField } from '../../shared/title-field';
import { useRequiredTitle } from '../../shared/use-required-title';
import { localized } from '../catalogs/localized';
import { useSystemList } from '../inventory/system-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useRequirementMatrix } from '../requirements/requirement-queries';
import { useRequirementLabels } from './nonconformity-queries';

export interface NonconformityFormValues {
  title: string;
  description: string;
  source: NonconformitySource;
  severity: NonconformitySeverity;
  /** '' for an organisation-wide non-conformity (then `orgUnitId`). */
  systemId: string;
  orgUnitId: string;
  requirementKeys: string[];
}

interface Props {
  initial: NonconformityFormValues;
  /** A new one chooses its system or unit; an existing one keeps them. */
  mode: 'create' | 'edit';
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: NonconformityFormValues) => void;
  onCancel: () => void;
  onReload?: () => void;
}

/** Requirements of the system (its compliance matrix) to pick from; keys kept from before stay selectable. */
function SystemRequirementPicker({ systemId, value, onChange, error }: { systemId: string; value: string[]; onChange: (v: string[]) => void; error: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const matrix = useRequirementMatrix(systemId, {});
  const labels = useRequirementLabels(value);
  const data = useMemo(() => {
    const rows = (matrix.data?.items ?? []).map((r) => ({ value: r.requirementId, label: `${formatLegalRef(r.ref, lang)} – ${localized(r.title, lang)}` }));
    for (const key of value) {
      if (rows.some((r) => r.value === key)) continue;
      const known = labels.get(key);
      rows.push({ value: key, label: known === undefined ? key : `${formatLegalRef(known.ref, lang)} – ${localized(known.title, lang)}` });
    }
    return rows;
  }, [matrix.data, labels, value, lang]);
  return (
    <MultiSelect
      label={t('capa.fields.requirements')}
      description={t('capa.form.requirementsHint')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('capa.form.requirementsClear') }}
      nothingFoundMessage={t('capa.form.nothingFound')}
      error={error}
      maxDropdownHeight={320}
      data-testid="nonconformity-form-requirements"
    />
  );
}

/** Title, description, source, severity, the system (or, organisation-wide, the unit) and the affected requirements. */
export function NonconformityForm({ initial, mode, pending, error, submitLabel, onSubmit, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const errors = fieldErrorsOf(error);
  const { titleError, checkTitle } = useRequiredTitle(values.title, error);
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const { options: unitOptions } = useUnitOptions();
  const set = <K extends keyof NonconformityFormValues>(key: K, value: NonconformityFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const requirementError = Object.entries(errors).find(([path]) => path.startsWith('requirementKeys'))?.[1];

  const systemOptions = (systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }));
  if (values.systemId !== '' && !systemOptions.some((o) => o.value === values.systemId)) {
    const known = systems.data?.items.find((s) => s.id === values.systemId);
    systemOptions.push({ value: values.systemId, label: known?.name ?? t('capa.form.systemLoading') });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checkTitle()) return;
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="nonconformity-form">
      <Stack gap="md">
        {mode === 'create' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('capa.fields.system')}
              description={t('capa.form.systemHint')}
              value={values.systemId}
              data={[{ value: '', label: t('capa.form.orgWide') }, ...systemOptions]}
              error={errors.systemId}
              onChange={(e) => setValues((v) => ({ ...v, systemId: e.currentTarget.value, requirementKeys: [] }))}
            />
            {values.systemId === '' ? (
              <NativeSelect
                label={t('capa.fields.orgUnit')}
                required
                value={values.orgUnitId}
                data={[{ value: '', label: t('capa.form.chooseUnit') }, ...unitOptions]}
                error={errors.orgUnitId}
                aria-invalid={errors.orgUnitId !== undefined}
                onChange={(e) => set('orgUnitId', e.currentTarget.value)}
              />
            ) : null}
          </SimpleGrid>
        ) : null}
        <TitleField label={t('capa.fields.title')} value={values.title} error={titleError} onChange={(v) => set('title', v)} />
        <Textarea
          label={t('capa.fields.description')}
          description={t('capa.form.descriptionHint')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={values.description}
          error={errors.description}
          onChange={(e) => set('description', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('capa.fields.source')}
            value={values.source}
            data={NONCONFORMITY_SOURCES.map((s) => ({ value: s, label: t(`capa.sources.${s}`) }))}
            error={errors.source}
            onChange={(e) => set('source', e.currentTarget.value as NonconformitySource)}
          />
          <NativeSelect
            label={t('capa.fields.severity')}
            description={t('capa.form.severityHint')}
            value={values.severity}
            data={NONCONFORMITY_SEVERITIES.map((s) => ({ value: s, label: t(`capa.severities.${s}`) }))}
            error={errors.severity}
            onChange={(e) => set('severity', e.currentTarget.value as NonconformitySeverity)}
          />
        </SimpleGrid>
        {values.systemId !== '' ? (
          <SystemRequirementPicker systemId={values.systemId} value={values.requirementKeys} onChange={(v) => set('requirementKeys', v)} error={requirementError} />
        ) : (
          <TagsInput
            label={t('capa.fields.requirements')}
            description={t('capa.form.keysHint')}
            value={values.requirementKeys}
            onChange={(v) => set('requirementKeys', v)}
            clearable
            clearButtonProps={{ 'aria-label': t('capa.form.requirementsClear') }}
            error={requirementError}
            maxTags={200}
          />
        )}
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} onReload={onReload} />
        <FormActions onCancel={onCancel} pending={pending} submitTestId="nonconformity-form-submit" submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}
