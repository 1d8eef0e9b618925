import type { Catalog, CatalogExportFormat } from '@konform/core';
import { catalogToOscal } from '../../catalogs/formats/oscal.js';
import { catalogToYaml } from '../../catalogs/formats/konform-yaml.js';
import { writeCatalogXlsx } from '../../catalogs/formats/xlsx-catalog.js';
import type { ExportFile } from '../../http/send-file.js';

/** A catalogue version as a file: OSCAL 1.2.2 catalog JSON, Konform YAML or the XLSX column layout. */
export async function exportCatalog(catalog: Catalog, format: CatalogExportFormat): Promise<ExportFile> {
  const base = `${catalog.id}-${catalog.version}`.replace(/[^A-Za-z0-9._-]/g, '_');
  switch (format) {
    case 'oscal':
      return { body: Buffer.from(`${JSON.stringify(catalogToOscal(catalog), null, 2)}\n`, 'utf8'), contentType: 'application/json; charset=utf-8', fileName: `${base}.oscal.json` };
    case 'yaml':
      return { body: Buffer.from(catalogToYaml(catalog), 'utf8'), contentType: 'application/yaml; charset=utf-8', fileName: `${base}.yaml` };
    case 'xlsx':
      return { body: await writeCatalogXlsx(catalog), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
  }
}
