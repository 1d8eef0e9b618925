import type { MatrixContext, SampleFactory } from './context.js';

/** Single sign-on: the configuration (administrators), the sign-in status, and the redirecting sign-in routes. */
export function ssoSamples(ctx: MatrixContext): Record<string, SampleFactory> {
  // Switched off, the configuration saves without asking a provider; the sign-in routes then send the browser back.
  const config = { enabled: false, displayName: 'IdP', issuer: 'https://idp.example.org/realms/konform', clientId: 'konform', mappings: [], localLogin: 'on', breakGlassEmails: [] };
  return {
    'GET /api/security/sso': async () => ({ method: 'GET', path: '/api/security/sso' }),
    'PUT /api/security/sso': async () => ({ method: 'PUT', path: '/api/security/sso', body: { ...config, version: (await ctx.t.db.database.db.selectFrom('sso_config').select('version').executeTakeFirst())?.version ?? 0 } }),
    'GET /api/auth/sso': async () => ({ method: 'GET', path: '/api/auth/sso' }),
    'GET /api/auth/sso/start': async () => ({ method: 'GET', path: '/api/auth/sso/start', redirects: true }),
    'GET /api/auth/sso/callback': async () => ({ method: 'GET', path: '/api/auth/sso/callback?error=access_denied&state=unknown', redirects: true }),
    'GET /api/auth/sso/reauth': async () => ({ method: 'GET', path: '/api/auth/sso/reauth', redirects: true }),
  };
}
