import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassificationFacts, IntakeCreate, ROLES, roleGrants, type Role, type RouteAccess } from '@konform/core';
import { buildApp } from '../../src/app.js';
import { systemActor } from '../../src/access/actor.js';
import { FIXTURE_CATALOGS, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';
import type { MatrixContext, SampleFactory } from './permission-samples/context.js';
import { evidenceForm, intakeForm, newSystem } from './permission-samples/helpers.js';
import { coreSamples } from './permission-samples/core.js';
import { classificationSamples } from './permission-samples/classification.js';
import { evidenceSamples } from './permission-samples/evidence.js';
import { catalogSamples } from './permission-samples/catalogs.js';
import { riskSamples } from './permission-samples/risks.js';
import { requirementSamples } from './permission-samples/requirements.js';
import { capaSamples } from './permission-samples/capa.js';
import { literacySamples } from './permission-samples/literacy.js';
import { taskSamples } from './permission-samples/tasks.js';
import { qmsSamples } from './permission-samples/qms.js';
import { vendorSamples } from './permission-samples/vendors.js';
import { modelSamples } from './permission-samples/models.js';
import { labMethodSamples } from './permission-samples/lab-methods.js';
import { labPlanSamples } from './permission-samples/lab-plans.js';
import { labGateSamples } from './permission-samples/lab-gates.js';
import { labReportSamples } from './permission-samples/lab-reports.js';
import { labRunSamples } from './permission-samples/lab-runs.js';
import { dashboardSamples } from './permission-samples/dashboard.js';
import { relationSamples } from './permission-samples/relations.js';
import { documentSamples } from './permission-samples/documents.js';
import { documentTemplateSamples } from './permission-samples/document-templates.js';
import { auditSamples } from './permission-samples/audits.js';
import { monitoringSamples } from './permission-samples/monitoring.js';
import { conformitySamples } from './permission-samples/conformity.js';
import { auditPackageSamples } from './permission-samples/audit-package.js';
import { incidentSamples } from './permission-samples/incidents.js';
import { oscalSamples } from './permission-samples/oscal.js';
import { interchangeSamples } from './permission-samples/interchange.js';
import { bulkSamples } from './permission-samples/bulk.js';
import { mfaSamples } from './permission-samples/mfa.js';
import { webhookSamples } from './permission-samples/webhooks.js';
import { privacySamples } from './permission-samples/privacy.js';
import { ssoSamples } from './permission-samples/sso.js';
import { sessionSamples } from './permission-samples/sessions.js';

/**
 * Walks every API route with every role and compares each answer with the permission table:
 * allowed → 2xx, denied → 403. A route without a sample request here fails the test.
 * The sample requests live per area in permission-samples/<area>.ts.
 */
let t: TestApp;
let unit: string;
let systemId: string;
let targetUserId: string;
let classifiedSystemId: string;
let revisionId: string;
let signatureId: string;
let intakeId: string;
let evidenceId: string;
const users = new Map<Role, { id: string; email: string; client: TestClient }>();
const actor = systemActor('matrix setup');
/** The setup the area sample files in permission-samples/ read (live: read when a sample runs). */
const ctx: MatrixContext = {
  get t() { return t; },
  get unit() { return unit; },
  get systemId() { return systemId; },
  users,
  actor,
  get classifiedSystemId() { return classifiedSystemId; },
  get revisionId() { return revisionId; },
  get signatureId() { return signatureId; },
  get intakeId() { return intakeId; },
  get evidenceId() { return evidenceId; },
  get targetUserId() { return targetUserId; },
};

const samples: Record<string, SampleFactory> = {
  ...coreSamples(ctx),
  ...classificationSamples(ctx),
  ...evidenceSamples(ctx),
  ...catalogSamples(ctx),
  ...riskSamples(ctx),
  ...auditPackageSamples(ctx),
  ...requirementSamples(ctx),
  ...capaSamples(ctx),
  ...literacySamples(ctx),
  ...taskSamples(ctx),
  ...qmsSamples(ctx),
  ...vendorSamples(ctx),
  ...modelSamples(ctx),
  ...labMethodSamples(ctx),
  ...labPlanSamples(ctx),
  ...labGateSamples(ctx),
  ...labReportSamples(ctx),
  ...labRunSamples(ctx),
  ...relationSamples(ctx),
  ...dashboardSamples(ctx),
  ...documentSamples(ctx),
  ...documentTemplateSamples(ctx),
  ...auditSamples(ctx),
  ...monitoringSamples(ctx),
  ...conformitySamples(ctx),
  ...incidentSamples(ctx),
  ...oscalSamples(ctx),
  ...interchangeSamples(ctx),
  ...bulkSamples(ctx),
  ...mfaSamples(ctx),
  ...webhookSamples(ctx),
  ...privacySamples(ctx),
  ...ssoSamples(ctx),
  ...sessionSamples(ctx),
};

function allowed(access: RouteAccess, role: Role): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roleGrants(role, access);
}

beforeAll(async () => {
  t = await startTestApp({ catalogDir: FIXTURE_CATALOGS });
  unit = await t.newUnit();
  for (const role of ROLES) users.set(role, await t.newUser([{ orgUnitId: unit, role }]));
  systemId = (await newSystem(ctx, 'Matrix-System')).id;
  // A classified system whose revision carries a signature (decided by the platform, approved by the administrator).
  classifiedSystemId = (await newSystem(ctx, 'Klassifiziert')).id;
  revisionId = (await t.services.classification.decide(actor, classifiedSystemId, { facts: ClassificationFacts.parse({}), answers: {}, note: '' })).revision.id;
  const approval = await users.get('admin')!.client.post(`/api/systems/${classifiedSystemId}/classification/approve`, { revision: 1, password: TEST_PASSWORD });
  signatureId = approval.body.approval.id;
  intakeId = (await t.services.intakes.submit(actor, IntakeCreate.parse(intakeForm(ctx)))).id;
  const evidence = await users.get('admin')!.client.post('/api/evidence', evidenceForm({ systemId, title: 'Matrix-Datei' }));
  evidenceId = evidence.body.id;
  targetUserId = (await t.services.users.create(actor, { email: `target-${randomUUID().slice(0, 6)}@test.example`, displayName: 'Ziel', password: TEST_PASSWORD, locale: 'de', roles: [] })).id;
});
afterAll(async () => t.close());

describe('permission matrix', () => {
  it('has a sample request for every declared route, and every sample names a real route', () => {
    const declared = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(declared.length).toBeGreaterThan(15);
    expect(Object.keys(samples).sort()).toEqual(declared);
  });

  it('answers every route for every role as the permission table says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of t.routes) {
      for (const role of ROLES) {
        const sample = await samples[`${route.method} ${route.url}`]!(role);
        let client = users.get(role)!.client;
        if (route.url === '/api/auth/logout') {
          client = new TestClient(t.baseUrl);
          await client.login(users.get(role)!.email, TEST_PASSWORD);
        }
        const reply = await client.request(sample.method, sample.path, sample.body);
        const expectAllowed = allowed(route.access, role);
        const passed = (reply.status >= 200 && reply.status < 300) || (sample.redirects === true && reply.status >= 300 && reply.status < 400);
        const ok = expectAllowed ? passed : reply.status === 403;
        if (!ok) mismatches.push(`${role} ${route.method} ${route.url} (${route.access}): expected ${expectAllowed ? '2xx' : '403'}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(t.routes.length * ROLES.length);
  }, 180_000); // every route × every role, one request each: well past the default as the API grows

  it('answers 401 on every non-public route without a session', async () => {
    const anonymous = t.client();
    for (const route of t.routes.filter((r) => r.access !== 'public')) {
      const sample = await samples[`${route.method} ${route.url}`]!('viewer');
      const reply = await anonymous.request(sample.method, sample.path, sample.body);
      expect(reply.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('accepts an administrator\'s API token on every route; only signatures refuse it, as the OpenAPI document says', async () => {
    // A second administrator owns the token: the password and sign-out samples then leave the matrix users' sessions alone.
    const owner = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
    const created = await owner.client.post('/api/tokens', { name: 'Matrix-Token' });
    expect(created.status).toBe(201);
    const bearer = new TestClient(t.baseUrl);
    bearer.bearer = created.body.token;
    const document = t.app.swagger() as unknown as { paths: Record<string, Record<string, { security: Record<string, string[]>[] }>> };
    const tokenAllowed = (route: { method: string; url: string }) =>
      document.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()]?.security.some((s) => 'bearer' in s);
    const refused: string[] = [];
    const signedWithToken: string[] = [];
    for (const route of t.routes.filter((r) => r.access !== 'public')) {
      const sample = await samples[`${route.method} ${route.url}`]!('admin');
      const reply = await bearer.request(sample.method, sample.path, sample.body);
      if (reply.status === 401) refused.push(`${route.method} ${route.url}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      if (!tokenAllowed(route) && reply.status < 300) signedWithToken.push(`${route.method} ${route.url}`);
    }
    expect(refused).toEqual([]);
    // Operations documented as session-only (re-entered password: signatures) must not succeed with a token.
    expect(signedWithToken).toEqual([]);
    expect(t.routes.filter((r) => r.access !== 'public' && !tokenAllowed(r)).length).toBeGreaterThan(5);
  }, 300_000); // one request per route, many with setup: long on a busy PostgreSQL

  it('refuses to start when an API route declares no permission', async () => {
    const app = await buildApp({ database: t.db.database, logLevel: 'silent', webDir: '/nonexistent' });
    expect(() => app.get('/api/undeclared', async () => ({ leaked: true }))).toThrow(/declares no permission/);
    await app.close().catch(() => undefined);
  });
});
