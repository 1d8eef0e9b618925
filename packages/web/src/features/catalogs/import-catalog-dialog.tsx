import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { useFocusFirstError } from '../../shared/use-focus-first-error';
import { useImportCatalog } from './catalog-queries';
import { localized } from './localized';

/** Imports an internal catalogue from YAML, pasted or read from a file; the server's findings are listed by path. */
export function ImportCatalogDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [yaml, setYaml] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useImportCatalog();
  const error = mutation.error;
  const findings = isApiError(error) && error.status === 400 ? (error.problem.errors ?? []) : [];
  useFocusFirstError(error);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file !== undefined) setYaml(await file.text());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (yaml.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    mutation.mutate(
      { yaml },
      {
        onSuccess: (catalog) => {
          notifications.show({ color: 'teal', message: t('catalogs.import.done', { title: localized(catalog.title, i18n.language), version: catalog.version }) });
          onClose();
          void navigate(`/catalogs/${encodeURIComponent(catalog.id)}`);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('catalogs.import.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t('catalogs.import.intro')}</Text>
          <div>
            <label htmlFor="catalog-import-file" className="mantine-InputWrapper-label" style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 }}>
              {t('catalogs.import.file')}
            </label>
            <input id="catalog-import-file" type="file" accept=".yaml,.yml,text/yaml" onChange={(e) => void readFile(e)} style={{ display: 'block', marginTop: 4 }} />
          </div>
          <Textarea
            label={t('catalogs.import.yaml')}
            description={t('catalogs.import.yamlHint')}
            required
            data-autofocus
            autosize
            minRows={10}
            maxRows={24}
            styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 } }}
            value={yaml}
            error={missing ? t('common.required') : findings.length > 0 ? t('catalogs.import.invalid') : undefined}
            aria-invalid={missing || findings.length > 0}
            onChange={(e) => setYaml(e.currentTarget.value)}
          />
          {findings.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('catalogs.import.findings', { count: findings.length })}>
              <List size="sm" spacing={4}>
                {findings.map((f) => (
                  <List.Item key={`${f.path}:${f.message}`}>
                    <Text component="code" fz="xs" className="hash">
                      {f.path.replace(/^yaml\.?/, '') || 'yaml'}
                    </Text>{' '}
                    {f.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : isApiError(error) && (error.code === 'catalog-bundled' || error.code === 'version-exists') ? (
            <Alert color="red" variant="light" role="alert">
              <Text fz="sm">{error.code === 'catalog-bundled' ? t('catalogs.import.bundled') : t('catalogs.import.versionExists')}</Text>
            </Alert>
          ) : (
            <ErrorAlert error={error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('catalogs.import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
