import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { AiSystemCreate } from '@konform/core';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { SystemForm } from './system-form';
import { emptyValues, toCreate, type SystemFormValues } from './system-form-values';
import { useCreateSystem } from './system-queries';
import { useSystemErrorTexts } from './use-system-error-texts';

export function SystemCreatePage() {
  const { t } = useTranslation();
  usePageTitle(t('systemForm.createTitle'));
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [values, setValues] = useState<SystemFormValues>(() => emptyValues(search.get('unit') ?? ''));
  const create = useCreateSystem();
  const custom = useSystemErrorTexts();
  const payload = toCreate(values);
  const errors = serverFieldErrors(create.error, t, { schema: AiSystemCreate, payload, custom });

  useFocusFirstError(create.error);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(payload, {
      onSuccess: (system) => {
        notifications.show({ color: 'teal', message: t('systemForm.created', { name: system.name }) });
        void navigate(`/systems/${system.id}`);
      },
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="lg" maw={960}>
        <div>
          <Anchor component={Link} to="/systems" fz="sm">
            {t('systemDetail.back')}
          </Anchor>
          <Title order={1} mt={4}>
            {t('systemForm.createTitle')}
          </Title>
        </div>
        <SystemForm values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" component={Link} to="/systems">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
