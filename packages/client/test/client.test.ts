import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKonformClient, fillPath, KonformProblem, type KonformClient } from '../src/index.js';
import { startTestApp, type TestApp } from '../../server/test/support/test-app.js';

/** The generated client against the real app over loopback HTTP, acting with an API token. */
let t: TestApp;
let unit: string;
let client: KonformClient;
let tokenValue: string;

beforeAll(async () => {
  t = await startTestApp();
  unit = await t.newUnit();
  const admin = await t.newUser([{ orgUnitId: unit, role: 'admin' }]);
  const created = await admin.client.post('/api/tokens', { name: 'Client-Test', expiresInDays: 1 });
  expect(created.status).toBe(201);
  tokenValue = created.body.token;
  client = createKonformClient({ baseUrl: `${t.baseUrl}/`, token: tokenValue });
});
afterAll(async () => t.close());

describe('@konform/client', () => {
  it('creates an AI system, reads it back and finds it with a query', async () => {
    const system = await client.post('/api/systems', {
      body: { name: 'Sprachassistent Bürgeramt', purpose: 'Beantwortet Fragen zu Terminen', orgUnitId: unit, roles: ['deployer'] },
    });
    expect(system.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(system.lifecycleStage).toBe('planned');

    const read = await client.get('/api/systems/{id}', { path: { id: system.id } });
    expect(read.name).toBe('Sprachassistent Bürgeramt');
    expect(read.version).toBe(system.version);

    const found = await client.get('/api/systems', { query: { q: 'Bürgeramt', unit } });
    expect(found.items.map((s) => s.id)).toEqual([system.id]);
    const none = await client.get('/api/systems', { query: { q: 'gibt es nicht', unit } });
    expect(none.items).toEqual([]);

    const updated = await client.patch('/api/systems/{id}', { path: { id: system.id }, body: { version: read.version, lifecycleStage: 'development' } });
    expect(updated.lifecycleStage).toBe('development');
  });

  it('turns invalid input into a typed problem naming the field', async () => {
    const error = await client
      .post('/api/systems', { body: { name: '', purpose: 'x', orgUnitId: unit, roles: ['deployer'] } })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(KonformProblem);
    const problem = error as KonformProblem;
    expect(problem.status).toBe(400);
    expect(problem.type).toMatch(/^urn:konform:problem:/);
    expect(problem.errors.map((e) => e.path)).toContain('name');
  });

  it('turns a missing record and a wrong token into problems with their status', async () => {
    const missing = await client.get('/api/systems/{id}', { path: { id: '00000000-0000-4000-8000-000000000000' } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(KonformProblem);
    expect((missing as KonformProblem).status).toBe(404);

    const stranger = createKonformClient({ baseUrl: t.baseUrl, token: `${tokenValue}x` });
    const refused = await stranger.get('/api/systems').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KonformProblem);
    expect((refused as KonformProblem).status).toBe(401);
  });

  it('fills path parameters and refuses a missing one', () => {
    expect(fillPath('/api/systems/{id}/risks', { id: 'a b' })).toBe('/api/systems/a%20b/risks');
    expect(() => fillPath('/api/systems/{id}', {})).toThrow(/needs the parameter id/);
  });
});
