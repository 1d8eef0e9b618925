import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as foundation from './migrations/2026-11-26-0001-foundation.js';
import * as intakeClassification from './migrations/2026-11-26-0002-intake-classification.js';
import * as requirements from './migrations/2026-11-26-0003-requirements.js';
import * as evidence from './migrations/2026-11-26-0004-evidence.js';
import * as catalogUpdates from './migrations/2026-11-26-0005-catalog-updates.js';
import * as risks from './migrations/2026-11-26-0006-risks.js';
import * as fria from './migrations/2026-11-26-0007-fria.js';
import * as jobsNotifications from './migrations/2026-11-26-0008-jobs-notifications.js';
import * as nonconformities from './migrations/2026-11-26-0009-nonconformities.js';
import * as tasks from './migrations/2026-11-26-0010-tasks.js';
import * as qmsDocuments from './migrations/2026-11-26-0011-qms-documents.js';
import * as literacy from './migrations/2026-11-26-0012-literacy.js';
import * as vendors from './migrations/2026-11-26-0013-vendors.js';
import * as userPreferences from './migrations/2026-11-26-0014-user-preferences.js';
import * as modelsDatasets from './migrations/2026-11-26-0015-models-datasets.js';
import * as labMethodsEnvironments from './migrations/2026-11-26-0016-lab-methods-environments.js';
import * as tokenScopes from './migrations/2026-11-26-0017-token-scopes.js';
import * as labPlansRunsGates from './migrations/2026-11-27-0018-lab-plans-runs-gates.js';
import * as signingKeys from './migrations/2026-11-27-0019-signing-keys-checkpoints.js';
import * as clearance from './migrations/2026-11-27-0020-clearance.js';
import * as managementReports from './migrations/2026-11-27-0021-management-reports.js';
import * as documents from './migrations/2026-11-27-0022-documents.js';
import * as documentTemplates from './migrations/2026-11-27-0023-document-templates.js';
import * as dashboardCounts from './migrations/2026-11-27-0024-dashboard-counts.js';
import * as reportClassification from './migrations/2026-11-27-0025-report-classification.js';
import * as audits from './migrations/2026-11-27-0026-audits.js';
import * as conformityChanges from './migrations/2026-11-27-0027-conformity-changes.js';
import * as incidentsComplaints from './migrations/2026-11-27-0028-incidents-complaints.js';
import * as monitoring from './migrations/2026-11-27-0029-monitoring.js';
import * as mfa from './migrations/2026-11-27-0030-mfa.js';
import * as sso from './migrations/2026-11-27-0031-sso.js';
import * as webhooks from './migrations/2026-11-27-0032-webhooks.js';
import * as accountHygiene from './migrations/2026-11-27-0033-account-hygiene.js';
import * as retention from './migrations/2026-11-27-0034-retention.js';
import * as performanceIndexes from './migrations/2026-11-27-0035-performance.js';
import * as systemListCounts from './migrations/2026-11-27-0036-system-list-counts.js';
import * as systemTextSearch from './migrations/2026-11-28-0037-system-text-search.js';

/** Migrations are listed here, not discovered on disk, so the built server carries them with it. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-0001-foundation': foundation,
  '2026-11-26-0002-intake-classification': intakeClassification,
  '2026-11-26-0003-requirements': requirements,
  '2026-11-26-0004-evidence': evidence,
  '2026-11-26-0005-catalog-updates': catalogUpdates,
  '2026-11-26-0006-risks': risks,
  '2026-11-26-0007-fria': fria,
  '2026-11-26-0008-jobs-notifications': jobsNotifications,
  '2026-11-26-0009-nonconformities': nonconformities,
  '2026-11-26-0010-tasks': tasks,
  '2026-11-26-0011-qms-documents': qmsDocuments,
  '2026-11-26-0012-literacy': literacy,
  '2026-11-26-0013-vendors': vendors,
  '2026-11-26-0014-user-preferences': userPreferences,
  '2026-11-26-0015-models-datasets': modelsDatasets,
  '2026-11-26-0016-lab-methods-environments': labMethodsEnvironments,
  '2026-11-26-0017-token-scopes': tokenScopes,
  '2026-11-27-0018-lab-plans-runs-gates': labPlansRunsGates,
  '2026-11-27-0019-signing-keys-checkpoints': signingKeys,
  '2026-11-27-0020-clearance': clearance,
  '2026-11-27-0021-management-reports': managementReports,
  '2026-11-27-0022-documents': documents,
  '2026-11-27-0023-document-templates': documentTemplates,
  '2026-11-27-0024-dashboard-counts': dashboardCounts,
  '2026-11-27-0025-report-classification': reportClassification,
  '2026-11-27-0026-audits': audits,
  '2026-11-27-0027-conformity-changes': conformityChanges,
  '2026-11-27-0028-incidents-complaints': incidentsComplaints,
  '2026-11-27-0029-monitoring': monitoring,
  '2026-11-27-0030-mfa': mfa,
  '2026-11-27-0031-sso': sso,
  '2026-11-27-0032-webhooks': webhooks,
  '2026-11-27-0033-account-hygiene': accountHygiene,
  '2026-11-27-0034-retention': retention,
  '2026-11-27-0035-performance': performanceIndexes,
  '2026-11-27-0036-system-list-counts': systemListCounts,
  '2026-11-28-0037-system-text-search': systemTextSearch,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** Brings the schema up to date. On PostgreSQL Kysely holds an advisory lock, so instances starting together migrate once. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of every migration this version knows, in the order they apply. */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS).sort();
}

/** Brings an empty database up to exactly the named migration (a restore loads rows into the schema they were taken from). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
}
