import type { Role } from '@konform/core';
import { totpCode } from '@konform/core/totp';
import { TEST_PASSWORD } from '../../support/test-app.js';
import type { Actor } from '../../../src/access/actor.js';
import { recoveryCodeHash } from '../../../src/modules/mfa/second-factor.js';
import type { MatrixContext, SampleFactory } from './context.js';

/**
 * Two-factor sign-in. The routes run in order for every role: enrolment is started and confirmed (TOTP on), the
 * recovery codes replaced and TOTP disabled again, so later routes sign with the password alone. The codes for the
 * last two come from a recovery code planted here (a TOTP code of the same 30 s step would be a replay).
 */
export function mfaSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  const personOf = (role: Role): Actor => ({ userId: ctx.users.get(role)!.id, label: role, assignments: [], clientAddress: null, via: 'session', clearance: 'offen' });
  async function plantRecoveryCode(role: Role): Promise<string> {
    const code = `matrix-${role}-${Math.random().toString(36).slice(2, 8)}`;
    await ctx.t.db.database.db.insertInto('user_recovery_code').values({
      id: crypto.randomUUID(), user_id: ctx.users.get(role)!.id, code_hash: recoveryCodeHash(code), used_at: null, created_at: new Date().toISOString(),
    }).execute();
    return code;
  }
  return {
    'GET /api/mfa': async () => ({ method: 'GET', path: '/api/mfa' }),
    'POST /api/mfa/enrolment': async () => ({ method: 'POST', path: '/api/mfa/enrolment' }),
    'POST /api/mfa/enrolment/confirm': async (role) => {
      const { secret } = await ctx.t.services.mfa.startEnrolment(personOf(role));
      return { method: 'POST', path: '/api/mfa/enrolment/confirm', body: { code: totpCode(secret, Date.now()) } };
    },
    'POST /api/mfa/recovery-codes': async (role) => ({ method: 'POST', path: '/api/mfa/recovery-codes', body: { code: await plantRecoveryCode(role) } }),
    'POST /api/mfa/disable': async (role) => ({ method: 'POST', path: '/api/mfa/disable', body: { password: TEST_PASSWORD, code: await plantRecoveryCode(role) } }),
    'POST /api/mfa/users/:id/reset': async () => {
      await ctx.t.db.database.db.deleteFrom('user_totp').where('user_id', '=', ctx.targetUserId).execute();
      await ctx.t.db.database.db.insertInto('user_totp').values({ user_id: ctx.targetUserId, secret: 'JBSWY3DPEHPK3PXP', confirmed_at: new Date().toISOString(), last_step: null, created_at: new Date().toISOString() }).execute();
      return { method: 'POST', path: `/api/mfa/users/${ctx.targetUserId}/reset` };
    },
    'GET /api/security/mfa-policy': async () => ({ method: 'GET', path: '/api/security/mfa-policy' }),
    'PUT /api/security/mfa-policy': async () => ({ method: 'PUT', path: '/api/security/mfa-policy', body: { requiredForAdmins: false } }),
  };
}
