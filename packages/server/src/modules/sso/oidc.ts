import * as client from 'openid-client';
import { invalid } from '../../http/errors.js';

/**
 * The relying-party side of OpenID Connect, through `openid-client` (certified RP library). Plain http is allowed only
 * for a provider on the loopback interface (tests, a provider on the same host); anything else must be https.
 */
export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const DISCOVERY_TIMEOUT_S = 10;

function executeFor(issuer: URL) {
  const run: ((config: client.Configuration) => void)[] = [client.enableNonRepudiationChecks];
  if (issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)) run.push(client.allowInsecureRequests);
  return run;
}

/** Discovery (`.well-known/openid-configuration`) plus the client's credentials; ID token signatures are checked against the JWKS. */
export async function discover(settings: ProviderSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
  return client.discovery(issuer, settings.clientId, settings.clientSecret ? { client_secret: settings.clientSecret } : undefined, auth, {
    execute: executeFor(issuer),
    timeout: DISCOVERY_TIMEOUT_S,
  });
}

/** Discovery when saving: an unreachable or non-conforming issuer is a 400 naming `issuer`. */
export async function assertDiscoverable(settings: ProviderSettings): Promise<void> {
  const issuer = new URL(settings.issuer);
  if (issuer.protocol !== 'https:' && !LOOPBACK.has(issuer.hostname)) throw invalid('issuer', 'The issuer must use https');
  try {
    await discover(settings);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw invalid('issuer', `The provider's .well-known/openid-configuration could not be read or does not match the issuer (${reason})`);
  }
}

/** One configuration per provider settings, reused between sign-ins (it caches the JWKS). */
export class ProviderCache {
  private cached: { key: string; config: Promise<client.Configuration> } | null = null;

  get(settings: ProviderSettings, key: string): Promise<client.Configuration> {
    if (this.cached?.key !== key) {
      const config = discover(settings);
      // A failed discovery is retried on the next sign-in, not cached.
      config.catch(() => { if (this.cached?.config === config) this.cached = null; });
      this.cached = { key, config };
    }
    return this.cached.config;
  }
}

export { client };
