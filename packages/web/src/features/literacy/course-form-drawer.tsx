import { useState, type FormEvent } from 'react';
import { Checkbox, NativeSelect, NumberInput, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { TRAINING_DELIVERIES, TRAINING_PROVIDER_KINDS, TRAINING_TOPICS, type TrainingCourse, type TrainingTopic } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { FormDrawer } from '../../shared/form-drawer';
import { TitleField } from '../../shared/title-field';
import { useRequiredTitle } from '../../shared/use-required-title';
import { useSaveCourse } from './literacy-queries';

interface Props {
  /** The course to edit; without it, a new course is added. */
  course?: TrainingCourse;
  onClose: () => void;
}

type Values = Pick<TrainingCourse, 'title' | 'description' | 'providerKind' | 'provider' | 'topics' | 'tags' | 'delivery' | 'status'> & {
  durationHours: number | string;
  validityMonths: number | string;
};

function initial(course: TrainingCourse | undefined): Values {
  return {
    title: course?.title ?? '',
    description: course?.description ?? '',
    providerKind: course?.providerKind ?? 'internal',
    provider: course?.provider ?? '',
    topics: course?.topics ?? [],
    tags: course?.tags ?? [],
    delivery: course?.delivery ?? 'in-person',
    status: course?.status ?? 'active',
    durationHours: course?.durationHours ?? '',
    validityMonths: course?.validityMonths ?? '',
  };
}

const numberOrNull = (value: number | string) => (value === '' || Number.isNaN(Number(value)) ? null : Number(value));

/** Adds a course or changes one (title, provider, topics mapped to Art. 4, duration, delivery, validity; retiring it). */
export function CourseFormDrawer({ course, onClose }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => initial(course));
  const save = useSaveCourse(course?.id);
  const errors = fieldErrorsOf(save.error);
  const { titleError, checkTitle } = useRequiredTitle(values.title, save.error);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checkTitle()) return;
    const body = {
      title: values.title.trim(),
      description: values.description.trim(),
      providerKind: values.providerKind,
      provider: values.provider.trim(),
      topics: values.topics,
      tags: values.tags,
      durationHours: numberOrNull(values.durationHours),
      delivery: values.delivery,
      validityMonths: numberOrNull(values.validityMonths),
    };
    save.mutate(course === undefined ? body : { ...body, version: course.version, status: values.status }, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t(course === undefined ? 'literacy.courses.created' : 'literacy.courses.saved', { title: saved.title }) });
        onClose();
      },
    });
  };

  return (
    <FormDrawer size="lg" title={course === undefined ? t('literacy.courses.createTitle') : t('literacy.courses.editTitle', { title: course.title })} onClose={onClose} onSubmit={submit} testId="course-form">
      <TitleField label={t('literacy.fields.title')} value={values.title} error={titleError} onChange={(v) => set('title', v)} />
      <Textarea label={t('literacy.fields.description')} autosize minRows={2} maxLength={10_000} value={values.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('literacy.fields.providerKind')}
          value={values.providerKind}
          data={TRAINING_PROVIDER_KINDS.map((k) => ({ value: k, label: t(`literacy.providerKinds.${k}`) }))}
          error={errors.providerKind}
          onChange={(e) => set('providerKind', e.currentTarget.value as Values['providerKind'])}
        />
        <TextInput
          label={t('literacy.fields.provider')}
          description={t('literacy.courses.providerHint')}
          required={values.providerKind === 'external'}
          maxLength={200}
          value={values.provider}
          error={errors.provider}
          aria-invalid={errors.provider !== undefined}
          onChange={(e) => set('provider', e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox.Group label={t('literacy.fields.topics')} description={t('literacy.courses.topicsHint')} value={values.topics} onChange={(v) => set('topics', v as TrainingTopic[])} error={errors.topics}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
          {TRAINING_TOPICS.map((topic) => (
            <Checkbox key={topic} value={topic} label={t(`literacy.topics.${topic}`)} size="sm" />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <TagsInput label={t('literacy.fields.tags')} description={t('literacy.courses.tagsHint')} value={values.tags} error={errors.tags} onChange={(tags) => set('tags', tags)} clearable />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('literacy.fields.durationHours')}
          min={0.25}
          max={1000}
          step={0.25}
          decimalScale={2}
          allowNegative={false}
          value={values.durationHours}
          error={errors.durationHours}
          onChange={(v) => set('durationHours', v)}
        />
        <NativeSelect
          label={t('literacy.fields.delivery')}
          value={values.delivery}
          data={TRAINING_DELIVERIES.map((d) => ({ value: d, label: t(`literacy.deliveries.${d}`) }))}
          error={errors.delivery}
          onChange={(e) => set('delivery', e.currentTarget.value as Values['delivery'])}
        />
        <NumberInput
          label={t('literacy.fields.validityMonths')}
          description={t('literacy.courses.validityHint')}
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          value={values.validityMonths}
          error={errors.validityMonths}
          onChange={(v) => set('validityMonths', v)}
        />
      </SimpleGrid>
      {course === undefined ? null : (
        <NativeSelect
          label={t('literacy.fields.status')}
          value={values.status}
          data={[
            { value: 'active', label: t('literacy.courseStatus.active') },
            { value: 'retired', label: t('literacy.courseStatus.retired') },
          ]}
          onChange={(e) => set('status', e.currentTarget.value as Values['status'])}
        />
      )}
      <ErrorAlert error={Object.keys(errors).length > 0 ? null : save.error} />
      <FormActions onCancel={onClose} pending={save.isPending} submitTestId="course-form-submit" submitLabel={course === undefined ? t('common.create') : t('common.save')} />
    </FormDrawer>
  );
}
