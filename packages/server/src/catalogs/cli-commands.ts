import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CatalogExportFormat, CatalogImportFormat, type CatalogDiff, type CatalogUpdatePreview } from '@konform/core';
import type { DbFlags } from '../cli-database.js';
import { explain, withServices } from '../cli-services.js';
import { systemActor } from '../access/actor.js';
import { exportCatalog } from '../modules/catalogs/export.js';

export function formatDiff(diff: CatalogDiff): string {
  const lines = [`${diff.catalogId}: ${diff.from ?? '(new)'} -> ${diff.to}`, `  added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}, unchanged ${diff.unchanged}`];
  for (const a of diff.added) lines.push(`  + ${a.id} ${a.ref} ${a.title.en}`);
  for (const r of diff.removed) lines.push(`  - ${r.id} ${r.ref} ${r.title.en}`);
  for (const c of diff.changed) lines.push(`  ~ ${c.id} ${c.ref}: ${c.changes.map((ch) => `${ch.field} ${JSON.stringify(ch.before)} -> ${JSON.stringify(ch.after)}`).join('; ')}`);
  return lines.join('\n');
}

function formatPreview(preview: CatalogUpdatePreview): string {
  if (!preview.valid) return ['The file cannot be imported:', ...preview.errors.map((e) => `  at ${e.path}: ${e.message}`)].join('\n');
  const lines = [
    `${preview.catalogId} ${preview.version} (${preview.format}): ${preview.requirementCount} requirements, ${preview.measureCount} measures, ${preview.mappingCount} mappings`,
    ...preview.warnings.map((w) => `  warning: ${w}`),
  ];
  if (preview.diff) lines.push(formatDiff(preview.diff));
  if (preview.impact) {
    const t = preview.impact.totals;
    lines.push(`Impact: ${t.systems} systems; rows appear ${t.appear}, disappear ${t.disappear}, due date changes ${t.dueDateChanged}`);
  }
  return lines.join('\n');
}

/** `konform catalog import|export|diff`: the same operations as the API, on the configured database. */
export function catalogCommands(program: Command) {
  const catalog = program.command('catalog').description('Catalogues: import new versions, export, compare');
  catalog
    .command('import')
    .description('Import a catalogue file (Konform YAML, CISO Assistant YAML, OSCAL JSON, XLSX) as a proposed version')
    .argument('<file>', 'the catalogue file')
    .option('-d, --data <dir>', 'data directory')
    .option('--format <format>', `one of ${CatalogImportFormat.options.join(', ')} (detected when absent)`)
    .option('--catalog-id <id>', 'catalogue id to use instead of the one derived from the file')
    .option('--dry-run', 'only show the preview: diff, impact and errors')
    .option('--accept', 'accept the imported version right away (as the governance role would)')
    .action(async (file: string, flags: DbFlags & { format?: string; catalogId?: string; dryRun?: boolean; accept?: boolean }) => {
      const format = flags.format === undefined ? undefined : CatalogImportFormat.parse(flags.format);
      const data = readFileSync(file);
      const upload = { data, fileName: path.basename(file), format, catalogId: flags.catalogId };
      const actor = systemActor('cli');
      await withServices(flags, async (services) => {
        if (flags.dryRun) {
          const preview = await services.catalogUpdates.previewUpload(actor, upload);
          console.log(formatPreview(preview));
          if (!preview.valid) process.exitCode = 1;
          return;
        }
        const { version, preview } = await services.catalogUpdates.importUpload(actor, upload).catch(explain);
        console.log(formatPreview(preview));
        console.log(`Stored ${version.catalogId} ${version.version} as ${version.state}`);
        if (flags.accept) {
          const result = await services.catalogUpdates.accept(actor, version.catalogId, version.version, {}).catch(explain);
          console.log(`Accepted: ${result.systemsAffected} systems affected, ${result.retiredRows} rows retired, ${result.restoredRows} restored`);
        }
      });
    });
  catalog
    .command('export')
    .description('Export a catalogue as OSCAL 1.2.2 catalog JSON, Konform YAML or XLSX')
    .argument('<id>', 'catalogue id')
    .option('-d, --data <dir>', 'data directory')
    .option('--format <format>', 'oscal, yaml or xlsx', 'yaml')
    .option('--catalog-version <version>', 'a stored or bundled version (default: the active one)')
    .option('-o, --out <file>', 'write to this file (default: standard output; XLSX needs a file)')
    .action(async (id: string, flags: DbFlags & { format: string; catalogVersion?: string; out?: string }) => {
      const format = CatalogExportFormat.parse(flags.format);
      await withServices(flags, async (services) => {
        const file = await exportCatalog(await services.catalogs.version(id, flags.catalogVersion).catch(explain), format);
        if (flags.out) {
          writeFileSync(flags.out, file.body);
          console.error(`Wrote ${flags.out} (${file.body.length} bytes)`);
        } else if (format === 'xlsx') {
          throw new Error('XLSX is binary: name a file with --out');
        } else {
          process.stdout.write(file.body);
        }
      });
    });
  catalog
    .command('diff')
    .description('What changes between two versions of a catalogue')
    .argument('<id>', 'catalogue id')
    .option('-d, --data <dir>', 'data directory')
    .option('--from <version>', 'the older version (default: the active one)')
    .option('--to <version>', 'the newer version (default: the newest stored one)')
    .option('--json', 'print the diff as JSON')
    .action(async (id: string, flags: DbFlags & { from?: string; to?: string; json?: boolean }) => {
      await withServices(flags, async (services) => {
        const diff = await services.catalogUpdates.diff(systemActor('cli'), id, { from: flags.from, to: flags.to }).catch(explain);
        console.log(flags.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
      });
    });
}
