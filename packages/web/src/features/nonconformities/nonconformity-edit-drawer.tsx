import { useState } from 'react';
import { Drawer } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Nonconformity, NonconformityUpdate } from '@konform/core';
import { NonconformityForm, type NonconformityFormValues } from './nonconformity-form';
import { useUpdateNonconformity } from './nonconformity-queries';

const valuesOf = (nc: Nonconformity): NonconformityFormValues => ({
  title: nc.title,
  description: nc.description,
  source: nc.source,
  severity: nc.severity,
  systemId: nc.systemId ?? '',
  orgUnitId: nc.orgUnitId,
  requirementKeys: nc.requirementKeys,
});

/** Only what changed is sent, with the version the form was opened with. */
function changesOf(base: Nonconformity, values: NonconformityFormValues): NonconformityUpdate | null {
  const changes: NonconformityUpdate = { version: base.version };
  if (values.title.trim() !== base.title) changes.title = values.title.trim();
  if (values.description.trim() !== base.description) changes.description = values.description.trim();
  if (values.source !== base.source) changes.source = values.source;
  if (values.severity !== base.severity) changes.severity = values.severity;
  if (JSON.stringify(values.requirementKeys) !== JSON.stringify(base.requirementKeys)) changes.requirementKeys = values.requirementKeys;
  return Object.keys(changes).length === 1 ? null : changes;
}

/** Edits title, description, source, severity and the affected requirements. */
export function NonconformityEditDrawer({ nc, onClose, onReload }: { nc: Nonconformity; onClose: () => void; onReload: () => Promise<Nonconformity | undefined> }) {
  const { t } = useTranslation();
  const update = useUpdateNonconformity(nc.id);
  // The form edits the state it was opened with; only an explicit reload after a conflict moves it on.
  const [base, setBase] = useState(nc);
  const [generation, setGeneration] = useState(0);

  const submit = (values: NonconformityFormValues) => {
    const changes = changesOf(base, values);
    if (changes === null) {
      onClose();
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('capa.form.saved') });
        onClose();
      },
    });
  };

  const reload = () => {
    void onReload().then((fresh) => {
      update.reset();
      if (fresh !== undefined) setBase(fresh);
      setGeneration((g) => g + 1);
    });
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={t('capa.form.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <NonconformityForm
        key={generation}
        initial={valuesOf(base)}
        mode="edit"
        pending={update.isPending}
        error={update.error}
        submitLabel={t('common.save')}
        onSubmit={submit}
        onCancel={onClose}
        onReload={reload}
      />
    </Drawer>
  );
}
