import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@konform/core';
import { buildApp, createServices, type Services } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';
import type { DeclaredRoute } from '../../src/plugins/auth.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TestClient } from './client.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  services: Services;
  baseUrl: string;
  routes: DeclaredRoute[];
  close(): Promise<void>;
  /** A fresh organisational unit, so tests sharing a database never see each other's records. */
  newUnit(parentId?: string | null, name?: string): Promise<string>;
  /**
   * A user holding the given roles; returns a signed-in client. Cleared for VS-NfD when asked, or when the app's
   * default marking is VS-NfD (its evidence is classified by default); else `offen`.
   */
  newUser(roles: { orgUnitId: string; role: Role }[], options?: { clearance?: 'offen' | 'VS-NfD' }): Promise<{ id: string; email: string; client: TestClient }>;
  newSystem(client: TestClient, orgUnitId: string, fields?: Record<string, unknown>): Promise<any>;
  client(): TestClient;
  /** The app's data directory (evidence files under evidence/), removed on close. */
  dataDir: string;
}

/**
 * The real app on a real database, listening on an ephemeral loopback port. `catalogDir`: the requirement catalogues
 * to load (e.g. FIXTURE_CATALOGS); the repository's catalogs/ when unset.
 */
export async function startTestApp(options: { webDir?: string; catalogDir?: string; uploadLimitMb?: number; catalogImportLimitMb?: number; defaultMarking?: 'offen' | 'VS-NfD' } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'konform-data-'));
  const routes: DeclaredRoute[] = [];
  const app = await buildApp({ database: db.database, logLevel: 'silent', checkResponses: true, declaredRoutes: routes, webDir: options.webDir ?? '/nonexistent', catalogDir: options.catalogDir, dataDir, uploadLimitMb: options.uploadLimitMb, catalogImportLimitMb: options.catalogImportLimitMb, defaultMarking: options.defaultMarking });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const services = createServices(db.database, 8, { catalogDir: options.catalogDir, dataDir, defaultMarking: options.defaultMarking });
  const actor = systemActor('test setup');

  const t: TestApp = {
    app,
    db,
    services,
    baseUrl,
    routes,
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    newUnit: async (parentId = null, name) => {
      const unit = await services.orgUnits.create(actor, { name: name ?? `Unit ${randomUUID().slice(0, 8)}`, shortName: '', parentId });
      return unit.id;
    },
    newUser: async (roles, userOptions = {}) => {
      const email = `user-${randomUUID().slice(0, 12)}@test.example`;
      const clearance = userOptions.clearance ?? options.defaultMarking ?? 'offen';
      const user = await services.users.create(actor, { email, displayName: 'Test User', password: TEST_PASSWORD, locale: 'de', roles, clearance });
      const client = new TestClient(baseUrl);
      const reply = await client.login(email, TEST_PASSWORD);
      if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
      return { id: user.id, email, client };
    },
    newSystem: async (client, orgUnitId, fields = {}) => {
      const reply = await client.post('/api/systems', {
        name: `System ${randomUUID().slice(0, 8)}`,
        purpose: 'Transkription von Audiodaten',
        orgUnitId,
        roles: ['deployer'],
        ...fields,
      });
      if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
    client: () => new TestClient(baseUrl),
    dataDir,
  };
  return t;
}

/** Small requirement catalogues for tests (test/fixtures/catalogs). */
export const FIXTURE_CATALOGS = new URL('../fixtures/catalogs/', import.meta.url).pathname;
