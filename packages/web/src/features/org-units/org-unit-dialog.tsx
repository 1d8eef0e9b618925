import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { OrgUnitCreate, OrgUnitUpdate, type OrgUnit } from '@konform/core';
import { ErrorAlert } from '../../shared/error-alert';
import { serverFieldErrors } from '../../shared/field-errors';
import { buildUnitTree, flattenUnitTree, useCreateOrgUnit, useUpdateOrgUnit, type UnitNode } from './org-unit-queries';

interface Props {
  units: OrgUnit[];
  /** The unit to edit; null to create a new one. */
  unit: OrgUnit | null;
  onClose: () => void;
}

function descendantsOf(node: UnitNode): string[] {
  return [node.unit.id, ...node.children.flatMap(descendantsOf)];
}

/** Create, rename or move (change parent of) an organisational unit. */
export function OrgUnitDialog({ units, unit, onClose }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(unit?.name ?? '');
  const [shortName, setShortName] = useState(unit?.shortName ?? '');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit();
  const mutation = unit === null ? create : update;

  const flat = flattenUnitTree(buildUnitTree(units.filter((u) => u.archivedAt === null)));
  const self = unit === null ? undefined : flat.find((node) => node.unit.id === unit.id);
  const excluded = new Set(self === undefined ? [] : descendantsOf(self));
  const parentOptions = flat.filter((node) => !excluded.has(node.unit.id)).map((node) => ({ value: node.unit.id, label: node.path }));

  const createPayload = { name, shortName, parentId: parentId === '' ? null : parentId };
  const updatePayload = unit === null ? null : { version: unit.version, name, shortName, parentId: parentId === '' ? null : parentId };
  const errors =
    unit === null
      ? serverFieldErrors(create.error, t, { schema: OrgUnitCreate, payload: createPayload })
      : serverFieldErrors(update.error, t, { schema: OrgUnitUpdate, payload: updatePayload });

  const done = (saved: OrgUnit, message: 'orgUnits.created' | 'orgUnits.updated') => {
    notifications.show({ color: 'teal', message: t(message, { name: saved.name }) });
    onClose();
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (unit === null) create.mutate(createPayload, { onSuccess: (saved) => done(saved, 'orgUnits.created') });
    else if (updatePayload !== null) update.mutate({ id: unit.id, input: updatePayload }, { onSuccess: (saved) => done(saved, 'orgUnits.updated') });
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={unit === null ? t('orgUnits.createTitle') : t('orgUnits.editTitle')} centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <TextInput label={t('orgUnits.name')} required maxLength={200} value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <TextInput label={t('orgUnits.shortName')} maxLength={40} value={shortName} error={errors.shortName} onChange={(e) => setShortName(e.currentTarget.value)} />
          <NativeSelect
            label={t('orgUnits.parent')}
            value={parentId}
            error={errors.parentId}
            onChange={(e) => setParentId(e.currentTarget.value)}
            data={[{ value: '', label: t('orgUnits.noParent') }, ...parentOptions]}
          />
          <ErrorAlert error={mutation.error} onReload={onClose} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {unit === null ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
