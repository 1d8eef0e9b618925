import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CATALOG_IMPORT_FORMATS, type CatalogImportFormat } from '@konform/core';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { FileField } from '../../shared/file-field';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { reviewHref, useCheckImport, useStoreImport } from './catalog-update-queries';
import { ImportIssuesTable } from './import-issues-table';
import { ImportPreview } from './import-preview';
import { localized } from './localized';

const CATALOG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The answers about the file itself (too large, unreadable type, version already there) in words. */
function FileProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isApiError(error)) return <ErrorAlert error={error} />;
  const issues = error.status === 400 ? (error.problem.errors ?? []) : [];
  if (issues.length > 0) {
    return (
      <Stack gap="xs">
        <Alert color="red" variant="light" role="alert" title={t('catalogs.import.invalidTitle', { count: issues.length })}>
          <Text fz="sm">{t('catalogs.import.invalidText')}</Text>
        </Alert>
        <ImportIssuesTable issues={issues} />
      </Stack>
    );
  }
  const known = error.status === 413 ? 'tooLarge' : error.status === 415 ? 'wrongType' : error.status === 409 ? 'versionExists' : error.code === 'catalog-bundled' ? 'bundled' : null;
  if (known === null) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" role="alert">
      <Text fz="sm">{t(`catalogs.import.${known}`)}</Text>
    </Alert>
  );
}

/**
 * Imports a catalogue file (Konform YAML, CISO Assistant YAML, OSCAL JSON, XLSX) in two steps: Check runs a dry run and
 * shows the preview; Import stores it as a proposed version and opens its review page.
 */
export function ImportCatalogDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [catalogId, setCatalogId] = useState('');
  const [local, setLocal] = useState<{ file?: string; catalogId?: string }>({});
  const check = useCheckImport();
  const store = useStoreImport();
  const error = store.error ?? check.error;
  useFocusFirstError(Object.keys(local).length > 0 ? local : error);

  const input = () => ({
    file: file as File,
    format: CATALOG_IMPORT_FORMATS.find((f): f is CatalogImportFormat => f === format),
    catalogId: catalogId.trim() === '' ? undefined : catalogId.trim(),
  });
  const changed = () => {
    check.reset();
    store.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof local = {};
    if (file === null) problems.file = t('catalogs.import.fileRequired');
    const trimmed = catalogId.trim();
    if (trimmed !== '' && (!CATALOG_ID.test(trimmed) || trimmed.length > 100)) problems.catalogId = t('catalogs.import.catalogIdInvalid');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    store.reset();
    check.mutate(input());
  };

  const save = () => {
    if (file === null) return;
    store.mutate(input(), {
      onSuccess: ({ version }) => {
        notifications.show({ color: 'teal', message: t('catalogs.import.stored', { title: localized(version.title, i18n.language), version: version.version }) });
        onClose();
        void navigate(reviewHref(version.catalogId, version.version));
      },
    });
  };

  const preview = check.data;
  const fileError = local.file;

  return (
    <Modal opened onClose={onClose} title={t('catalogs.import.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('catalogs.import.intro')}</Text>
          <FileField
            label={t('catalogs.import.file')}
            required
            autoFocus
            accept=".yaml,.yml,.json,.xlsx"
            hint={t('catalogs.import.fileHint')}
            error={fileError}
            onFile={(chosen) => {
              setFile(chosen);
              setLocal(({ file: _file, ...rest }) => rest);
              changed();
            }}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('catalogs.import.format')}
              value={format}
              data={[{ value: '', label: t('catalogs.import.formatDetect') }, ...CATALOG_IMPORT_FORMATS.map((f) => ({ value: f, label: t(`catalogs.formats.${f}`) }))]}
              onChange={(e) => {
                setFormat(e.currentTarget.value);
                changed();
              }}
            />
            <TextInput
              label={t('catalogs.import.catalogId')}
              description={t('catalogs.import.catalogIdHint')}
              value={catalogId}
              maxLength={100}
              error={local.catalogId}
              aria-invalid={local.catalogId !== undefined}
              onChange={(e) => {
                setCatalogId(e.currentTarget.value);
                setLocal(({ catalogId: _id, ...rest }) => rest);
                changed();
              }}
            />
          </Group>
          {error !== null ? <FileProblem error={error} /> : null}
          {preview !== undefined ? <ImportPreview preview={preview} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant={preview?.valid === true ? 'default' : 'filled'} loading={check.isPending}>
              {t('catalogs.import.check')}
            </Button>
            {preview?.valid === true ? (
              <Button onClick={save} loading={store.isPending}>
                {t('catalogs.import.store')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
