import { useState, type FormEvent } from 'react';
import { Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Task, TaskPriority, TaskStatus, TaskUpdate } from '@konform/core';
import { api, fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { TitleField } from '../../shared/title-field';
import { useRequiredTitle } from '../../shared/use-required-title';
import { recordLabelText, TASK_PRIORITY_OPTIONS, TASK_STATUS_OPTIONS } from './task-display';
import { useAssignees, useCreateTask, useUpdateTask, type TaskRecord } from './task-queries';

/** Fields the form shows errors beside; any other field error (e.g. the record) goes to the alert. */
const FORM_FIELDS = new Set(['title', 'description', 'ownerId', 'dueDate', 'priority', 'status', 'reason']);

type Props = ({ record: TaskRecord; task?: undefined } | { task: Task; record?: undefined }) & { onClose: () => void };

interface Values {
  title: string;
  description: string;
  ownerId: string;
  dueDate: string;
  priority: TaskPriority;
  status: TaskStatus;
  reason: string;
}

const valuesOf = (task: Task | undefined): Values => ({
  title: task?.title ?? '',
  description: task?.description ?? '',
  ownerId: task?.ownerId ?? '',
  dueDate: task?.dueDate ?? '',
  priority: task?.priority ?? 'normal',
  status: task?.status ?? 'open',
  reason: '',
});

/** Only what changed, or null when nothing did. */
function changesOf(base: Task, v: Values): TaskUpdate | null {
  const out: TaskUpdate = { version: base.version };
  if (v.title.trim() !== base.title) out.title = v.title.trim();
  if (v.description.trim() !== base.description) out.description = v.description.trim();
  if ((v.ownerId || null) !== base.ownerId) out.ownerId = v.ownerId || null;
  if ((v.dueDate || null) !== base.dueDate) out.dueDate = v.dueDate || null;
  if (v.priority !== base.priority) out.priority = v.priority;
  if (v.status !== base.status) out.status = v.status;
  if (Object.keys(out).length === 1) return null;
  if (v.reason.trim() !== '') out.reason = v.reason.trim();
  return out;
}

/** Creates a task on a record, or edits one; in a dialog, so it opens from pages, drawers and lists alike. */
export function TaskFormModal({ record, task, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [base, setBase] = useState(task);
  const [values, setValues] = useState<Values>(() => valuesOf(task));
  const create = useCreateTask();
  const update = useUpdateTask();
  const mutation = base === undefined ? create : update;
  const assignees = useAssignees(
    base !== undefined ? { orgUnitId: base.orgUnitId } : { recordType: record!.recordType, recordId: record!.recordId, systemId: record!.systemId },
  );
  const errors = fieldErrorsOf(mutation.error);
  const { titleError, checkTitle } = useRequiredTitle(values.title, mutation.error);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const owners = assignees.data?.items ?? [];
  const ownerOptions = [
    { value: '', label: t('tasks.form.ownerNone') },
    ...owners.map((u) => ({ value: u.id, label: u.displayName })),
    ...(base?.ownerId && !owners.some((u) => u.id === base.ownerId) ? [{ value: base.ownerId, label: base.ownerName ?? base.ownerId }] : []),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checkTitle()) return;
    if (base === undefined) {
      create.mutate(
        {
          recordType: record!.recordType,
          recordId: record!.recordId,
          ...(record!.systemId === undefined ? {} : { systemId: record!.systemId }),
          title: values.title.trim(),
          description: values.description.trim(),
          ownerId: values.ownerId || null,
          dueDate: values.dueDate || null,
          priority: values.priority,
        },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: t('tasks.form.created', { title: created.title }) });
            onClose();
          },
        },
      );
      return;
    }
    const payload = changesOf(base, values);
    if (payload === null) {
      notifications.show({ color: 'gray', message: t('tasks.form.noChanges') });
      onClose();
      return;
    }
    update.mutate(
      { id: base.id, input: payload },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('tasks.form.saved', { title: saved.title }) });
          onClose();
        },
      },
    );
  };

  /** After a version conflict: the task as it is now, and the form afresh from it. */
  const reload =
    base === undefined
      ? undefined
      : () => {
          void api.get<Task>(`/tasks/${base.id}`).then((fresh) => {
            update.reset();
            setBase(fresh);
            setValues(valuesOf(fresh));
          });
        };

  return (
    <Modal opened onClose={onClose} size="lg" title={base === undefined ? t('tasks.form.createTitle') : t('tasks.form.editTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="task-form">
        <Stack gap="sm">
          {base !== undefined ? (
            <Text fz="sm" c="dimmed">
              {t('tasks.record.createdOn', { record: recordLabelText(base, i18n.language) })}
            </Text>
          ) : null}
          <TitleField label={t('tasks.fields.title')} value={values.title} error={titleError} onChange={(v) => set('title', v)} />
          <Textarea label={t('tasks.fields.description')} autosize minRows={2} maxLength={10_000} value={values.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
          <NativeSelect
            label={t('tasks.fields.owner')}
            description={t('tasks.form.ownerHint')}
            value={values.ownerId}
            data={ownerOptions}
            error={errors.ownerId}
            aria-invalid={errors.ownerId !== undefined}
            onChange={(e) => set('ownerId', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: base === undefined ? 2 : 3 }}>
            <TextInput label={t('tasks.fields.dueDate')} type="date" value={values.dueDate} error={errors.dueDate} aria-invalid={errors.dueDate !== undefined} onChange={(e) => set('dueDate', e.currentTarget.value)} />
            <NativeSelect
              label={t('tasks.fields.priority')}
              value={values.priority}
              data={TASK_PRIORITY_OPTIONS.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
              error={errors.priority}
              onChange={(e) => set('priority', e.currentTarget.value as TaskPriority)}
            />
            {base !== undefined ? (
              <NativeSelect
                label={t('tasks.fields.status')}
                value={values.status}
                data={TASK_STATUS_OPTIONS.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
                error={errors.status}
                onChange={(e) => set('status', e.currentTarget.value as TaskStatus)}
              />
            ) : null}
          </SimpleGrid>
          {base !== undefined ? (
            <TextInput label={t('tasks.form.reason')} description={t('tasks.form.reasonHint')} maxLength={1000} value={values.reason} error={errors.reason} onChange={(e) => set('reason', e.currentTarget.value)} />
          ) : null}
          {Object.keys(errors).every((field) => !FORM_FIELDS.has(field)) ? <ErrorAlert error={mutation.error} onReload={reload} /> : null}
          <ErrorAlert error={assignees.error} />
          <FormActions onCancel={onClose} pending={mutation.isPending} gap="sm" submitTestId="task-form-submit" submitLabel={base === undefined ? t('tasks.form.create') : t('tasks.form.save')} />
        </Stack>
      </form>
    </Modal>
  );
}
