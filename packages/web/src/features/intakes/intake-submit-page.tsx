import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { IntakeCreate as IntakeCreateSchema, SOURCINGS } from '@konform/core';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUnitOptions } from '../org-units/org-unit-queries';
import { useSubmitIntake } from './intake-queries';
import type { IntakeCreate } from './intake-types';

type Values = Omit<IntakeCreate, 'plannedDate'> & { plannedDate: string };


const EMPTY: Values = { title: '', purpose: '', targetGroup: '', dataUsed: '', sourcing: 'in-house', vendor: '', plannedDate: '', orgUnitId: '' };

/** "Vorhaben melden": a business unit describes a planned AI use case for the AI-coordination team. */
export function IntakeSubmitPage() {
  const { t } = useTranslation();
  usePageTitle(t('intake.submit.title'));
  const navigate = useNavigate();
  const { options: unitOptions } = useUnitOptions();
  const [values, setValues] = useState<Values>(EMPTY);
  const submit = useSubmitIntake();
  const errors = serverFieldErrors(submit.error, t, {
    schema: IntakeCreateSchema,
    payload: submit.variables,
    custom: { vendor: t('system.vendorRequired'), 'orgUnitId:invalid': t('common.required') },
  });
  useFocusFirstError(submit.error);

  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const text = (field: 'title' | 'vendor') => ({
    label: t(`intake.fields.${field}`),
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set({ [field]: event.currentTarget.value }),
  });
  const area = (field: 'purpose' | 'targetGroup' | 'dataUsed') => ({
    label: t(`intake.fields.${field}`),
    description: t(`intake.hints.${field}`),
    name: field,
    value: values[field],
    error: errors[field],
    required: true,
    autosize: true,
    minRows: 3,
    maxRows: 10,
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => set({ [field]: event.currentTarget.value }),
  });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { plannedDate, ...rest } = values;
    submit.mutate(
      { ...rest, plannedDate: plannedDate === '' ? null : plannedDate },
      {
        onSuccess: (intake) => {
          notifications.show({ color: 'teal', message: t('intake.submit.done', { title: intake.title }) });
          void navigate(`/intakes/${intake.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="lg" maw={880}>
        <div>
          <Title order={1}>{t('intake.submit.title')}</Title>
          <Text c="dimmed" fz="sm" mt={4}>
            {t('intake.submit.intro')}
          </Text>
        </div>
        <Paper withBorder p="lg" component="section" aria-labelledby="intake-what">
          <Title order={2} id="intake-what" mb="md">
            {t('intake.submit.sectionWhat')}
          </Title>
          <Stack gap="md">
            <TextInput {...text('title')} required maxLength={200} description={t('intake.hints.title')} />
            <Textarea {...area('purpose')} />
            <Textarea {...area('targetGroup')} />
            <Textarea {...area('dataUsed')} />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="intake-how">
          <Title order={2} id="intake-how" mb="md">
            {t('intake.submit.sectionHow')}
          </Title>
          <Stack gap="md">
            <Radio.Group
              label={t('intake.fields.sourcing')}
              name="sourcing"
              value={values.sourcing}
              error={errors.sourcing}
              onChange={(sourcing) => set({ sourcing: sourcing === 'procured' ? 'procured' : 'in-house' })}
            >
              <Group gap="lg" mt={6}>
                {SOURCINGS.map((sourcing) => (
                  <Radio key={sourcing} value={sourcing} label={t(`system.sourcings.${sourcing}`)} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput {...text('vendor')} maxLength={200} required={values.sourcing === 'procured'} description={t('system.hints.vendor')} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <NativeSelect
                label={t('intake.fields.orgUnitId')}
                name="orgUnitId"
                required
                value={values.orgUnitId}
                error={errors.orgUnitId}
                onChange={(event) => set({ orgUnitId: event.currentTarget.value })}
                data={[{ value: '', label: t('systemForm.chooseUnit'), disabled: true }, ...unitOptions]}
              />
              <TextInput
                label={t('intake.fields.plannedDate')}
                description={t('intake.hints.plannedDate')}
                name="plannedDate"
                type="date"
                value={values.plannedDate}
                error={errors.plannedDate}
                onChange={(event) => set({ plannedDate: event.currentTarget.value })}
              />
            </SimpleGrid>
          </Stack>
        </Paper>
        <ErrorAlert error={submit.error} />
        <Group justify="flex-end">
          <Button variant="default" component={Link} to="/intakes">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submit.isPending}>
            {t('intake.submit.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
