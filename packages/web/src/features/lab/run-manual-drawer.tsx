import { useState, type FormEvent } from 'react';
import { Checkbox, Drawer, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { LabPlanDetail, LabRunDetail, LabRunItemType, SystemItems } from '@konform/core';
import { api, fieldErrorsOf } from '../../api/client';
import { FormActions } from '../../shared/form-actions';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useVersions } from '../models/model-queries';
import { useLabPlan, useLabPlans } from './plan-queries';
import { RunErrorAlert, RunFrameFields, useRunFrame, type RunFrame } from './run-form';
import { useRecordRun } from './run-queries';
import { newRow } from './run-results-editor';
import { RunImportForm } from '../exchange/run-import-form';

interface Props {
  /** The plan to record against; the person chooses among the fixed plans when null. */
  planId: string | null;
  onClose: () => void;
  onSaved?: (run: LabRunDetail) => void;
}

export interface Candidate {
  key: string;
  type: LabRunItemType;
  versionId: string;
  manifestDigest: string;
  label: string;
}

/** Records a run by hand against a fixed plan: method, environment, test items, period, and a value per test case. */
export function RunManualDrawer({ planId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [chosenPlan, setChosenPlan] = useState(planId ?? '');
  const plans = useLabPlans({ status: 'fixed', limit: 500 });
  const plan = useLabPlan(chosenPlan);
  const fixed = plans.data?.items ?? [];
  const [mode, setMode] = useState<'manual' | 'file'>('manual');

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={t('labRuns.manual.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t('labRuns.manual.intro')}
        </Text>
        {planId === null ? (
          <NativeSelect
            label={t('labRuns.manual.plan')}
            required
            value={chosenPlan}
            data={[{ value: '', label: t('lab.common.choose') }, ...fixed.map((p) => ({ value: p.id, label: `${p.name} (${p.systemName ?? p.modelName ?? ''})` }))]}
            onChange={(e) => setChosenPlan(e.currentTarget.value)}
            description={plans.data !== undefined && fixed.length === 0 ? t('labRuns.manual.noPlans') : undefined}
            data-testid="lab-run-manual-plan-select"
          />
        ) : null}
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v === 'file' ? 'file' : 'manual')}
          data={[{ value: 'manual', label: t('exchange.runImport.modeManual') }, { value: 'file', label: t('exchange.runImport.modeFile') }]}
          aria-label={t('exchange.runImport.mode')}
          data-testid="lab-run-mode"
        />
        {plan.data !== undefined && plan.data.id === chosenPlan && mode === 'manual' ? <PlanRunForm key={plan.data.id} plan={plan.data} onClose={onClose} onSaved={onSaved} /> : null}
        {plan.data !== undefined && plan.data.id === chosenPlan && mode === 'file' ? <RunImportForm key={plan.data.id} plan={plan.data} onClose={onClose} onSaved={onSaved} /> : null}
      </Stack>
    </Drawer>
  );
}

/** The rows of a method's test cases, metric and unit given by the case. */
function caseRows(plan: LabPlanDetail, methodId: string) {
  return plan.cases.filter((c) => c.methodId === methodId).map((c) => newRow({ metric: c.metric, unit: c.unit, label: `${c.key} ${c.name} (${c.metric})` }));
}

function PlanRunForm({ plan, onClose, onSaved }: { plan: LabPlanDetail; onClose: () => void; onSaved?: ((run: LabRunDetail) => void) | undefined }) {
  const { t } = useTranslation();
  const [methodId, setMethodId] = useState(methodsOf(plan)[0]?.id ?? '');
  const frame: RunFrame = useRunFrame({ environmentId: '', startedAt: '', endedAt: '', seed: '', deviations: '', notes: '', rows: caseRows(plan, methodId) });
  const candidates = useCandidates(plan);
  const [items, setItems] = useState<string[]>([]);
  const [itemError, setItemError] = useState<string | undefined>();
  const mutation = useRecordRun();
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (Object.keys(frame.local).length > 0 || itemError ? frame.local : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = frame.build({ required: t('common.required'), number: t('labRuns.editor.number'), noResult: t('labRuns.editor.required'), endBeforeStart: t('labRuns.editor.endBeforeStart') });
    const chosen = candidates.filter((c) => items.includes(c.key));
    setItemError(chosen.length === 0 ? t('common.required') : undefined);
    if (built === null || chosen.length === 0) return;
    mutation.mutate(
      { planId: plan.id, methodId, items: chosen.map(({ type, versionId, manifestDigest }) => ({ type, versionId, manifestDigest })), ...built },
      {
        onSuccess: (run) => {
          notifications.show({ color: 'teal', message: t('labRuns.manual.done', { number: run.number }) });
          onSaved?.(run);
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="lab-run-manual-form">
      <Stack gap="md">
        <MethodSelect
          plan={plan}
          value={methodId}
          error={server.methodId}
          onChange={(id) => {
            setMethodId(id);
            frame.set({ rows: caseRows(plan, id) });
          }}
          testId="lab-run-manual-method"
        />
        <ItemsChoice candidates={candidates} value={items} onChange={setItems} error={itemError ?? server.items} testId="lab-run-manual-item" />
        <RunFrameFields frame={frame} server={server} editableMetrics={false} testId="lab-run-manual" />
        <RunErrorAlert error={mutation.error} />
        <FormActions onCancel={onClose} submitLabel={t('labRuns.manual.submit')} submitTestId="lab-run-manual-submit" pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** The methods of a plan's test cases, to choose the one a run used. */
export const methodsOf = (plan: LabPlanDetail) => [...new Map(plan.cases.map((c) => [c.methodId, c.method])).values()];

export function MethodSelect({ plan, value, error, onChange, testId }: { plan: LabPlanDetail; value: string; error: string | undefined; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('labRuns.manual.method')}
      required
      value={value}
      data={methodsOf(plan).map((m) => ({ value: m.id, label: `${m.name} (${m.harnessVersion})` }))}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}

/** The test items of a run: the registered versions, each with its digest. */
export function ItemsChoice({ candidates, value, onChange, error, testId }: { candidates: Candidate[]; value: string[]; onChange: (keys: string[]) => void; error: string | undefined; testId: string }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('labRuns.manual.items')} description={t('labRuns.manual.itemsHint')} required value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt={6}>
        {candidates.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('labRuns.manual.noItems')}
          </Text>
        ) : (
          candidates.map((c) => <Checkbox key={c.key} value={c.key} label={c.label} description={c.manifestDigest} data-testid={`${testId}-${c.versionId}`} />)
        )}
      </Stack>
    </Checkbox.Group>
  );
}

/** The versions a person may choose: a system's linked models and datasets, or a model plan's model versions. */
export function useCandidates(plan: LabPlanDetail): Candidate[] {
  const { t } = useTranslation();
  // A model plan has no system: ask for the system's items only when there is one.
  const systemItems = useQuery({ queryKey: ['system-items', plan.systemId], queryFn: () => api.get<SystemItems>(`/systems/${plan.systemId}/models`), enabled: plan.systemId !== null });
  const versions = useVersions('model', plan.modelId ?? '', plan.modelId !== null);
  if (plan.systemId !== null) {
    return (systemItems.data?.items ?? []).map((i) => ({
      key: `${i.type}:${i.versionId}`, type: i.type, versionId: i.versionId, manifestDigest: i.manifestDigest,
      label: `${t(`labRuns.items.types.${i.type}`)}: ${i.itemName} ${i.versionLabel}`,
    }));
  }
  return (versions.data ?? []).map((v) => ({ key: `model:${v.id}`, type: 'model', versionId: v.id, manifestDigest: v.manifestDigest, label: `${t('labRuns.items.types.model')}: ${plan.modelName ?? ''} ${v.label}` }));
}
