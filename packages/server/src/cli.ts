#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { withDatabase, type DbFlags } from './cli-database.js';
import { verifyAuditChain } from './audit/audit-log.js';
import { writeCheckpoint } from './audit/checkpoints.js';
import { listPublicKeys, OrganisationKeys } from './signing/organisation-keys.js';
import { describeVerification, publicKeysFromPem, verifyPath } from './signing/verify-path.js';
import { readFileSync } from 'node:fs';
import { prepareForWorkers, startServer } from './server.js';
import { runClustered } from './cluster.js';
import { loadDemo } from './demo/load-demo.js';
import { VERSION } from './version.js';
import { catalogCommands } from './catalogs/cli-commands.js';
import { backupCommands } from './backup/cli-commands.js';
import { exchangeCommands } from './cli-exchange.js';

const program = new Command('konform').description('Konform: AI governance and proof of regulatory conformity').version(VERSION);

program
  .command('serve')
  .description('Start the web server (UI at /, API under /api)')
  .option('-p, --port <port>', 'port to listen on (env PORT, default 8080)')
  .option('-H, --host <host>', 'address to bind (env HOST, default localhost)')
  .option('-d, --data <dir>', 'data directory for the embedded database (env KONFORM_DATA_DIR, default ./konform-data)')
  .action(async (flags: { port?: string; host?: string; data?: string }) => {
    const config = loadConfig(flags);
    if (config.workers > 1) {
      await runClustered({
        workers: config.workers,
        prepare: () => prepareForWorkers(config),
        serve: async (index) => {
          const server = await startServer(config, console.log, { worker: { index, of: config.workers } });
          return () => server.close();
        },
      });
      return;
    }
    const server = await startServer(config);
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
    const applied = await withDatabase(flags, async (_database, _config, done) => done);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
  });

const audit = program.command('audit').description('Audit trail');
audit
  .command('verify')
  .description('Walk the hash chain of audit events and name the first broken event')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const result = await withDatabase(flags, (database) => verifyAuditChain(database.db));
    const latest = result.checkpoints.latest;
    const against = latest
      ? `; checked against ${result.checkpoints.checked} signed checkpoint(s), the latest at event ${latest.seq} (${latest.signedAt}, key ${latest.keyId})`
      : '; no signed checkpoint yet';
    if (result.ok) {
      console.log(`OK: ${result.checked} audit events verified, the chain is intact${against}`);
    } else {
      console.log(`BROKEN at event ${result.firstBroken?.seq} (${result.firstBroken?.reason}); ${result.checked} events checked${against}`);
      process.exitCode = 1;
    }
  });
audit
  .command('checkpoint')
  .description("Sign the audit chain's current head with the organisation's key now (the server does this every hour)")
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const checkpoint = await withDatabase(flags, (database, config) => writeCheckpoint(database, new OrganisationKeys(database, config.keyDir)));
    console.log(checkpoint ? `Signed the chain head at event ${checkpoint.seq} with key ${checkpoint.key_id}` : 'Nothing to sign: the chain head is signed already or the chain is empty');
  });

program
  .command('verify <path>')
  .description('Check a signed release (a directory or ZIP with manifest.json and manifest.sig, or one file beside them) against its signature and file hashes; for an audit package also its audit chain slice and signed checkpoint')
  .option('--key <pem>', "file with the organisation's public key(s) in PEM (as `keys export` prints); without it the keys come from the database")
  .option('-d, --data <dir>', 'data directory')
  .action(async (target: string, flags: DbFlags & { key?: string }) => {
    let publicKeys: Map<string, string>;
    if (flags.key) {
      publicKeys = publicKeysFromPem(readFileSync(flags.key, 'utf8'));
    } else {
      publicKeys = await withDatabase(flags, async (database) => new Map((await listPublicKeys(database.db)).map((k) => [k.id, k.public_key_pem])));
    }
    const result = await verifyPath(target, publicKeys);
    for (const line of describeVerification(result)) console.log(line);
    if (!result.ok) process.exitCode = 1;
  });

const keys = program.command('keys').description("The organisation's signing keys (Ed25519)");
keys
  .command('list')
  .description('List the public keys (active and retired)')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const rows = await withDatabase(flags, (database) => listPublicKeys(database.db));
    for (const k of rows) console.log(`${k.id}  ${k.algorithm}  created ${k.created_at}${k.retired_at ? `  retired ${k.retired_at}` : '  active'}`);
    if (rows.length === 0) console.log('No key yet: one is created on the first start of the server');
  });
keys
  .command('export')
  .description('Print the public keys as PEM (for verifying signatures without Konform)')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const rows = await withDatabase(flags, (database) => listPublicKeys(database.db));
    for (const k of rows) process.stdout.write(`# key ${k.id}${k.retired_at ? ` (retired ${k.retired_at})` : ''}\n${k.public_key_pem.trim()}\n`);
  });
keys
  .command('rotate')
  .description('Create a new active key; the old one is retired and kept, so what it signed still verifies')
  .option('-d, --data <dir>', 'data directory')
  .action(async (flags: DbFlags) => {
    const { previous, next } = await withDatabase(flags, async (database, config) => {
      const organisationKeys = new OrganisationKeys(database, config.keyDir);
      return { previous: await organisationKeys.active(), next: await organisationKeys.rotate() };
    });
    console.log(`Rotated: ${previous.id} retired, ${next.id} active (restart running instances to sign with it)`);
  });

program
  .command('demo')
  .description('Load a German demo portfolio (units, users, AI systems, risks, non-conformities, tasks, AIMS documents, trainings, suppliers) into an empty or existing database')
  .option('-d, --data <dir>', 'data directory')
  .option('--password <password>', 'password for the demo users (default: printed)')
  .action(async (flags: DbFlags & { password?: string }) => {
    const result = await withDatabase(flags, (database, config) => loadDemo(database, flags.password, { dataDir: config.dataDir, keyDir: config.keyDir, defaultMarking: config.defaultMarking }));
    console.log(result.summary);
  });

catalogCommands(program);
backupCommands(program);
exchangeCommands(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
