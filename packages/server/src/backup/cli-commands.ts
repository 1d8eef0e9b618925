import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { withDatabase, type DbFlags } from '../cli-database.js';
import { createBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { openObjectStorage } from '../storage/open-storage.js';

function defaultArchiveName(now = new Date()): string {
  return `konform-backup-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

/** `konform backup` and `konform restore`. */
export function backupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent online backup (database, evidence files also from an S3 store, keys, settings) into one signed archive')
    .option('-d, --data <dir>', 'data directory')
    .option('-o, --output <file>', 'the archive to write (default konform-backup-<time>.tar.gz)')
    .action(async (flags: DbFlags & { output?: string }) => {
      const summary = await withDatabase(flags, (database, config) =>
        createBackup(database, { dataDir: config.dataDir, keyDir: config.keyDir, output: path.resolve(flags.output ?? defaultArchiveName()), storage: openObjectStorage(config.dataDir, config.s3).storage }));
      const { manifest } = summary;
      const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
      const files = manifest.entries.filter((e) => e.path.startsWith('evidence/')).length;
      console.log(`Wrote ${summary.output}`);
      console.log(`  ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${files} evidence files, audit trail up to event ${manifest.auditChainHead.seq}`);
      console.log(manifest.signature ? `  manifest signed with key ${manifest.signature.keyId}` : '  manifest not signed (no organisation key yet)');
    });

  program
    .command('restore <archive>')
    .description('Restore a backup archive into an empty data directory (and an empty database, with KONFORM_DATABASE_URL)')
    .option('-d, --data <dir>', 'data directory (must be empty)')
    .option('--key-id <id>', 'refuse unless the manifest is signed by this organisation key')
    .option('--allow-unsigned', 'accept an archive whose manifest is not signed')
    .action(async (archive: string, flags: DbFlags & { keyId?: string; allowUnsigned?: boolean }) => {
      const config = loadConfig({ data: flags.data });
      const summary = await restoreBackup(() => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }), {
        archive: path.resolve(archive),
        dataDir: config.dataDir,
        keyDir: config.keyDir,
        expectedKeyId: flags.keyId,
        allowUnsigned: flags.allowUnsigned,
        storage: openObjectStorage(config.dataDir, config.s3).storage,
      });
      const rows = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
      console.log(`Restored ${rows} rows in ${Object.keys(summary.rows).length} tables; the audit trail verifies up to event ${summary.auditChainHead.seq}`);
    });
}
