import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { officeToday, type LabAuthorisation, type LabMethodDetail } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useAuthorisationCandidates, useAuthoriseStaff, useRevokeAuthorisation } from './lab-queries';

/** Authorises a person (holding lab.run in the method's unit) to record runs with the method. */
export function AuthoriseDialog({ method, onClose }: { method: LabMethodDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const candidates = useAuthorisationCandidates(method.id, true);
  const mutation = useAuthoriseStaff(method.id);
  const [userId, setUserId] = useState<string | null>(null);
  const [since, setSince] = useState(officeToday());
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const server = fieldErrorsOf(mutation.error);
  useFocusFirstError(mutation.error ?? (missing ? 'userId' : null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(userId === null);
    if (userId === null) return;
    mutation.mutate(
      { userId, since, until: until === '' ? null : until, note: note.trim() },
      {
        onSuccess: (a) => {
          notifications.show({ color: 'teal', message: t('lab.authorisations.done', { name: a.userName }) });
          onClose();
        },
      },
    );
  };
  const userError = missing ? t('common.required') : server.userId;

  return (
    <Modal opened onClose={onClose} title={t('lab.authorisations.dialogTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="lab-authorise-form">
        <Stack gap="md">
          <Text fz="sm">{t('lab.authorisations.dialogIntro', { name: method.name })}</Text>
          <Select
            label={t('lab.authorisations.person')}
            description={t('lab.authorisations.personHint')}
            required
            searchable
            data-autofocus
            data={(candidates.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
            value={userId}
            onChange={setUserId}
            nothingFoundMessage={t('lab.authorisations.nobody')}
            error={userError}
            aria-invalid={userError !== undefined}
            data-testid="lab-authorise-user"
          />
          <SimpleGrid cols={2}>
            <TextInput type="date" label={t('lab.authorisations.since')} required value={since} onChange={(e) => setSince(e.currentTarget.value)} error={server.since} />
            <TextInput type="date" label={t('lab.authorisations.until')} description={t('lab.authorisations.untilHint')} value={until} min={since} onChange={(e) => setUntil(e.currentTarget.value)} error={server.until} aria-invalid={server.until !== undefined} />
          </SimpleGrid>
          <Textarea label={t('lab.authorisations.note')} description={t('lab.authorisations.noteHint')} autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <ErrorAlert error={Object.keys(server).length > 0 ? null : mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="lab-authorise-submit">
              {t('lab.authorisations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Withdraws an authorisation after confirmation; it stays on record. */
export function RevokeDialog({ methodId, authorisation, onClose }: { methodId: string; authorisation: LabAuthorisation; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useRevokeAuthorisation(methodId);
  return (
    <Modal opened onClose={onClose} title={t('lab.authorisations.revokeTitle')} size="md" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text fz="sm">{t('lab.authorisations.revokeText', { name: authorisation.userName })}</Text>
        <ErrorAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red.9"
            loading={mutation.isPending}
            data-testid="lab-revoke-submit"
            onClick={() =>
              mutation.mutate(authorisation.id, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('lab.authorisations.revoked', { name: authorisation.userName }) });
                  onClose();
                },
              })
            }
          >
            {t('lab.authorisations.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
