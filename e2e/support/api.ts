import type { Page } from 'playwright-core';

/** Calls the API with the page's session cookie and CSRF token, to arrange test data quickly. */
export async function apiFor(page: Page, baseUrl: string) {
  const me = await page.request.get(`${baseUrl}/api/auth/me`);
  if (!me.ok()) throw new Error(`GET /api/auth/me answered ${me.status()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const send = async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> => {
    const response = await page.request.fetch(`${baseUrl}/api${path}`, { method, data: body, headers: { 'X-CSRF-Token': csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
    put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  };
}
