import { useState, type FormEvent } from 'react';
import { Alert, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { DOCUMENT_TYPES, type AiSystem, type DocumentLocale, type DocumentType } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FormActions } from '../../shared/form-actions';
import { useCreateDocument } from './document-queries';

/** The document types whose subject is an AI system (the model card's subject is a model version). */
export const SYSTEM_DOCUMENT_TYPES = DOCUMENT_TYPES.filter((type): type is Exclude<DocumentType, 'model-card'> => type !== 'model-card');

/** Creates a document about the system: type, language and, for decision papers (several per system), a title. */
export function CreateDocumentDialog({ system, onClose }: { system: AiSystem; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateDocument();
  const [type, setType] = useState<DocumentType>(system.riskClass === 'high' ? 'annex-iv' : 'decision-paper');
  const [locale, setLocale] = useState<DocumentLocale>(i18n.language === 'en' ? 'en' : 'de');
  const [title, setTitle] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const needsTitle = type === 'decision-paper';
  const code = isApiError(create.error) ? create.error.code : undefined;
  const refusal = code === 'not-high-risk' ? t('documents.refusedNotHighRisk') : code === 'document-exists' ? t('documents.refusedExists') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsTitle && title.trim() === '') {
      setTitleMissing(true);
      return;
    }
    create.mutate({ type, systemId: system.id, locale, ...(needsTitle ? { title: title.trim() } : {}) }, {
      onSuccess: (doc) => {
        notifications.show({ color: 'teal', message: t('documents.created') });
        onClose();
        void navigate(`/documents/${doc.id}`);
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('documents.new.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="documents-create-form">
        <Stack gap="md">
          <Select
            label={t('documents.new.type')}
            data={SYSTEM_DOCUMENT_TYPES.map((value) => ({ value, label: t(`documents.types.${value}`) }))}
            value={type}
            onChange={(v) => {
              if (v) setType(v as DocumentType);
              create.reset();
            }}
            allowDeselect={false}
            data-testid="documents-create-type"
          />
          <div>
            <Text fz="sm" fw={500} mb={4} id="documents-create-language">{t('documents.new.language')}</Text>
            <SegmentedControl
              aria-labelledby="documents-create-language"
              value={locale}
              onChange={(v) => setLocale(v as DocumentLocale)}
              data={[{ value: 'de', label: t('documents.new.languages.de') }, { value: 'en', label: t('documents.new.languages.en') }]}
              data-testid="documents-create-locale"
            />
          </div>
          {needsTitle ? (
            <TextInput
              label={t('documents.new.docTitle')}
              description={t('documents.new.docTitleHint')}
              required
              maxLength={300}
              value={title}
              error={titleMissing && title.trim() === '' ? t('documents.new.docTitleMissing') : undefined}
              onChange={(e) => setTitle(e.currentTarget.value)}
              data-testid="documents-create-title"
            />
          ) : null}
          {refusal ? <Alert color="orange" variant="light" role="alert" data-testid="documents-create-refused">{refusal}</Alert> : <ErrorAlert error={create.error} />}
          <FormActions onCancel={onClose} submitLabel={t('documents.new.submit')} submitTestId="documents-create-submit" pending={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
