import { useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { actionDueState, type ActionOwner, type CapaAction, type CapaActionInput, type Nonconformity } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { berlinToday } from './nonconformity-display';
import { useActionOwners, useUpdateNonconformity } from './nonconformity-queries';

/** The owner select's value for "someone without a Konform account": the owner is then a free text. */
const FREE_TEXT = 'text';

interface Draft {
  /** Stable React key; the server's id once saved. */
  key: string;
  id: string | undefined;
  kind: CapaAction['kind'];
  description: string;
  ownerId: string | null;
  owner: string;
  /** The user chose free text (also when it is still empty). */
  freeText: boolean;
  dueDate: string;
  done: boolean;
}

let counter = 0;
const draftOf = (a: CapaAction): Draft => ({ key: a.id, id: a.id, kind: a.kind, description: a.description, ownerId: a.ownerId, owner: a.owner, freeText: a.ownerId === null && a.owner !== '', dueDate: a.dueDate ?? '', done: a.done });
const emptyDraft = (): Draft => ({ key: `new-${++counter}`, id: undefined, kind: 'corrective', description: '', ownerId: null, owner: '', freeText: false, dueDate: '', done: false });

function payloadOf(d: Draft): CapaActionInput {
  return {
    ...(d.id === undefined ? {} : { id: d.id }),
    kind: d.kind,
    description: d.description.trim(),
    ownerId: d.ownerId,
    owner: d.ownerId === null ? d.owner.trim() : d.owner,
    dueDate: d.dueDate === '' ? null : d.dueDate,
    done: d.done,
  };
}

function OwnerFields({ draft, index, owners, errors, onChange }: { draft: Draft; index: number; owners: ActionOwner[] | null; errors: Record<string, string>; onChange: (changes: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  const ownerError = errors[`actions.${index}.ownerId`];
  const text = (
    <TextInput
      label={owners === null ? t('capa.actions.owner') : t('capa.actions.ownerText')}
      description={owners === null ? t('capa.actions.ownerFallback') : undefined}
      maxLength={200}
      value={draft.owner}
      error={errors[`actions.${index}.owner`]}
      onChange={(e) => onChange({ owner: e.currentTarget.value, ownerId: null })}
    />
  );
  if (owners === null) return text;
  const options = owners.map((o) => ({ value: o.id, label: o.displayName }));
  // An owner named before who is no longer offered (deactivated, moved) stays visible under their name.
  if (draft.ownerId !== null && !options.some((o) => o.value === draft.ownerId)) options.push({ value: draft.ownerId, label: draft.owner });
  const value = draft.ownerId ?? (draft.freeText ? FREE_TEXT : '');
  return (
    <>
      <NativeSelect
        label={t('capa.actions.owner')}
        description={t('capa.actions.ownerHint')}
        value={value}
        data={[{ value: '', label: t('capa.actions.ownerChoose') }, ...options, { value: FREE_TEXT, label: t('capa.actions.ownerFree') }]}
        error={ownerError}
        aria-invalid={ownerError !== undefined}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (next === FREE_TEXT) onChange({ ownerId: null, freeText: true, owner: draft.ownerId === null ? draft.owner : '' });
          else if (next === '') onChange({ ownerId: null, freeText: false, owner: '' });
          else onChange({ ownerId: next, freeText: false, owner: options.find((o) => o.value === next)?.label ?? '' });
        }}
      />
      {value === FREE_TEXT ? text : null}
    </>
  );
}

/** The actions as a table, when they are not (or no longer) edited here. */
function ActionsTable({ actions }: { actions: CapaAction[] }) {
  const { t, i18n } = useTranslation();
  const today = berlinToday();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table withTableBorder data-testid="capa-actions-table">
        <caption className="visually-hidden">{t('capa.actions.title')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('capa.actions.kind')}</Table.Th>
            <Table.Th>{t('capa.actions.description')}</Table.Th>
            <Table.Th>{t('capa.actions.owner')}</Table.Th>
            <Table.Th>{t('capa.actions.dueDate')}</Table.Th>
            <Table.Th>{t('capa.actions.done')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{t(`capa.kinds.${a.kind}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Table.Td>
              <Table.Td>{a.owner === '' ? t('common.none') : a.owner}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {actionDueState(a, today) === 'overdue' ? (
                  <span className="capa-overdue">{t('capa.actions.overdueSince', { date: formatDate(a.dueDate, i18n.language) })}</span>
                ) : (
                  formatDate(a.dueDate, i18n.language)
                )}
              </Table.Td>
              <Table.Td>{a.done ? t('common.yes') : t('common.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface Props {
  nc: Nonconformity;
  /** The user may edit and the status allows it (before implementation). */
  editable: boolean;
  /** Why the actions are read-only although the user may edit (e.g. frozen until the verification). */
  lockedNotice?: string | undefined;
  onReload: () => void;
}

/** Corrective and preventive actions: kind, description, owner (a user or a free text), due date, done. */
export function ActionsEditor({ nc, editable, lockedNotice, onReload }: Props) {
  const { t } = useTranslation();
  const update = useUpdateNonconformity(nc.id);
  const ownersQuery = useActionOwners(nc.orgUnitId, editable);
  const owners = ownersQuery.data?.items ?? (ownersQuery.isError ? null : []);
  const [drafts, setDrafts] = useState<Draft[]>(() => nc.actions.map(draftOf));
  const [missing, setMissing] = useState<number[]>([]);
  const errors = fieldErrorsOf(update.error);
  useFocusFirstError(update.error ?? (missing.length > 0 ? missing : null));

  // A newer version from the server (a step, someone else's change) replaces the drafts.
  useEffect(() => {
    setDrafts(nc.actions.map(draftOf));
    setMissing([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored actions change
  }, [nc.version]);

  if (!editable) {
    return (
      <Stack gap="sm">
        {lockedNotice === undefined ? null : (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            <Text fz="sm">{lockedNotice}</Text>
          </Alert>
        )}
        {nc.actions.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('capa.actions.empty')}
          </Text>
        ) : (
          <ActionsTable actions={nc.actions} />
        )}
      </Stack>
    );
  }

  const change = (index: number, changes: Partial<Draft>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...changes } : d)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const empty = drafts.flatMap((d, i) => (d.description.trim() === '' ? [i] : []));
    setMissing(empty);
    if (empty.length > 0) return;
    update.mutate(
      { version: nc.version, actions: drafts.map(payloadOf) },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('capa.actions.saved') }) },
    );
  };

  return (
    <form onSubmit={save} noValidate data-testid="capa-actions-form">
      <Stack gap="sm">
        {drafts.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('capa.actions.empty')}
          </Text>
        ) : (
          <Stack component="ol" gap="sm" className="capa-actions-list">
            {drafts.map((d, index) => {
              const descriptionError = missing.includes(index) ? t('common.required') : errors[`actions.${index}.description`];
              return (
                <li key={d.key}>
                  <Fieldset legend={t('capa.actions.number', { number: index + 1 })} data-testid={`capa-action-${index + 1}`}>
                    <Stack gap="xs">
                      <Group grow align="flex-start">
                        <NativeSelect
                          label={t('capa.actions.kind')}
                          value={d.kind}
                          data={(['corrective', 'preventive'] as const).map((k) => ({ value: k, label: t(`capa.kinds.${k}`) }))}
                          onChange={(e) => change(index, { kind: e.currentTarget.value as Draft['kind'] })}
                        />
                        <TextInput
                          label={t('capa.actions.dueDate')}
                          type="date"
                          value={d.dueDate}
                          error={errors[`actions.${index}.dueDate`]}
                          onChange={(e) => change(index, { dueDate: e.currentTarget.value })}
                        />
                      </Group>
                      <Textarea
                        label={t('capa.actions.description')}
                        required
                        autosize
                        minRows={2}
                        maxLength={5000}
                        value={d.description}
                        error={descriptionError}
                        aria-invalid={descriptionError !== undefined}
                        onChange={(e) => change(index, { description: e.currentTarget.value })}
                      />
                      <OwnerFields draft={d} index={index} owners={owners} errors={errors} onChange={(changes) => change(index, changes)} />
                      <Group justify="space-between">
                        <Checkbox label={t('capa.actions.done')} checked={d.done} onChange={(e) => change(index, { done: e.currentTarget.checked })} />
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={t('capa.actions.remove', { number: index + 1 })}
                          title={t('capa.actions.remove', { number: index + 1 })}
                          onClick={() => setDrafts((list) => list.filter((_, i) => i !== index))}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Stack>
                  </Fieldset>
                </li>
              );
            })}
          </Stack>
        )}
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : update.error} onReload={onReload} />
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDrafts((list) => [...list, emptyDraft()])}>
            {t('capa.actions.add')}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="capa-actions-save">
            {t('capa.actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
