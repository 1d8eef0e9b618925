import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { AiSystemUpdate, type AiSystem } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { SystemForm } from './system-form';
import { toUpdate, valuesOf, type SystemFormValues } from './system-form-values';
import { useSystem, useUpdateSystem } from './system-queries';
import { useSystemErrorTexts } from './use-system-error-texts';

export function SystemEditPage() {
  const { t } = useTranslation();
  usePageTitle(t('systemForm.editTitle'));
  const { id = '' } = useParams();
  const query = useSystem(id);
  // Bumped after a reload, so the form starts over from the fresh record.
  const [generation, setGeneration] = useState(0);
  if (query.data === undefined) {
    return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  }
  const reload = () => {
    void query.refetch().then(() => setGeneration((g) => g + 1));
  };
  return <EditForm key={`${query.data.id}:${generation}`} system={query.data} onReload={reload} />;
}

function EditForm({ system, onReload }: { system: AiSystem; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [initial] = useState(() => valuesOf(system));
  const [values, setValues] = useState<SystemFormValues>(initial);
  const [reason, setReason] = useState('');
  const [noChanges, setNoChanges] = useState(false);
  const update = useUpdateSystem(system.id);
  const custom = useSystemErrorTexts();
  const payload = toUpdate(initial, values, system.version, reason);
  const errors = serverFieldErrors(update.error, t, { schema: AiSystemUpdate, payload, custom });
  useFocusFirstError(update.error);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (payload === null) {
      setNoChanges(true);
      return;
    }
    update.mutate(payload, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('systemForm.updated', { name: saved.name }) });
        void navigate(`/systems/${saved.id}`);
      },
    });
  };

  const detailUrl = `/systems/${system.id}`;
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="lg" maw={960}>
        <div>
          <Anchor component={Link} to={detailUrl} fz="sm">
            {system.name}
          </Anchor>
          <Title order={1} mt={4}>
            {t('systemForm.editTitle')}
          </Title>
        </div>
        <SystemForm
          values={values}
          errors={errors}
          onChange={(patch) => {
            setNoChanges(false);
            setValues((v) => ({ ...v, ...patch }));
          }}
        />
        <Paper withBorder p="lg" component="section">
          <Title order={2} mb="md">
            {t('systemForm.sectionChange')}
          </Title>
          <Textarea
            label={t('systemForm.reason')}
            description={t('system.hints.reason')}
            name="reason"
            value={reason}
            error={errors.reason}
            maxLength={500}
            autosize
            minRows={2}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        </Paper>
        <ErrorAlert error={update.error} onReload={onReload} />
        {noChanges ? (
          <Alert color="gray" variant="light" role="status">
            {t('systemForm.noChanges')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={detailUrl}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
