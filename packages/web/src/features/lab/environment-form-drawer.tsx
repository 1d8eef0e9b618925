import { useState, type FormEvent } from 'react';
import { NativeSelect, NumberInput, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ContainerDigest, type LabEnvironmentDetail, type LabEnvironmentUpdate, type LabHardware, type LabRuntime } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useSaveLabEnvironment } from './lab-queries';

interface Props {
  environment?: LabEnvironmentDetail;
  onClose: () => void;
  onSaved?: (env: LabEnvironmentDetail) => void;
  onReload?: () => void;
}

const num = (v: string | number, fallback = 0) => (typeof v === 'number' ? v : Number(v) || fallback);

/** An environment's data: hardware, driver, runtime, container digest, location, how long a verification holds. */
export function EnvironmentFormDrawer({ environment, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { options: unitOptions } = useUnitOptions();
  const mutation = useSaveLabEnvironment(environment?.id ?? null);
  const [name, setName] = useState(environment?.name ?? '');
  const [orgUnitId, setOrgUnitId] = useState(environment?.orgUnitId ?? '');
  const [hardware, setHardware] = useState<LabHardware>(environment?.hardware ?? { cpu: '', gpuModel: '', gpuCount: 0, memoryGb: 0 });
  const [runtime, setRuntime] = useState<LabRuntime>(environment?.runtime ?? { python: '', cuda: '', other: '' });
  const [driverVersion, setDriverVersion] = useState(environment?.driverVersion ?? '');
  const [digest, setDigest] = useState(environment?.containerDigest ?? '');
  const [location, setLocation] = useState(environment?.location ?? '');
  const [notes, setNotes] = useState(environment?.notes ?? '');
  const [months, setMonths] = useState(environment?.verificationValidityMonths ?? 6);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (Object.keys(local).length > 0 ? local : null));
  const errorOf = (field: string) => local[field] ?? server[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (name.trim() === '') errors.name = t('common.required');
    if (orgUnitId === '') errors.orgUnitId = t('common.required');
    const containerDigest = digest.trim() === '' ? null : digest.trim();
    if (containerDigest !== null && !ContainerDigest.safeParse(containerDigest).success) errors.containerDigest = t('lab.environments.form.digestInvalid');
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    const done = (saved: LabEnvironmentDetail) => {
      notifications.show({ color: 'teal', message: t('lab.environments.form.saved', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    };
    const values = { name: name.trim(), hardware, runtime, driverVersion: driverVersion.trim(), containerDigest, location: location.trim(), notes: notes.trim(), verificationValidityMonths: months };
    if (environment === undefined) {
      mutation.mutate({ orgUnitId, ...values }, { onSuccess: done });
      return;
    }
    const payload: LabEnvironmentUpdate = {
      version: environment.version,
      ...(orgUnitId !== environment.orgUnitId ? { orgUnitId } : {}),
      ...(values.name !== environment.name ? { name: values.name } : {}),
      ...(JSON.stringify(hardware) !== JSON.stringify(environment.hardware) ? { hardware } : {}),
      ...(JSON.stringify(runtime) !== JSON.stringify(environment.runtime) ? { runtime } : {}),
      ...(values.driverVersion !== environment.driverVersion ? { driverVersion: values.driverVersion } : {}),
      ...(containerDigest !== environment.containerDigest ? { containerDigest } : {}),
      ...(values.location !== environment.location ? { location: values.location } : {}),
      ...(values.notes !== environment.notes ? { notes: values.notes } : {}),
      ...(months !== environment.verificationValidityMonths ? { verificationValidityMonths: months } : {}),
      ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
    };
    mutation.mutate(payload, { onSuccess: done });
  };

  return (
    <FormDrawer size="xl" title={environment === undefined ? t('lab.environments.form.createTitle') : t('lab.environments.form.editTitle')} onClose={onClose} onSubmit={submit} testId="lab-environment-form">
      <TextInput label={t('lab.environments.fields.name')} required maxLength={300} data-autofocus value={name} error={errorOf('name')} aria-invalid={errorOf('name') !== undefined} onChange={(e) => setName(e.currentTarget.value)} data-testid="lab-environment-name" />
      <NativeSelect
        label={t('lab.common.unit')}
        description={t('lab.common.unitHint')}
        required
        value={orgUnitId}
        data={[...(environment === undefined ? [{ value: '', label: t('lab.common.choose') }] : []), ...unitOptions]}
        error={errorOf('orgUnitId')}
        aria-invalid={errorOf('orgUnitId') !== undefined}
        onChange={(e) => setOrgUnitId(e.currentTarget.value)}
        data-testid="lab-environment-unit"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('lab.environments.fields.gpuModel')} maxLength={200} value={hardware.gpuModel} onChange={(e) => setHardware({ ...hardware, gpuModel: e.currentTarget.value })} data-testid="lab-environment-gpu" />
        <NumberInput label={t('lab.environments.fields.gpuCount')} min={0} max={4096} allowDecimal={false} value={hardware.gpuCount} onChange={(v) => setHardware({ ...hardware, gpuCount: num(v) })} error={server.hardware} />
        <TextInput label={t('lab.environments.fields.cpu')} maxLength={200} value={hardware.cpu} onChange={(e) => setHardware({ ...hardware, cpu: e.currentTarget.value })} />
        <NumberInput label={t('lab.environments.fields.memoryGb')} min={0} value={hardware.memoryGb} onChange={(v) => setHardware({ ...hardware, memoryGb: num(v) })} />
        <TextInput label={t('lab.environments.fields.driverVersion')} description={t('lab.environments.form.driverHint')} maxLength={100} value={driverVersion} onChange={(e) => setDriverVersion(e.currentTarget.value)} data-testid="lab-environment-driver" />
        <TextInput label={t('lab.environments.fields.python')} maxLength={50} value={runtime.python} onChange={(e) => setRuntime({ ...runtime, python: e.currentTarget.value })} />
        <TextInput label={t('lab.environments.fields.cuda')} maxLength={50} value={runtime.cuda} onChange={(e) => setRuntime({ ...runtime, cuda: e.currentTarget.value })} />
        <TextInput label={t('lab.environments.fields.runtimeOther')} maxLength={1000} value={runtime.other} onChange={(e) => setRuntime({ ...runtime, other: e.currentTarget.value })} />
      </SimpleGrid>
      <TextInput
        label={t('lab.environments.fields.containerDigest')}
        description={t('lab.environments.form.digestHint')}
        placeholder="sha256:…"
        ff="monospace"
        value={digest}
        error={errorOf('containerDigest')}
        aria-invalid={errorOf('containerDigest') !== undefined}
        onChange={(e) => setDigest(e.currentTarget.value)}
        data-testid="lab-environment-digest"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('lab.environments.fields.location')} maxLength={300} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
        <NumberInput label={t('lab.environments.fields.validityMonths')} description={t('lab.environments.form.validityHint')} min={1} max={60} allowDecimal={false} value={months} error={server.verificationValidityMonths} onChange={(v) => setMonths(num(v, 6))} />
      </SimpleGrid>
      <Textarea label={t('lab.environments.fields.notes')} autosize minRows={2} maxLength={10000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      {environment !== undefined ? <Textarea label={t('lab.common.reason')} autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
      <ErrorAlert error={Object.keys(server).length > 0 ? null : mutation.error} onReload={onReload === undefined ? undefined : () => { mutation.reset(); onReload(); onClose(); }} />
      <FormActions onCancel={onClose} submitLabel={t('common.save')} submitTestId="lab-environment-submit" pending={mutation.isPending} />
    </FormDrawer>
  );
}
