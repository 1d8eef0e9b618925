import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LabPlanDetail, LabPlanUpdate } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useSystemList } from '../inventory/system-queries';
import { useItems } from '../models/model-queries';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useLabMethods } from './lab-queries';
import { CaseEditor, caseErrors, draftOf, emptyCase, inputOf, planFieldErrors, useRequirementOptions, type CaseDraft } from './plan-case-editor';
import { useSaveLabPlan } from './plan-queries';

type Subject = 'system' | 'model';

interface Props {
  /** The draft to change; without it a new plan. */
  plan?: LabPlanDetail;
  /** A new plan's AI system or model, e.g. from the list's filter. */
  defaults?: { systemId?: string; modelId?: string };
  onClose: () => void;
  onSaved?: (plan: LabPlanDetail) => void;
  onReload?: () => void;
}

/** A plan's subject (AI system or model), name, description and its test cases. */
export function PlanFormDrawer({ plan, defaults = {}, onClose, onSaved, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const creating = plan === undefined;
  const mutation = useSaveLabPlan(plan?.id ?? null);
  const [subject, setSubject] = useState<Subject>(plan?.modelId ?? defaults.modelId ? 'model' : 'system');
  const [systemId, setSystemId] = useState(plan?.systemId ?? defaults.systemId ?? '');
  const [modelId, setModelId] = useState(plan?.modelId ?? defaults.modelId ?? '');
  const [orgUnitId, setOrgUnitId] = useState('');
  const [name, setName] = useState(plan?.name ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [cases, setCases] = useState<CaseDraft[]>(() => (plan === undefined ? [emptyCase([])] : plan.cases.map((c) => draftOf(c, i18n.language))));
  const [reason, setReason] = useState('');
  // After the first submit the form's own checks follow every edit, so a corrected field loses its message at once.
  const [attempted, setAttempted] = useState(false);
  // Moves focus to the first invalid field after a refused submit only, never while typing.
  const [refused, setRefused] = useState<number | null>(null);

  const systems = useSystemList({ limit: 500, sort: 'name' });
  const models = useItems('model', { limit: 500 }, creating);
  const datasets = useItems('dataset', { limit: 500 });
  const methods = useLabMethods({ limit: 500 });
  const { options: unitOptions } = useUnitOptions();
  const requirements = useRequirementOptions(subject === 'system' ? systemId : '', [...new Set(cases.flatMap((c) => c.requirementKeys))]);

  const localErrors = (): Record<string, string> => {
    const found = caseErrors(cases, t);
    if (name.trim() === '') found.name = t('common.required');
    if (creating && subject === 'system' && systemId === '') found.systemId = t('common.required');
    if (creating && subject === 'model' && modelId === '') found.modelId = t('common.required');
    return found;
  };
  const local = attempted ? localErrors() : {};
  const server = planFieldErrors(mutation.error, t);
  const errors = { ...server, ...local };
  useFocusFirstError(mutation.error ?? refused);
  const setCase = (index: number, change: Partial<CaseDraft>) => setCases((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const moveCase = (index: number, by: -1 | 1) =>
    setCases((rows) => {
      const next = [...rows];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });

  const systemOptions = (systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }));
  const modelOptions = (models.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  const methodOptions = (methods.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.harnessVersion}) · ${t(`lab.methods.status.${m.status}`)}` }));
  const datasetOptions = (datasets.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(localErrors()).length > 0) {
      mutation.reset();
      setRefused((n) => (n ?? 0) + 1);
      return;
    }
    const done = (saved: LabPlanDetail) => {
      notifications.show({ color: 'teal', message: t('labPlans.form.saved', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    };
    const input = cases.map(inputOf);
    if (plan === undefined) {
      const target = subject === 'system' ? { systemId } : { modelId, ...(orgUnitId === '' ? {} : { orgUnitId }) };
      mutation.mutate({ ...target, name: name.trim(), description: description.trim(), cases: input }, { onSuccess: done });
      return;
    }
    const payload: LabPlanUpdate = {
      version: plan.version,
      ...(name.trim() !== plan.name ? { name: name.trim() } : {}),
      ...(description.trim() !== plan.description ? { description: description.trim() } : {}),
      cases: input,
      ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
    };
    mutation.mutate(payload, { onSuccess: done });
  };

  return (
    <FormDrawer size="xl" title={creating ? t('labPlans.form.createTitle') : t('labPlans.form.editTitle')} onClose={onClose} onSubmit={submit} testId="lab-plan-form">
      <Text fz="sm" c="dimmed">
        {t('labPlans.form.intro')}
      </Text>
      {creating ? (
        <Stack gap="xs">
          <Text fz="sm" fw={500} id="lab-plan-subject-label">
            {t('labPlans.fields.subject')}
          </Text>
          <SegmentedControl
            aria-labelledby="lab-plan-subject-label"
            value={subject}
            onChange={(value) => setSubject(value as Subject)}
            data={[{ value: 'system', label: t('labPlans.subject.system') }, { value: 'model', label: t('labPlans.subject.model') }]}
            data-testid="lab-plan-subject"
          />
          {subject === 'system' ? (
            <NativeSelect
              label={t('labPlans.fields.system')}
              description={t('labPlans.form.systemHint')}
              required
              value={systemId}
              data={[{ value: '', label: t('lab.common.choose') }, ...systemOptions]}
              error={errors.systemId}
              aria-invalid={errors.systemId !== undefined}
              onChange={(e) => setSystemId(e.currentTarget.value)}
              data-testid="lab-plan-system"
            />
          ) : (
            <>
              <NativeSelect
                label={t('labPlans.fields.model')}
                required
                value={modelId}
                data={[{ value: '', label: t('lab.common.choose') }, ...modelOptions]}
                error={errors.modelId}
                aria-invalid={errors.modelId !== undefined}
                onChange={(e) => setModelId(e.currentTarget.value)}
                data-testid="lab-plan-model"
              />
              <NativeSelect
                label={t('lab.common.unit')}
                description={t('labPlans.form.unitHint')}
                value={orgUnitId}
                data={[{ value: '', label: t('labPlans.form.modelUnit') }, ...unitOptions]}
                error={errors.orgUnitId}
                aria-invalid={errors.orgUnitId !== undefined}
                onChange={(e) => setOrgUnitId(e.currentTarget.value)}
              />
            </>
          )}
        </Stack>
      ) : null}
      <TextInput label={t('labPlans.fields.name')} required maxLength={300} data-autofocus value={name} error={errors.name} aria-invalid={errors.name !== undefined} onChange={(e) => setName(e.currentTarget.value)} data-testid="lab-plan-name" />
      <Textarea label={t('labPlans.fields.description')} autosize minRows={2} maxLength={10000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <Stack gap="sm">
        <Title order={3} fz="md">
          {t('labPlans.cases.title')}
        </Title>
        <Text fz="xs" c="dimmed">
          {t('labPlans.form.casesHint')}
        </Text>
        {cases.map((c, i) => (
          <CaseEditor
            key={i}
            value={c}
            index={i}
            count={cases.length}
            errors={errors}
            methods={methodOptions}
            datasets={datasetOptions}
            requirements={requirements}
            onChange={(change) => setCase(i, change)}
            onMove={(by) => moveCase(i, by)}
            onRemove={() => setCases((rows) => rows.filter((_, j) => j !== i))}
          />
        ))}
        {errors.cases !== undefined ? (
          <Text fz="sm" c="red.9" role="alert">
            {errors.cases}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCases((rows) => [...rows, emptyCase(rows)])} data-testid="lab-plan-add-case">
            {t('labPlans.form.addCase')}
          </Button>
        </Group>
      </Stack>
      {!creating ? <Textarea label={t('lab.common.reason')} autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
      <ErrorAlert
        error={Object.keys(server).length > 0 ? null : mutation.error}
        onReload={onReload === undefined ? undefined : () => { mutation.reset(); onReload(); onClose(); }}
      />
      <FormActions onCancel={onClose} submitLabel={creating ? t('labPlans.form.createSubmit') : t('common.save')} submitTestId="lab-plan-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}
