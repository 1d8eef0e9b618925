import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CATALOG_EXPORT_FORMATS } from '@konform/core';
import { catalogExportUrl } from './export-urls';

/** Download the catalogue (the shown version) as OSCAL JSON, Konform YAML or XLSX. */
export function CatalogExportMenu({ catalogId, version }: { catalogId: string; version?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t('catalogs.export.open')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {CATALOG_EXPORT_FORMATS.map((format) => (
          <Menu.Item key={format} component="a" href={catalogExportUrl(catalogId, format, version)} download>
            {t(`catalogs.export.formats.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
