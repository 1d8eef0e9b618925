import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/bootstrap.js';
import { createTestDatabase } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClient } from '../support/client.js';

describe('first start', () => {
  it('creates admin@localhost with a printed one-time password on an empty database, once', async () => {
    const db = await createTestDatabase();
    try {
      const first = await ensureFirstAdmin(db.database);
      expect(first).toMatchObject({ email: 'admin@localhost', generatedPassword: expect.stringMatching(/^.{20,}$/) });
      expect(await ensureFirstAdmin(db.database)).toBeNull();
      const users = await db.database.db.selectFrom('app_user').select(['email', 'password_hash']).execute();
      expect(users).toHaveLength(1);
      expect(users[0]!.password_hash).not.toContain(first!.generatedPassword!);
    } finally {
      await db.drop();
    }
  });

  it('takes the administrator from KONFORM_ADMIN_EMAIL and KONFORM_ADMIN_PASSWORD when given', async () => {
    const db = await createTestDatabase();
    try {
      const first = await ensureFirstAdmin(db.database, 'Leitung@Behoerde.Example', 'ein-sehr-sicheres-passwort');
      expect(first).toEqual({ email: 'leitung@behoerde.example', generatedPassword: null });
      const roles = await db.database.db.selectFrom('role_assignment').select('role').execute();
      expect(roles).toEqual([{ role: 'admin' }]);
    } finally {
      await db.drop();
    }
  });
});

describe('web app and OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'konform-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body>Konform</body></html>');
    writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    t = await startTestApp({ webDir });
  });
  afterAll(async () => t.close());

  it('serves the single-page app at / and client routes, with a fresh style nonce matching the CSP', async () => {
    const client = new TestClient(t.baseUrl);
    const page = await client.get('/systems/123');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const nonce = /content="([0-9a-f]{32})"/.exec(page.body as string)?.[1];
    expect(nonce).toBeDefined();
    expect(page.headers.get('content-security-policy')).toContain(`style-src 'self' 'nonce-${nonce}'`);
    const again = await client.get('/');
    expect(again.body).not.toContain(nonce!);
    const asset = await client.get('/assets/app.js');
    expect(asset.status).toBe(200);
    const missingAsset = await client.get('/assets/missing.js');
    expect(missingAsset.status).toBe(404);
    const unknownApi = await client.get('/api/nothing-here');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas, with each operation\'s permission', async () => {
    const doc = await new TestClient(t.baseUrl).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const post = doc.body.paths['/api/systems'].post;
    expect(post['x-permission']).toBe('system.create');
    expect(post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'purpose', 'orgUnitId', 'roles']));
    expect(doc.body.paths['/api/systems/{id}'].patch['x-permission']).toBe('system.update');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/org-units', '/api/audit-events/verify']));
  });
});
