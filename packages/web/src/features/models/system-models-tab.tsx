import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ITEM_ROLES, type AiSystem, type ItemRole, type SystemItemLink, type SystemItems, type TestItemType } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { ErrorAlert } from '../../shared/error-alert';
import { DigestCopy } from './digest-copy';
import { modelFieldErrors } from './field-errors';
import { useItems, useSaveSystemItems, useSystemItems, useVersions } from './model-queries';

/** The system tab "Modelle & Daten": which model and dataset versions the system uses, and how. */
export function SystemModelsTab({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const query = useSystemItems(system.id);
  // Held here, not in the list: a save re-keys the list, and the notification must outlive that.
  const save = useSaveSystemItems(system.id);
  const { can } = useAuth();
  if (query.data === undefined) return query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" fz="sm">
          {t('models.systemTab.intro')}
        </Text>
        {can('lab.read') ? (
          <Anchor component={Link} to={`/lab?tab=plans&systemId=${system.id}`} fz="sm" data-testid="system-lab-plans-link">
            {t('labPlans.systemLink')}
          </Anchor>
        ) : null}
      </Group>
      <Links key={query.data.version} system={system} data={query.data} save={save} />
    </Stack>
  );
}

type Row = Pick<SystemItemLink, 'type' | 'versionId' | 'role' | 'note'> & Partial<SystemItemLink>;

function Links({ system, data, save }: { system: AiSystem; data: SystemItems; save: ReturnType<typeof useSaveSystemItems> }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [rows, setRows] = useState<Row[]>(data.items);
  const editable = can('model.edit') && system.archivedAt === null;
  const dirty = JSON.stringify(rows.map((r) => [r.type, r.versionId, r.role, r.note])) !== JSON.stringify(data.items.map((r) => [r.type, r.versionId, r.role, r.note]));
  const errors = modelFieldErrors(save.error, t);

  const submit = () =>
    save.mutate(
      { version: data.version, items: rows.map((r) => ({ type: r.type, versionId: r.versionId, role: r.role, ...(r.note.trim() === '' ? {} : { note: r.note }) })) },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('models.systemTab.saved') }) },
    );

  return (
    <Stack gap="md">
      <ErrorAlert error={save.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={960}>
          <Table striped data-testid="system-models-table">
            <caption className="visually-hidden">{t('models.systemTab.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('models.systemTab.type')}</Table.Th>
                <Table.Th>{t('models.fields.name')}</Table.Th>
                <Table.Th>{t('models.fields.label')}</Table.Th>
                <Table.Th>{t('models.fields.manifestDigest')}</Table.Th>
                <Table.Th>{t('models.systemTab.role')}</Table.Th>
                <Table.Th>{t('models.fields.notes')}</Table.Th>
                {editable ? <Table.Th><span className="visually-hidden">{t('common.actions')}</span></Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={editable ? 7 : 6}>
                    <Text c="dimmed" ta="center" p="md">{t('models.systemTab.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                rows.map((r, i) => (
                  <Table.Tr key={`${r.type}-${r.versionId}-${r.role}`} data-testid={`system-models-row-${i}`}>
                    <Table.Td>{t(r.type === 'model' ? 'models.detail.model' : 'models.detail.dataset')}</Table.Td>
                    <Table.Td>
                      {r.readable && r.itemId ? (
                        <Anchor component={Link} to={`/${r.type === 'model' ? 'models' : 'datasets'}/${r.itemId}`} fz="sm">{r.itemName}</Anchor>
                      ) : (
                        <Text fz="sm">{r.itemName}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.versionLabel}</Table.Td>
                    <Table.Td>{r.manifestDigest ? <DigestCopy digest={r.manifestDigest} /> : null}</Table.Td>
                    <Table.Td>{t(`models.roles.${r.role}`)}</Table.Td>
                    <Table.Td>{r.note || t('common.none')}</Table.Td>
                    {editable ? (
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={t('models.systemTab.remove', { name: r.itemName, label: r.versionLabel })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {errors['items.0.versionId'] ? <Text c="red" fz="sm">{Object.values(errors).join(' · ')}</Text> : null}
      {editable ? <AddLink onAdd={(row) => setRows([...rows, row])} /> : null}
      {editable ? (
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty} onClick={() => setRows(data.items)}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!dirty} loading={save.isPending} onClick={submit} data-testid="system-models-save">
            {t('common.save')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** Picks a model or dataset, one of its versions and the role, and adds it to the list (saved with the list). */
function AddLink({ onAdd }: { onAdd: (row: Row) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<TestItemType>('model');
  const [itemId, setItemId] = useState('');
  const [versionId, setVersionId] = useState('');
  const [role, setRole] = useState<ItemRole>('in-operation');
  const [note, setNote] = useState('');
  const items = useItems(type, { limit: 500 });
  const versions = useVersions(type, itemId);
  const item = items.data?.items.find((i) => i.id === itemId);
  const version = versions.data?.find((v) => v.id === versionId);

  const add = () => {
    if (!item || !version) return;
    onAdd({ type, versionId, role, note, itemId, itemName: item.name, versionLabel: version.label, manifestDigest: version.manifestDigest, readable: true });
    setVersionId('');
    setNote('');
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="system-models-add">
      <Title order={3} fz="md" id="system-models-add" mb="sm">
        {t('models.systemTab.addTitle')}
      </Title>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('models.systemTab.type')}
          value={type}
          data={[{ value: 'model', label: t('models.detail.model') }, { value: 'dataset', label: t('models.detail.dataset') }]}
          onChange={(e) => {
            setType(e.currentTarget.value as TestItemType);
            setItemId('');
            setVersionId('');
          }}
          data-testid="system-models-type"
        />
        <NativeSelect
          label={t('models.fields.name')}
          value={itemId}
          data={[{ value: '', label: t('models.systemTab.chooseItem') }, ...(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))]}
          onChange={(e) => {
            setItemId(e.currentTarget.value);
            setVersionId('');
          }}
          data-testid="system-models-item"
        />
        <NativeSelect
          label={t('models.fields.label')}
          value={versionId}
          disabled={itemId === ''}
          data={[{ value: '', label: t('models.systemTab.chooseVersion') }, ...(versions.data ?? []).map((v) => ({ value: v.id, label: v.label }))]}
          onChange={(e) => setVersionId(e.currentTarget.value)}
          data-testid="system-models-version"
        />
        <NativeSelect
          label={t('models.systemTab.role')}
          value={role}
          data={ITEM_ROLES.map((r) => ({ value: r, label: t(`models.roles.${r}`) }))}
          onChange={(e) => setRole(e.currentTarget.value as ItemRole)}
          data-testid="system-models-role"
        />
        <TextInput label={t('models.fields.notes')} value={note} maxLength={1000} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} disabled={!version} onClick={add} data-testid="system-models-add">
          {t('models.systemTab.add')}
        </Button>
      </Group>
    </Paper>
  );
}
