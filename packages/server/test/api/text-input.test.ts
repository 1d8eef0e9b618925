import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { nulPath } from '../../src/plugins/text-input.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('text with a NUL character', () => {
  it('finds the first string holding NUL, by its dotted path', () => {
    expect(nulPath({ name: 'ok', hardware: { cpu: 'a\u0000b' } })).toBe('hardware.cpu');
    expect(nulPath({ tags: ['a', 'b\u0000'] })).toBe('tags.1');
    expect(nulPath({ name: 'ohne' })).toBeUndefined();
    expect(nulPath(Buffer.from([0, 1, 2]))).toBeUndefined();
  });

  it('is refused with 400 naming the field before it reaches the database, and nothing is stored', async () => {
    const unit = await t.newUnit();
    const { client } = await t.newUser([{ orgUnitId: unit, role: 'owner' }]);
    const before = (await client.get(`/api/systems?unit=${unit}`)).body.total as number;
    const reply = await client.post('/api/systems', { name: 'a\u0000b', purpose: 'Test', orgUnitId: unit, roles: ['deployer'] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'name', message: 'Text must not contain the NUL character (U+0000)' }]);
    expect((await client.get(`/api/systems?unit=${unit}`)).body.total).toBe(before);
    const query = await client.get('/api/systems?q=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('query.q');
    // Sign-in too: the e-mail field is text like any other.
    const login = await t.client().post('/api/auth/login', { email: 'a\u0000b@test.example', password: 'x' });
    expect(login.status).toBe(400);
  });
});
