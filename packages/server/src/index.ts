export { buildApp, createServices, type AppOptions, type Services } from './app.js';
export { startServer, type RunningServer } from './server.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, type Database } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { ensureFirstAdmin } from './bootstrap.js';
export { loadDemo } from './demo/load-demo.js';
export { verifyAuditChain } from './audit/audit-log.js';
export { systemActor, type Actor } from './access/actor.js';
