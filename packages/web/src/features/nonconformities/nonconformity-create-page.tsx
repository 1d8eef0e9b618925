import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { NONCONFORMITY_SOURCES, type NonconformityCreate, type NonconformitySource } from '@konform/core';
import { usePageTitle } from '../../app/use-page-title';
import { NonconformityForm, type NonconformityFormValues } from './nonconformity-form';
import { useCreateNonconformity } from './nonconformity-queries';
import './nonconformities.css';

function sourceOf(value: string | null): NonconformitySource {
  return value !== null && (NONCONFORMITY_SOURCES as readonly string[]).includes(value) ? (value as NonconformitySource) : 'other';
}

/**
 * Records a non-conformity. Started from a failed review (the compliance matrix's row drawer, a system's page), it is
 * prefilled from the address: `systemId`, `source`, `requirement` (repeatable) and a suggested `title`.
 */
export function NonconformityCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const create = useCreateNonconformity();
  usePageTitle(t('capa.form.createTitle'));
  const systemId = search.get('systemId') ?? '';
  const back = systemId === '' ? '/nonconformities' : `/systems/${systemId}?tab=nonconformities`;

  const initial: NonconformityFormValues = {
    title: search.get('title') ?? '',
    description: '',
    source: sourceOf(search.get('source')),
    severity: 'major',
    systemId,
    orgUnitId: '',
    requirementKeys: search.getAll('requirement'),
  };

  const submit = (values: NonconformityFormValues) => {
    const input: NonconformityCreate = {
      title: values.title.trim(),
      description: values.description.trim(),
      source: values.source,
      severity: values.severity,
      requirementKeys: values.requirementKeys,
      ...(values.systemId === '' ? { orgUnitId: values.orgUnitId === '' ? undefined : values.orgUnitId } : { systemId: values.systemId }),
    };
    create.mutate(input, {
      onSuccess: (nc) => {
        notifications.show({ color: 'teal', message: t('capa.form.created', { title: nc.title }) });
        void navigate(`/nonconformities/${nc.id}`);
      },
    });
  };

  return (
    <Stack gap="md" maw={900}>
      <div>
        <Anchor component={Link} to={back} fz="sm">
          {systemId === '' ? t('capa.detail.back') : t('capa.form.backToSystem')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('capa.form.createTitle')}
        </Title>
        <Text c="dimmed" fz="sm">
          {t('capa.form.intro')}
        </Text>
      </div>
      <Paper withBorder p="lg">
        <NonconformityForm
          initial={initial}
          mode="create"
          pending={create.isPending}
          error={create.error}
          submitLabel={t('capa.form.submit')}
          onSubmit={submit}
          onCancel={() => void navigate(back)}
        />
      </Paper>
    </Stack>
  );
}
