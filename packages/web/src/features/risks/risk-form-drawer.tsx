import { useState } from 'react';
import { Drawer } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Risk } from '@konform/core';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { RiskForm } from './risk-form';
import { createPayload, emptyRiskValues, riskValues, updatePayload, type RiskFormValues } from './risk-form-values';
import { useCreateRisk, useRiskMatrix, useUpdateRisk } from './risk-queries';

interface Props {
  /** The system a new risk is recorded for. */
  systemId: string;
  /** The risk to edit; without it, a new risk is recorded. */
  risk?: Risk;
  onClose: () => void;
  /** Reloads the risk after a version conflict and returns its current state. */
  onReload?: () => Promise<Risk | undefined>;
}

/** Records a new risk or edits one, in a drawer beside the register or the risk's page. */
export function RiskFormDrawer({ systemId, risk, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const matrix = useRiskMatrix();
  const create = useCreateRisk(systemId);
  const update = useUpdateRisk(risk?.id ?? '');
  // The form edits the state it was opened with; only an explicit reload (after a conflict) moves it on, so that a
  // change by someone else is never overwritten unseen.
  const [base, setBase] = useState(risk);
  const [generation, setGeneration] = useState(0);
  const mutation = base === undefined ? create : update;

  const submit = (values: RiskFormValues) => {
    if (base === undefined) {
      create.mutate(createPayload(values), {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: t('risks.form.created', { number: created.number, title: created.title }) });
          onClose();
        },
      });
      return;
    }
    const payload = updatePayload(base, values);
    if (payload === null) {
      notifications.show({ color: 'gray', message: t('risks.form.noChanges') });
      onClose();
      return;
    }
    update.mutate(payload, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('risks.form.saved', { number: saved.number }) });
        onClose();
      },
    });
  };

  /** After a version conflict: load the current state and start the form afresh from it. */
  const reload =
    onReload === undefined
      ? undefined
      : () => {
          void onReload().then((fresh) => {
            update.reset();
            if (fresh !== undefined) setBase(fresh);
            setGeneration((g) => g + 1);
          });
        };

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={base === undefined ? t('risks.form.createTitle') : t('risks.form.editTitle', { number: base.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {matrix.data === undefined ? (
        matrix.isPending ? <FullPageLoader /> : <ErrorAlert error={matrix.error} />
      ) : (
        <RiskForm
          key={generation}
          matrix={matrix.data.config}
          initial={base === undefined ? emptyRiskValues() : riskValues(base)}
          risk={base}
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={submit}
          onCancel={onClose}
          onReload={reload}
        />
      )}
    </Drawer>
  );
}
