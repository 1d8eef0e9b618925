import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { readableLevels, type EvidenceDetail, type Marking } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useUpdateEvidence } from './evidence-queries';

/** Edits the metadata of an evidence item (title, description, owner, validity, marking) with optimistic versioning. */
export function EvidenceEditForm({ evidence, onDone, onReload }: { evidence: EvidenceDetail; onDone: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  // Only levels up to the user's own clearance are offered (the server refuses others).
  const levels = readableLevels(useCurrentUser().clearance);
  const [title, setTitle] = useState(evidence.title);
  const [description, setDescription] = useState(evidence.description);
  const [owner, setOwner] = useState(evidence.owner);
  const [validUntil, setValidUntil] = useState(evidence.validUntil ?? '');
  const [classification, setClassification] = useState<Marking>(evidence.classification);
  const [reason, setReason] = useState('');
  const update = useUpdateEvidence(evidence.id);
  const errors = fieldErrorsOf(update.error);
  useFocusFirstError(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: evidence.version,
        title: title.trim(),
        description: description.trim(),
        owner: owner.trim(),
        validUntil: validUntil === '' ? null : validUntil,
        classification,
        ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('evidence.updated') });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('evidence.fields.title')} required value={title} error={errors.title} aria-invalid={errors.title !== undefined} maxLength={200} data-autofocus onChange={(e) => setTitle(e.currentTarget.value)} />
        <Textarea label={t('evidence.fields.description')} autosize minRows={2} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Group grow align="flex-start">
          <TextInput label={t('evidence.fields.owner')} value={owner} error={errors.owner} onChange={(e) => setOwner(e.currentTarget.value)} />
          <TextInput label={t('evidence.fields.validUntil')} type="date" value={validUntil} error={errors.validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
          <NativeSelect
            label={t('evidence.fields.classification')}
            value={classification}
            data={levels.map((m) => ({ value: m, label: t(`evidence.markings.${m === 'VS-NfD' ? 'vsNfd' : 'offen'}`) }))}
            onChange={(e) => setClassification(e.currentTarget.value === 'VS-NfD' ? 'VS-NfD' : 'offen')}
          />
        </Group>
        <TextInput label={t('evidence.reason')} value={reason} error={errors.reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : update.error} onReload={onReload} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
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
