#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { verifyAuditChain } from './audit/audit-log.js';
import { startServer } from './server.js';
import { loadDemo } from './demo/load-demo.js';
import { VERSION } from './version.js';
import { catalogCommands } from './catalogs/cli-commands.js';

const program = new Command('konform').description('Konform: AI governance and proof of regulatory conformity').version(VERSION);

interface DbFlags {
  data?: string;
}

function openFromFlags(flags: DbFlags) {
  const config = loadConfig({ data: flags.data });
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

program
  .command('serve')
  .description('Start the web server (UI at /, API under /api)')
  .option('-p, --port <port>', 'port to listen on (env PORT, default 8080)')
  .option('-H, --host <host>', 'address to bind (env HOST, default localhost)')
  .option('-d, --data <dir>', 'data directory for the embedded database (env KONFORM_DATA_DIR, default ./konform-data)')
  .action(async (flags: { port?: string; host?: string; data?: string }) => {
    const server = await startServer(loadConfig(flags));
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const database = openFromFlags(flags);
    const applied = await migrateToLatest(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
    await database.close();
  });

const audit = program.command('audit').description('Audit trail');
audit
  .command('verify')
  .description('Walk the hash chain of audit events and name the first broken event')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const database = openFromFlags(flags);
    await migrateToLatest(database);
    const result = await verifyAuditChain(database.db);
    await database.close();
    if (result.ok) {
      console.log(`OK: ${result.checked} audit events verified, the chain is intact`);
    } else {
      console.log(`BROKEN at event ${result.firstBroken?.seq} (${result.firstBroken?.reason}); ${result.checked} events checked`);
      process.exitCode = 1;
    }
  });

program
  .command('demo')
  .description('Load a German demo portfolio (units, users, AI systems, risks, non-conformities, tasks, AIMS documents, trainings, suppliers) into an empty or existing database')
  .option('-d, --data <dir>', 'data directory')
  .option('--password <password>', 'password for the demo users (default: printed)')
  .action(async (flags: DbFlags & { password?: string }) => {
    const database = openFromFlags(flags);
    await migrateToLatest(database);
    const result = await loadDemo(database, flags.password);
    await database.close();
    console.log(result.summary);
  });

catalogCommands(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
