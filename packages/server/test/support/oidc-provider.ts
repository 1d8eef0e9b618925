import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`, dev interactions: any login and password are accepted) on a random
 * loopback port, for API and browser tests. The login is the account id; `accounts` gives each account's claims.
 */
export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUris: string[], accounts: Record<string, TestAccount>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const clientId = 'konform';
  const clientSecret = 'konform-test-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    findAccount: (_ctx, id) => {
      const account = accounts[id] ?? { email: `${id}@idp.example`, name: id, groups: [] };
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }) };
    },
  });
  const handler = provider.callback();
  server.on('request', (req, res) => void handler(req, res));
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A cookie jar per host (ports ignored, as browsers do), enough for driving the code flow with fetch. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/**
 * Follows redirects by hand from `url`, submitting the provider's login form as `login` and its consent form, until
 * a redirect leaves for `stopAt` (Konform's callback handled, or anything not on the provider). Returns the last
 * response and the URL it came from.
 */
export async function driveCodeFlow(url: string, jar: CookieJar, login: string, stopAt: (url: string) => boolean): Promise<{ url: string; res: Response }> {
  let current = url;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(current, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() } });
    jar.store(res);
    init = {};
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, current).href;
      await res.arrayBuffer();
      if (stopAt(current)) return { url: current, res };
      current = next;
      continue;
    }
    if (stopAt(current)) return { url: current, res };
    const html = await res.text();
    // The provider's pages are forms: login (any login, any password), consent, and the account-switch confirmation.
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) return { url: current, res: new Response(html, { status: res.status, headers: res.headers }) };
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) form.set(m[1]!, m[2]!);
    if (html.includes('name="login"')) { form.set('login', login); form.set('password', 'any'); }
    current = new URL(action.replaceAll('&amp;', '&'), current).href;
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('The code flow did not finish in 20 steps');
}
