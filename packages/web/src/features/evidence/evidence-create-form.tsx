import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SegmentedControl, Stack, TextInput, Textarea } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { MARKINGS, readableLevels, type EvidenceDetail } from '@konform/core';
import { fieldErrorsOf, isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FileField } from '../../shared/file-field';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useRecordEvidenceLink, useUploadEvidence } from './evidence-queries';

interface Props {
  systemId: string;
  /** Called with the new evidence item (e.g. to link it to a requirement row). */
  onCreated: (evidence: EvidenceDetail) => Promise<void> | void;
  onCancel?: () => void;
  /** Leaves out the description, for the narrow form inside the matrix row drawer. */
  compact?: boolean;
}

/** The file-related answers of the server (413 too large, 415 wrong type) as a message beside the file field. */
export function fileErrorOf(error: unknown, t: (key: 'evidence.errors.tooLarge' | 'evidence.errors.wrongType') => string): string | undefined {
  if (!isApiError(error)) return undefined;
  if (error.status === 413) return t('evidence.errors.tooLarge');
  if (error.status === 415) return t('evidence.errors.wrongType');
  return fieldErrorsOf(error).file;
}

/** Uploads a file or records a link as a new evidence item of the system. */
export function EvidenceCreateForm({ systemId, onCreated, onCancel, compact = false }: Props) {
  const { t } = useTranslation();
  // Only levels up to the user's own clearance are offered (the server refuses others).
  const levels = readableLevels(useCurrentUser().clearance);
  const [kind, setKind] = useState<'file' | 'link'>('file');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [classification, setClassification] = useState<string>('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const upload = useUploadEvidence();
  const record = useRecordEvidenceLink();
  const mutation = kind === 'file' ? upload : record;
  const error = mutation.error;
  const server = fieldErrorsOf(error);
  const fileError = local.file ?? fileErrorOf(error, t);
  const errors = { ...server, ...local };
  const handled = isApiError(error) && (error.status === 400 || error.status === 413 || error.status === 415);
  useFocusFirstError(Object.keys(local).length > 0 ? local : error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (title.trim() === '') missing.title = t('common.required');
    if (kind === 'file' && file === null) missing.file = t('evidence.errors.fileRequired');
    if (kind === 'link' && url.trim() === '') missing.url = t('common.required');
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    const marking = MARKINGS.find((m) => m === classification);
    const fields = { systemId, title: title.trim(), description: description.trim(), owner: owner.trim(), ...(marking === undefined ? {} : { classification: marking }) };
    try {
      const created =
        kind === 'file' && file !== null
          ? await upload.mutateAsync({ ...fields, validUntil, file })
          : await record.mutateAsync({ ...fields, url: url.trim(), ...(validUntil === '' ? {} : { validUntil }) });
      await onCreated(created);
      setTitle('');
      setDescription('');
      setUrl('');
      setFile(null);
    } catch {
      // shown through the mutation's error
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value === 'link' ? 'link' : 'file')}
          data={[
            { value: 'file', label: t('evidence.modeFile') },
            { value: 'link', label: t('evidence.modeLink') },
          ]}
          aria-label={t('evidence.kind')}
        />
        <TextInput
          label={t('evidence.fields.title')}
          required
          value={title}
          error={errors.title}
          aria-invalid={errors.title !== undefined}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={200}
        />
        {kind === 'file' ? (
          <FileField label={t('evidence.fields.file')} required hint={t('evidence.fileHint')} error={fileError} onFile={setFile} />
        ) : (
          <TextInput
            label={t('evidence.fields.url')}
            type="url"
            required
            placeholder="https://"
            value={url}
            error={errors.url}
            aria-invalid={errors.url !== undefined}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
        )}
        {compact ? null : (
          <Textarea label={t('evidence.fields.description')} autosize minRows={2} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} />
        )}
        <Group grow align="flex-start">
          <TextInput label={t('evidence.fields.owner')} value={owner} error={errors.owner} onChange={(e) => setOwner(e.currentTarget.value)} />
          <TextInput label={t('evidence.fields.validUntil')} type="date" value={validUntil} error={errors.validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
          <NativeSelect
            label={t('evidence.fields.classification')}
            value={classification}
            data={[
              { value: '', label: t('evidence.markings.default') },
              ...levels.map((m) => ({ value: m, label: t(`evidence.markings.${m === 'VS-NfD' ? 'vsNfd' : 'offen'}`) })),
            ]}
            onChange={(e) => setClassification(e.currentTarget.value)}
          />
        </Group>
        {handled ? null : <ErrorAlert error={error} />}
        <Group justify="flex-end">
          {onCancel === undefined ? null : (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={mutation.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
            {kind === 'file' ? t('evidence.upload') : t('evidence.recordLink')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
