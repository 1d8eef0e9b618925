import { Button, Group, Menu } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { BulkKind, Permission } from '@konform/core';
import type { QueryParams } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import { ErrorAlert } from '../../shared/error-alert';
import { useBulkDownload } from './bulk-queries';

export const WRITE_PERMISSION: Record<BulkKind, Permission> = { systems: 'system.update', risks: 'risk.edit' };

/** "Export" (XLSX or CSV of what the list shows, unpaged) and "Import" for a list page. */
export function BulkActions({ kind, params = {} }: { kind: BulkKind; params?: QueryParams }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const download = useBulkDownload();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const save = (format: 'xlsx' | 'csv') => download.mutate({ path: `/bulk/${kind}/export`, params: { ...params, format, lang } });
  return (
    <Group gap="xs">
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={download.isPending} data-testid={`bulk-export-${kind}`}>
            {t('bulk.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => save('xlsx')} data-testid={`bulk-export-${kind}-xlsx`}>{t('bulk.asXlsx')}</Menu.Item>
          <Menu.Item onClick={() => save('csv')} data-testid={`bulk-export-${kind}-csv`}>{t('bulk.asCsv')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {can(WRITE_PERMISSION[kind]) ? (
        <Button component={Link} to={`/import/${kind}`} variant="default" leftSection={<IconUpload size={16} aria-hidden />} data-testid={`bulk-import-${kind}`}>
          {t('bulk.import')}
        </Button>
      ) : null}
      {download.error ? <ErrorAlert error={download.error} /> : null}
    </Group>
  );
}
