import { useState } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDownload, IconInfoCircle, IconSend, IconSignature, IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { QmsDocumentDetail, QmsVersion } from '@konform/core';
import { fieldErrorsOf } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { formatDate, formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { ApproveVersionDialog } from './approve-version-dialog';
import { MarkdownView } from './markdown-view';
import { VersionStateBadge } from './qms-badges';
import { qmsExportUrl, useQmsVersion, useSaveQmsDraft, useSubmitQmsVersion } from './qms-queries';
import { ReturnVersionDialog } from './return-version-dialog';

const EXPORTS = ['pdf', 'docx', 'md'] as const;

function Preview({ content }: { content: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" className="qms-preview" role="region" aria-label={t('qms.editor.preview')} tabIndex={0} data-testid="qms-preview">
      <MarkdownView source={content} empty={t('qms.editor.empty')} />
    </Paper>
  );
}

/** A draft: Markdown beside its preview, the change note, save, and submit for review (which saves first). */
function DraftEditor({ document, version, onReload }: { document: QmsDocumentDetail; version: QmsVersion; onReload: () => void }) {
  const { t } = useTranslation();
  const [content, setContent] = useState(version.content);
  const [changeNote, setChangeNote] = useState(version.changeNote);
  const save = useSaveQmsDraft(document.id, version.number);
  const submit = useSubmitQmsVersion(document.id, version.number);
  const dirty = content !== version.content || changeNote !== version.changeNote;
  const error = save.error ?? submit.error;
  const fields = fieldErrorsOf(submit.error);
  useFocusFirstError(error);

  const doSave = () =>
    save.mutateAsync({ version: version.version, content, changeNote: changeNote.trim() }).then((saved) => {
      notifications.show({ color: 'teal', message: t('qms.editor.saved', { number: saved.number }) });
      return saved;
    });
  const doSubmit = async () => {
    save.reset();
    submit.reset();
    try {
      const current = dirty ? await doSave() : version;
      await submit.mutateAsync({ version: current.version });
      notifications.show({ color: 'teal', message: t('qms.editor.submitted', { number: version.number }) });
    } catch {
      // shown through the mutation's error
    }
  };

  return (
    <Stack gap="md" data-testid="qms-draft-editor">
      <TextInput
        label={t('qms.editor.changeNote')}
        description={t('qms.editor.changeNoteHint')}
        maxLength={2000}
        value={changeNote}
        error={fields.changeNote !== undefined ? t('qms.editor.changeNoteMissing') : undefined}
        aria-invalid={fields.changeNote !== undefined}
        onChange={(e) => setChangeNote(e.currentTarget.value)}
        data-testid="qms-change-note"
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Textarea
          className="qms-editor"
          label={t('qms.editor.content')}
          description={t('qms.editor.contentHint')}
          autosize
          minRows={14}
          maxRows={30}
          maxLength={200_000}
          value={content}
          error={fields.content !== undefined ? t('qms.editor.contentMissing') : undefined}
          aria-invalid={fields.content !== undefined}
          onChange={(e) => setContent(e.currentTarget.value)}
          data-testid="qms-content"
        />
        <Stack gap={4}>
          <Text fz="sm" fw={500} id="qms-preview-label">
            {t('qms.editor.preview')}
          </Text>
          <Preview content={content} />
        </Stack>
      </SimpleGrid>
      {dirty ? (
        <Text fz="sm" fw={500} data-testid="qms-unsaved">
          {t('qms.editor.unsaved')}
        </Text>
      ) : null}
      <ErrorAlert
        error={Object.keys(fields).length > 0 ? null : error}
        onReload={() => {
          save.reset();
          submit.reset();
          onReload();
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={save.isPending} disabled={!dirty} onClick={() => void doSave().catch(() => undefined)} data-testid="qms-save">
          {t('qms.editor.save')}
        </Button>
        <Button leftSection={<IconSend size={16} aria-hidden />} loading={submit.isPending} onClick={() => void doSubmit()} data-testid="qms-submit">
          {dirty ? t('qms.editor.saveAndSubmit') : t('qms.editor.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One version: written (draft), reviewed (approve or return) or released (read and export). */
export function VersionPanel({ document, number, onReload }: { document: QmsDocumentDetail; number: number; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const query = useQmsVersion(document.id, number);
  const [approving, setApproving] = useState(false);
  const [returning, setReturning] = useState(false);
  // The editor keeps what was typed across saves; only an explicit reload (after a conflict) starts it afresh.
  const [generation, setGeneration] = useState(0);
  const version = query.data;
  const reload = () => {
    void query.refetch().then(() => setGeneration((g) => g + 1));
    onReload();
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="qms-version-title" data-testid="qms-version-panel">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={2} fz="lg" id="qms-version-title">
              {t('qms.versions.panelTitle', { number })}
            </Title>
            {version !== undefined ? <VersionStateBadge state={version.state} /> : null}
          </Group>
        </Group>
        {version === undefined ? (
          query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
        ) : version.state === 'draft' && can('qms.edit') ? (
          <DraftEditor key={`${version.number}:${generation}`} document={document} version={version} onReload={reload} />
        ) : (
          <>
            {version.state === 'in-review' ? (
              <Alert color="yellow" variant="light" c="dark.9" icon={<IconInfoCircle size={18} aria-hidden />} data-testid="qms-in-review">
                <Text fz="sm">{t('qms.versions.inReviewText', { name: version.submittedBy ?? '', date: formatDateTime(version.submittedAt, lang) })}</Text>
              </Alert>
            ) : null}
            {version.state === 'released' || version.state === 'superseded' ? (
              <Text fz="sm" data-testid="qms-release-info">
                {t('qms.versions.releasedText', { name: version.releasedBy ?? '', date: formatDateTime(version.releasedAt, lang) })}{' '}
                {version.state === 'released' && document.released !== null
                  ? t('qms.versions.nextReviewText', { date: formatDate(document.released.nextReview, lang) })
                  : version.supersededAt !== null
                    ? t('qms.versions.supersededText', { date: formatDateTime(version.supersededAt, lang) })
                    : ''}
              </Text>
            ) : null}
            <Text fz="sm">
              <Text span fw={600} fz="sm">
                {t('qms.editor.changeNote')}:
              </Text>{' '}
              {version.changeNote === '' ? t('common.none') : version.changeNote}
            </Text>
            <Preview content={version.content} />
            {version.state === 'in-review' ? (
              <Group justify="flex-end">
                {can('qms.edit') ? (
                  <Button variant="default" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => setReturning(true)} data-testid="qms-return-open">
                    {t('qms.return.open')}
                  </Button>
                ) : null}
                {can('qms.approve') ? (
                  <Button leftSection={<IconSignature size={16} aria-hidden />} onClick={() => setApproving(true)} data-testid="qms-approve-open">
                    {t('qms.approve.open')}
                  </Button>
                ) : null}
              </Group>
            ) : null}
            {version.state === 'released' || version.state === 'superseded' ? (
              <section aria-labelledby="qms-export-title">
                <Title order={3} fz="md" id="qms-export-title" mb={4}>
                  {t('qms.export.title')}
                </Title>
                <Group gap="xs" role="group" aria-label={t('qms.export.label', { number: version.number })}>
                  {EXPORTS.map((format) => (
                    <Button
                      key={format}
                      component="a"
                      href={qmsExportUrl(document.id, version.number, format, lang)}
                      download
                      variant="default"
                      leftSection={<IconDownload size={14} aria-hidden />}
                      data-testid={`qms-export-${format}`}
                    >
                      {t(`qms.export.${format}`)}
                    </Button>
                  ))}
                </Group>
              </section>
            ) : null}
          </>
        )}
      </Stack>
      {approving && version !== undefined ? <ApproveVersionDialog documentId={document.id} title={document.title} version={version} onClose={() => setApproving(false)} onReload={reload} /> : null}
      {returning && version !== undefined ? <ReturnVersionDialog documentId={document.id} version={version} onClose={() => setReturning(false)} onReload={reload} /> : null}
    </Paper>
  );
}
