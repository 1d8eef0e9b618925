import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';

/** The `--data` flag every database command of the CLI takes. */
export interface DbFlags {
  data?: string;
}

/**
 * Opens the database named by the flags and environment, brings the schema up to date, runs `work` and closes the
 * database again, also when `work` fails. `applied` lists the migrations this call applied.
 */
export async function withDatabase<T>(flags: DbFlags, work: (database: Database, config: Config, applied: string[]) => Promise<T>): Promise<T> {
  const config = loadConfig({ data: flags.data });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(database);
    return await work(database, config, applied);
  } finally {
    await database.close();
  }
}
