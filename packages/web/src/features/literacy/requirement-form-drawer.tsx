import { useState, type FormEvent } from 'react';
import { Alert, NativeSelect, NumberInput, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GRACE_DAYS, ROLES, type Role, type TrainingCourse, type TrainingRequirement } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useSaveRequirement } from './literacy-queries';

interface Props {
  courses: TrainingCourse[];
  requirement?: TrainingRequirement;
  onClose: () => void;
}

const numberOrNull = (value: number | string) => (value === '' || Number.isNaN(Number(value)) ? null : Number(value));

/** Which role (everywhere or within a unit and its sub-units) needs which course, how often, and the grace period. */
export function RequirementFormDrawer({ courses, requirement, onClose }: Props) {
  const { t } = useTranslation();
  const { options } = useUnitOptions();
  const active = courses.filter((c) => c.status === 'active' || c.id === requirement?.courseId);
  const [courseId, setCourseId] = useState(requirement?.courseId ?? '');
  const [role, setRole] = useState<Role>(requirement?.role ?? 'owner');
  const [orgUnitId, setOrgUnitId] = useState(requirement?.orgUnitId ?? '');
  const [intervalMonths, setIntervalMonths] = useState<number | string>(requirement?.intervalMonths ?? '');
  const [graceDays, setGraceDays] = useState<number | string>(requirement?.graceDays ?? DEFAULT_GRACE_DAYS);
  const [courseMissing, setCourseMissing] = useState(false);
  const save = useSaveRequirement(requirement?.id);
  const errors = fieldErrorsOf(save.error);
  const exists = isApiError(save.error) && save.error.code === 'requirement-exists';
  const courseError = courseMissing ? t('common.required') : errors.courseId;
  const course = courses.find((c) => c.id === courseId);
  useFocusFirstError(save.error ?? (courseMissing ? 'course' : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (courseId === '') {
      setCourseMissing(true);
      return;
    }
    setCourseMissing(false);
    const common = { role, orgUnitId: orgUnitId === '' ? null : orgUnitId, intervalMonths: numberOrNull(intervalMonths), graceDays: numberOrNull(graceDays) ?? DEFAULT_GRACE_DAYS };
    save.mutate(requirement === undefined ? { ...common, courseId } : { ...common, version: requirement.version }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('literacy.requirements.saved', { course: course?.title ?? '', role: t(`roles.${role}`) }) });
        onClose();
      },
    });
  };

  return (
    <FormDrawer size="lg" title={requirement === undefined ? t('literacy.requirements.createTitle') : t('literacy.requirements.editTitle')} onClose={onClose} onSubmit={submit} testId="requirement-form">
      <NativeSelect
        label={t('literacy.fields.course')}
        required
        disabled={requirement !== undefined}
        value={courseId}
        data={[{ value: '', label: t('literacy.requirements.chooseCourse'), disabled: true }, ...active.map((c) => ({ value: c.id, label: c.title }))]}
        error={courseError}
        aria-invalid={courseError !== undefined}
        onChange={(e) => setCourseId(e.currentTarget.value)}
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('literacy.fields.role')}
          required
          value={role}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={errors.role}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
        />
        <NativeSelect
          label={t('literacy.fields.unit')}
          description={t('literacy.requirements.unitHint')}
          value={orgUnitId}
          data={[{ value: '', label: t('literacy.requirements.everywhere') }, ...options]}
          error={errors.orgUnitId}
          onChange={(e) => setOrgUnitId(e.currentTarget.value)}
        />
        <NumberInput
          label={t('literacy.fields.intervalMonths')}
          description={
            course === undefined || course.validityMonths === null
              ? t('literacy.requirements.intervalHintNone')
              : t('literacy.requirements.intervalHint', { months: course.validityMonths })
          }
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          value={intervalMonths}
          error={errors.intervalMonths}
          onChange={setIntervalMonths}
        />
        <NumberInput
          label={t('literacy.fields.graceDays')}
          description={t('literacy.requirements.graceHint')}
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={graceDays}
          error={errors.graceDays}
          onChange={setGraceDays}
        />
      </SimpleGrid>
      {exists ? (
        <Alert color="red" variant="light" role="alert">
          {t('literacy.requirements.exists')}
        </Alert>
      ) : (
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : save.error} />
      )}
      <FormActions onCancel={onClose} pending={save.isPending} submitTestId="requirement-form-submit" submitLabel={requirement === undefined ? t('common.create') : t('common.save')} />
    </FormDrawer>
  );
}
