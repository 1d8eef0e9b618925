/** A tiny HTTP client over real sockets that keeps the session cookie and CSRF token like a browser would. */
export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export class TestClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    // FormData (multipart uploads) brings its own content type with the boundary; strings are sent as they are.
    const raw = typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array;
    if (body !== undefined && !(body instanceof FormData) && !('content-type' in h)) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    this.storeCookies(res.headers.getSetCookie());
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    // A new session (login) brings its own CSRF token, as in the browser.
    const csrf = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (res.ok && typeof csrf === 'string' && csrf) this.csrfToken = csrf;
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** Keeps every cookie by name like a browser (a response may set several, e.g. the single sign-on state); an empty value deletes. */
  private storeCookies(lines: string[]): void {
    if (lines.length === 0) return;
    const jar = new Map((this.cookie ?? '').split('; ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair] as const));
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (pair.endsWith('=')) jar.delete(name);
      else jar.set(name, pair);
    }
    this.cookie = jar.size > 0 ? [...jar.values()].join('; ') : null;
  }

  /** A GET whose body is read by the caller (downloads): the raw fetch Response. */
  async fetch(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    return fetch(this.baseUrl + path, { headers: h, redirect: 'manual' });
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }

  async login(email: string, password: string): Promise<Reply<any>> {
    return this.post('/api/auth/login', { email, password });
  }
}
