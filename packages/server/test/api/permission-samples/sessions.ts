import { tokenHash } from '../../../src/auth/tokens.js';
import { TEST_PASSWORD } from '../../support/test-app.js';
import { TestClient } from '../../support/client.js';
import type { MatrixContext, SampleFactory } from './context.js';

/** Session and account hygiene: own sessions, sign out everywhere, the session policy, an administrator's view and unlock. */
export function sessionSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  /** A second session of the role's user (another device), so that ending one leaves the matrix client signed in. */
  async function otherSession(email: string): Promise<string> {
    const other = new TestClient(ctx.t.baseUrl);
    const reply = await other.login(email, TEST_PASSWORD);
    const token = /konform_session=([^;]+)/.exec(reply.headers.get('set-cookie') ?? '')![1]!;
    return tokenHash(token);
  }
  return {
    'GET /api/auth/sessions': async () => ({ method: 'GET', path: '/api/auth/sessions' }),
    'DELETE /api/auth/sessions/:id': async (role) => ({ method: 'DELETE', path: `/api/auth/sessions/${await otherSession(ctx.users.get(role)!.email)}` }),
    'POST /api/auth/sessions/end-all': async () => ({ method: 'POST', path: '/api/auth/sessions/end-all', body: { keepCurrent: true } }),
    'GET /api/security/session-policy': async () => ({ method: 'GET', path: '/api/security/session-policy' }),
    'PUT /api/security/session-policy': async () => ({ method: 'PUT', path: '/api/security/session-policy', body: { idleMinutes: 30, absoluteHours: 12 } }),
    'GET /api/users/:id/sign-in': async () => ({ method: 'GET', path: `/api/users/${ctx.targetUserId}/sign-in` }),
    'POST /api/users/:id/sessions/end-all': async () => ({ method: 'POST', path: `/api/users/${ctx.targetUserId}/sessions/end-all` }),
    'POST /api/users/:id/unlock': async () => ({ method: 'POST', path: `/api/users/${ctx.targetUserId}/unlock` }),
  };
}
