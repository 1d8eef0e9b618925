import { useState } from 'react';
import { Alert, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_LOCALES, DOCUMENT_TYPES, type DocumentLocale, type DocumentType } from '@konform/core';
import { useAuth } from '../../app/auth-context';
import { FullPageLoader } from '../../app/route-guards';
import { usePageTitle } from '../../app/use-page-title';
import { formatDateTime } from '../../i18n/format';
import { ErrorAlert } from '../../shared/error-alert';
import { LogoPanel } from './logo-panel';
import { TemplateEditor } from './template-editor';
import { useDocumentTemplate } from './template-queries';

/** The organisation's templates of generated documents, per type and language, and its logo (document.configure edits). */
export function DocumentTemplatesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  usePageTitle(t('documentTemplates.title'));
  const [type, setType] = useState<DocumentType>('annex-iv');
  const [locale, setLocale] = useState<DocumentLocale>(i18n.language.startsWith('en') ? 'en' : 'de');
  const query = useDocumentTemplate(type, locale);
  const editable = can('document.configure');
  const template = query.data;

  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Title order={1}>{t('documentTemplates.title')}</Title>
        <Text c="dimmed" fz="sm">{t('documentTemplates.intro')}</Text>
      </div>
      {!editable ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('documentTemplates.readOnly')}
        </Alert>
      ) : null}
      <Group align="end" gap="md">
        <Select
          label={t('documentTemplates.type')}
          data={DOCUMENT_TYPES.map((value) => ({ value, label: t(`documents.types.${value}`) }))}
          value={type}
          onChange={(value) => value && setType(value as DocumentType)}
          allowDeselect={false}
          w={320}
          data-testid="template-type"
        />
        <div>
          <Text fz="sm" fw={500} mb={4} id="template-locale-label">{t('documentTemplates.locale')}</Text>
          <SegmentedControl
            aria-labelledby="template-locale-label"
            value={locale}
            onChange={(value) => setLocale(value as DocumentLocale)}
            data={DOCUMENT_LOCALES.map((value) => ({ value, label: t(`documentTemplates.locales.${value}`) }))}
            data-testid="template-locale"
          />
        </div>
      </Group>
      {template === undefined ? (
        query.isPending ? <FullPageLoader /> : <ErrorAlert error={query.error} />
      ) : (
        <>
          <Text fz="sm" data-testid="template-version">
            {template.custom ? t('documentTemplates.versionLine', { version: template.version, date: formatDateTime(template.updatedAt, i18n.language), name: template.updatedByLabel ?? '–' }) : t('documentTemplates.defaults')}
          </Text>
          <LogoPanel logo={template.logo} editable={editable} />
          <TemplateEditor key={`${type}-${locale}-${template.version}`} template={template} editable={editable} onReload={() => void query.refetch()} />
        </>
      )}
    </Stack>
  );
}
