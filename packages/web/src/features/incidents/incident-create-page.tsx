import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrorsOf } from '../../api/client';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { useSystemList } from '../inventory/system-queries';
import { AssessmentQuestions, UNANSWERED } from './assessment-questions';
import { fromLocalInput, toLocalInput } from './datetime';
import { useCreateIncident } from './incident-queries';

/** Records an incident or malfunction of an AI system and asks the Art. 3(49)/3(61) questions right away. */
export function IncidentCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  usePageTitle(t('incidents.create.title'));
  const systems = useSystemList({ limit: 500, sort: 'name' });
  const create = useCreateIncident();
  const errors = fieldErrorsOf(create.error);
  const [values, setValues] = useState({
    systemId: search.get('systemId') ?? '', title: '', description: '', occurredAt: '', awareAt: toLocalInput(new Date().toISOString()), affectedPersons: '', harm: '',
  });
  const [assessment, setAssessment] = useState(UNANSWERED);
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        systemId: values.systemId, title: values.title.trim(), description: values.description.trim(), affectedPersons: values.affectedPersons.trim(), harm: values.harm.trim(),
        awareAt: fromLocalInput(values.awareAt) ?? '', ...(fromLocalInput(values.occurredAt) ? { occurredAt: fromLocalInput(values.occurredAt) } : {}), assessment,
      },
      { onSuccess: (incident) => void navigate(`/incidents/${incident.id}`) },
    );
  };

  const options = [{ value: '', label: t('incidents.create.pickSystem') }, ...(systems.data?.items ?? []).filter((s) => s.archivedAt === null).map((s) => ({ value: s.id, label: s.name }))];
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/incidents" fz="sm">{t('incidents.back')}</Anchor>
      <Title order={1}>{t('incidents.create.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate data-testid="incident-form">
          <Stack gap="md">
            <NativeSelect label={t('incidents.fields.system')} required data={options} value={values.systemId} onChange={set('systemId')} error={errors.systemId} data-testid="incident-system" />
            <TextInput label={t('incidents.fields.title')} required value={values.title} onChange={set('title')} error={errors.title} data-testid="incident-title" />
            <Textarea label={t('incidents.fields.description')} autosize minRows={3} value={values.description} onChange={set('description')} error={errors.description} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="datetime-local" label={t('incidents.fields.occurredAt')} value={values.occurredAt} onChange={set('occurredAt')} error={errors.occurredAt} data-testid="incident-occurred" />
              <TextInput type="datetime-local" label={t('incidents.fields.awareAt')} description={t('incidents.fields.awareAtHint')} required value={values.awareAt} onChange={set('awareAt')} error={errors.awareAt} data-testid="incident-aware" />
            </SimpleGrid>
            <Textarea label={t('incidents.fields.affectedPersons')} autosize value={values.affectedPersons} onChange={set('affectedPersons')} error={errors.affectedPersons} />
            <Textarea label={t('incidents.fields.harm')} autosize value={values.harm} onChange={set('harm')} error={errors.harm} />
            <AssessmentQuestions value={assessment} onChange={setAssessment} errors={errors} />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end">
              <Button component={Link} to="/incidents" variant="default">{t('common.cancel')}</Button>
              <Button type="submit" loading={create.isPending} data-testid="incident-save">{t('incidents.record')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
