import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AiSystemCreate } from '@konform/core';
import { ApiError, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { SystemForm } from '../inventory/system-form';
import { emptyValues, toCreate, type SystemFormValues } from '../inventory/system-form-values';
import { useSystemErrorTexts } from '../inventory/use-system-error-texts';
import { useAcceptIntake } from './intake-queries';
import type { Intake } from './intake-types';

/** The system form prefilled from the intake: what the submitter told us becomes the inventory record. */
export function systemValuesFromIntake(intake: Intake): SystemFormValues {
  return {
    ...emptyValues(intake.orgUnitId),
    name: intake.title,
    purpose: intake.purpose,
    description: intake.dataUsed,
    affectedPersons: intake.targetGroup,
    sourcing: intake.sourcing,
    vendor: intake.vendor,
    // As the server would default them: an in-house build is provided and deployed by us, a procured one deployed.
    roles: intake.sourcing === 'in-house' ? ['provider', 'deployer'] : ['deployer'],
  };
}

/** The server names the system's fields `system.<field>`; the form knows them as `<field>`. */
function withSystemPaths(error: unknown): unknown {
  if (!isApiError(error) || error.problem.errors === undefined) return error;
  const errors = error.problem.errors.map((e) => ({ ...e, path: e.path.replace(/^system\./, '') }));
  return new ApiError(error.status, { ...error.problem, errors });
}

/** Accepts the intake into the inventory: creates the AI system and opens it. */
export function AcceptDialog({ intake, onClose, onReload }: { intake: Intake; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<SystemFormValues>(() => systemValuesFromIntake(intake));
  const accept = useAcceptIntake(intake.id);
  const custom = useSystemErrorTexts();
  const payload = toCreate(values);
  const errors = serverFieldErrors(withSystemPaths(accept.error), t, { schema: AiSystemCreate, payload, custom });
  useFocusFirstError(accept.error);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      { version: intake.version, system: payload },
      {
        onSuccess: ({ system }) => {
          notifications.show({ color: 'teal', message: t('intake.accept.done', { name: system.name }) });
          onClose();
          void navigate(`/systems/${system.id}`);
        },
      },
    );
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('intake.accept.title')} size="xl">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('intake.accept.intro')}</Text>
          <SystemForm values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
          <ErrorAlert
            error={accept.error}
            onReload={() => {
              onClose();
              onReload();
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={accept.isPending}>
              {t('intake.accept.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
