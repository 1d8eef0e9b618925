import { useState, type FormEvent } from 'react';
import { NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TRAINING_RESULTS, type TrainingResult } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FileField } from '../../shared/file-field';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useCourses, useRecordCompletion, useUnitStatus } from './literacy-queries';

interface Props {
  /** The unit whose members are offered first. */
  unitId: string;
  onClose: () => void;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Records that a person completed a course, optionally with the certificate (PDF, PNG or JPEG, at most 10 MB). */
export function RecordFormDrawer({ unitId, onClose }: Props) {
  const { t } = useTranslation();
  const { options } = useUnitOptions();
  const [unit, setUnit] = useState(unitId);
  const members = useUnitStatus(unit);
  const courses = useCourses();
  const [userId, setUserId] = useState('');
  const [courseId, setCourseId] = useState('');
  const [completedOn, setCompletedOn] = useState(today());
  const [result, setResult] = useState<TrainingResult>('passed');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const record = useRecordCompletion();
  const error = record.error;
  const server = fieldErrorsOf(error);
  const fileError =
    local.file ?? (isApiError(error) && error.status === 413 ? t('literacy.record.tooLarge') : isApiError(error) && error.status === 415 ? t('literacy.record.wrongType') : server.file);
  const errors = { ...server, ...local };
  const handled = isApiError(error) && (error.status === 400 || error.status === 413 || error.status === 415);
  useFocusFirstError(Object.keys(local).length > 0 ? local : error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (userId === '') missing.userId = t('common.required');
    if (courseId === '') missing.courseId = t('common.required');
    if (completedOn === '') missing.completedOn = t('common.required');
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    record.mutate(
      { userId, courseId, completedOn, result, note, file },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('literacy.record.saved', { person: saved.userName, course: saved.courseTitle }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormDrawer size="lg" title={t('literacy.record.title')} onClose={onClose} onSubmit={submit} testId="record-form">
      <NativeSelect
        label={t('literacy.fields.unit')}
        description={t('literacy.record.unitHint')}
        value={unit}
        data={[{ value: '', label: t('literacy.unit.choose'), disabled: true }, ...options]}
        onChange={(e) => {
          setUnit(e.currentTarget.value);
          setUserId('');
        }}
      />
      <NativeSelect
        label={t('literacy.fields.person')}
        required
        data-autofocus
        value={userId}
        data={[
          { value: '', label: members.isPending && unit !== '' ? t('literacy.record.loadingPeople') : t('literacy.record.choosePerson'), disabled: true },
          ...(members.data?.orgUnitId === unit ? members.data.users : []).map((u) => ({ value: u.userId, label: u.displayName })),
        ]}
        error={errors.userId}
        aria-invalid={errors.userId !== undefined}
        onChange={(e) => setUserId(e.currentTarget.value)}
      />
      <ErrorAlert error={members.error} />
      <NativeSelect
        label={t('literacy.fields.course')}
        required
        value={courseId}
        data={[
          { value: '', label: t('literacy.requirements.chooseCourse'), disabled: true },
          ...(courses.data ?? []).filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.title })),
        ]}
        error={errors.courseId}
        aria-invalid={errors.courseId !== undefined}
        onChange={(e) => setCourseId(e.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('literacy.fields.completedOn')}
          type="date"
          required
          max={today()}
          value={completedOn}
          error={errors.completedOn}
          aria-invalid={errors.completedOn !== undefined}
          onChange={(e) => setCompletedOn(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('literacy.fields.result')}
          value={result}
          data={TRAINING_RESULTS.map((r) => ({ value: r, label: t(`literacy.results.${r}`) }))}
          error={errors.result}
          onChange={(e) => setResult(e.currentTarget.value as TrainingResult)}
        />
      </SimpleGrid>
      <Textarea label={t('literacy.fields.note')} autosize minRows={2} maxLength={2000} value={note} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} />
      <FileField
        label={t('literacy.fields.certificate')}
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        hint={t('literacy.record.fileHint')}
        error={fileError}
        onFile={setFile}
        testId="record-form-file"
      />
      {handled ? null : <ErrorAlert error={error} />}
      <FormActions onCancel={onClose} pending={record.isPending} submitIcon={<IconUpload size={16} aria-hidden />} submitTestId="record-form-submit" submitLabel={t('literacy.record.submit')} />
    </FormDrawer>
  );
}
