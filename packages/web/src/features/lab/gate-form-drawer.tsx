import { useState, type FormEvent } from 'react';
import { NativeSelect, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabGateDetail } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useSystemList } from '../inventory/system-queries';
import { useItems, useVersions } from '../models/model-queries';
import { useLabPlans } from './plan-queries';
import { useCreateLabGate } from './gate-queries';

type Subject = 'system' | 'model-version';

interface Props {
  /** A new gate's AI system, e.g. from the list's filter. */
  defaults?: { systemId?: string };
  onClose: () => void;
  onSaved: (gate: LabGateDetail) => void;
}

/** Opens a release gate: the subject (AI system or model version), a fixed plan of it, a title and the default tolerance. */
export function GateFormDrawer({ defaults = {}, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const mutation = useCreateLabGate();
  const [subject, setSubject] = useState<Subject>('system');
  const [systemId, setSystemId] = useState(defaults.systemId ?? '');
  const [modelId, setModelId] = useState('');
  const [modelVersionId, setModelVersionId] = useState('');
  const [planId, setPlanId] = useState('');
  const [title, setTitle] = useState(t('labGates.form.defaultTitle'));
  const [tolerance, setTolerance] = useState<number | string>(0.01);
  const [local, setLocal] = useState<Record<string, string>>({});

  const systems = useSystemList({ limit: 500, sort: 'name' });
  const models = useItems('model', { limit: 500 });
  const versions = useVersions('model', modelId, subject === 'model-version');
  const chosen = subject === 'system' ? systemId : modelId;
  const plans = useLabPlans(subject === 'system' ? { systemId, status: 'fixed', limit: 200 } : { modelId, status: 'fixed', limit: 200 });
  const planOptions = chosen === '' ? [] : (plans.data?.items ?? []).filter((p) => (subject === 'system' ? p.systemId === systemId : p.modelId === modelId)).map((p) => ({ value: p.id, label: p.name }));
  const errors = { ...fieldErrorsOf(mutation.error), ...local };
  useFocusFirstError(mutation.error ?? (Object.keys(local).length > 0 ? local : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (subject === 'system' && systemId === '') found.systemId = t('common.required');
    if (subject === 'model-version' && modelVersionId === '') found.modelVersionId = t('common.required');
    if (planId === '') found.planId = t('common.required');
    if (title.trim() === '') found.title = t('common.required');
    if (typeof tolerance !== 'number' || tolerance < 0) found.regressionTolerance = t('labGates.form.toleranceInvalid');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const target = subject === 'system' ? { systemId } : { modelVersionId };
    mutation.mutate({ ...target, planId, title: title.trim(), regressionTolerance: tolerance as number }, {
      onSuccess: (gate) => {
        notifications.show({ color: 'teal', message: t('labGates.form.created', { number: gate.number }) });
        onSaved(gate);
        onClose();
      },
    });
  };

  const pick = (change: () => void) => {
    change();
    setPlanId('');
  };

  return (
    <FormDrawer size="lg" title={t('labGates.form.title')} onClose={onClose} onSubmit={submit} testId="lab-gate-form">
      <Text fz="sm" c="dimmed">
        {t('labGates.form.intro')}
      </Text>
      <Stack gap="xs">
        <Text fz="sm" fw={500} id="lab-gate-subject-label">
          {t('labGates.fields.subject')}
        </Text>
        <SegmentedControl
          aria-labelledby="lab-gate-subject-label"
          value={subject}
          onChange={(value) => pick(() => setSubject(value as Subject))}
          data={[{ value: 'system', label: t('labGates.subject.system') }, { value: 'model-version', label: t('labGates.subject.modelVersion') }]}
          data-testid="lab-gate-subject"
        />
        {subject === 'system' ? (
          <NativeSelect
            label={t('labGates.subject.system')}
            description={t('labGates.form.systemHint')}
            required
            value={systemId}
            data={[{ value: '', label: t('lab.common.choose') }, ...(systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }))]}
            error={errors.systemId}
            aria-invalid={errors.systemId !== undefined}
            onChange={(e) => pick(() => setSystemId(e.currentTarget.value))}
            data-testid="lab-gate-system"
          />
        ) : (
          <>
            <NativeSelect
              label={t('labGates.subject.model')}
              required
              value={modelId}
              data={[{ value: '', label: t('lab.common.choose') }, ...(models.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))]}
              onChange={(e) => pick(() => {
                setModelId(e.currentTarget.value);
                setModelVersionId('');
              })}
              data-testid="lab-gate-model"
            />
            <NativeSelect
              label={t('labGates.subject.modelVersion')}
              required
              disabled={modelId === ''}
              value={modelVersionId}
              data={[{ value: '', label: t('lab.common.choose') }, ...(versions.data ?? []).map((v) => ({ value: v.id, label: v.label }))]}
              error={errors.modelVersionId}
              aria-invalid={errors.modelVersionId !== undefined}
              onChange={(e) => setModelVersionId(e.currentTarget.value)}
              data-testid="lab-gate-model-version"
            />
          </>
        )}
      </Stack>
      <NativeSelect
        label={t('labGates.fields.plan')}
        description={chosen !== '' && planOptions.length === 0 && !plans.isPending ? t('labGates.form.noFixedPlan') : t('labGates.form.planHint')}
        required
        disabled={chosen === ''}
        value={planId}
        data={[{ value: '', label: t('lab.common.choose') }, ...planOptions]}
        error={errors.planId}
        aria-invalid={errors.planId !== undefined}
        onChange={(e) => setPlanId(e.currentTarget.value)}
        data-testid="lab-gate-plan"
      />
      <TextInput label={t('labGates.fields.title')} required maxLength={300} value={title} error={errors.title} aria-invalid={errors.title !== undefined} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="lab-gate-title" />
      <NumberInput
        label={t('labGates.fields.regressionTolerance')}
        description={t('labGates.form.toleranceHint')}
        min={0}
        step={0.005}
        decimalScale={6}
        decimalSeparator={t('labGates.form.decimalSeparator')}
        value={tolerance}
        error={errors.regressionTolerance}
        aria-invalid={errors.regressionTolerance !== undefined}
        onChange={setTolerance}
        data-testid="lab-gate-tolerance"
      />
      <ErrorAlert error={Object.keys(fieldErrorsOf(mutation.error)).length > 0 ? null : mutation.error} />
      <FormActions onCancel={onClose} submitLabel={t('labGates.form.submit')} submitTestId="lab-gate-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}
