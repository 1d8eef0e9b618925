import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { DocumentSectionView } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { MarkdownView } from '../qms/markdown-view';
import { useSaveSection } from './document-queries';

/** The authored Markdown of one section, with a preview through the safe Markdown reader (no raw HTML). */
export function SectionEditor({ documentId, section, onDone }: { documentId: string; section: DocumentSectionView; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(section.text.markdown);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const save = useSaveSection(documentId, section.key);
  const conflict = isApiError(save.error) && save.error.status === 409;
  const submit = () =>
    save.mutate({ markdown: text, version: section.text.version }, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('documents.section.saved') });
        onDone();
      },
    });
  return (
    <Stack gap="xs" data-testid={`documents-editor-${section.key}`}>
      <SegmentedControl size="xs" value={mode} onChange={(v) => setMode(v as 'write' | 'preview')} data={[{ value: 'write', label: t('documents.section.write') }, { value: 'preview', label: t('documents.section.preview') }]} w="fit-content" />
      {mode === 'write' ? (
        <Textarea label={t('documents.section.textLabel')} description={t('documents.section.textHint')} autosize minRows={6} maxRows={24} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="documents-section-text" />
      ) : (
        <MarkdownView source={text} headingOffset={3} empty={t('documents.section.empty')} />
      )}
      {conflict ? <ErrorAlert error={new Error(t('documents.section.conflict'))} /> : <ErrorAlert error={save.error} />}
      <Group gap="xs">
        <Button onClick={submit} loading={save.isPending} data-testid="documents-section-save">{t('common.save')}</Button>
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
      </Group>
    </Stack>
  );
}
