import type { Problem } from '@konform/core';
import { ApiError } from './api-error';

export { ApiError, isApiError, fieldErrorsOf } from './api-error';

let csrfToken: string | null = null;
let unauthorizedListener: ((problem: Problem) => void) | null = null;
let languageProvider: () => string = () => 'de';

/** The session's CSRF token, sent with every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a request made while signed in, with its problem (`sessionEnded` says why). */
export function onUnauthorized(listener: ((problem: Problem) => void) | null): void {
  unauthorizedListener = listener;
}

export function setLanguageProvider(provider: () => string): void {
  languageProvider = provider;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        ...(body.detail === undefined ? {} : { detail: body.detail }),
        ...(body.code === undefined ? {} : { code: body.code }),
        ...(body.errors === undefined ? {} : { errors: body.errors }),
        ...(body.retryAt === undefined ? {} : { retryAt: body.retryAt }),
        ...(body.sessionEnded === undefined ? {} : { sessionEnded: body.sessionEnded }),
      };
    } catch {
      // fall through to a generic problem
    }
  }
  return { type: 'about:blank', title: response.statusText, status: response.status };
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': languageProvider(),
  };
  const multipart = body instanceof FormData;
  // A Blob (a file sent as it is) keeps its bytes; its type names the content.
  const bytes = body instanceof Blob;
  if (bytes) headers['Content-Type'] = body.type || 'application/octet-stream';
  else if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : multipart || bytes ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0, code: 'network' });
  }

  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !path.startsWith('/auth/')) unauthorizedListener?.(problem);
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` first), or null. */
export function filenameOf(disposition: string | null): string | null {
  if (disposition === null) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall back to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** GET a file: its bytes and the server's file name; a refusal throws an ApiError with the problem document. */
async function fetchFile(path: string): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers: { 'Accept-Language': languageProvider() }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0, code: 'network' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) unauthorizedListener?.(problem);
    throw new ApiError(response.status, problem);
  }
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) };
}

/** A small typed client for the Konform REST API under /api. */
export const api = {
  get: <T>(path: string, params?: QueryParams) => request<T>('GET', withQuery(path, params)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  /** multipart/form-data (file uploads); the browser sets the boundary. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** The raw bytes of a file as the body (the content type is the file's, else application/octet-stream). */
  sendFile: <T>(path: string, file: Blob) => request<T>('POST', path, file),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** A file to save (exports): errors arrive as problem documents, so the page can explain them. */
  getFile: (path: string, params?: QueryParams) => fetchFile(withQuery(path, params)),
};
