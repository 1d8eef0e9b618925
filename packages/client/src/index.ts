/**
 * @konform/client: a small typed fetch wrapper for the Konform API. Paths, parameters, bodies and answers are typed by
 * `src/schema.ts`, which openapi-typescript generates from the server's OpenAPI document (docs/api/openapi.json).
 */
import type { paths } from './schema.js';

export type { paths, components } from './schema.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One field the server named in a problem document (`path` is dotted, e.g. `roles.0`). */
export interface ProblemError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document, as the Konform API sends every error. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

/** An answer other than 2xx, with the server's problem document. */
export class KonformProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ProblemError[];
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.detail ?? problem.title);
    this.name = 'KonformProblem';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }
}

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The paths that have an operation for the method. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

type Parameters<O> = O extends { parameters: infer X } ? X : never;
type PathParameters<O> = Parameters<O> extends { path: infer X } ? X : never;
type QueryParameters<O> = Parameters<O> extends { query?: infer X } ? X : never;
type JsonBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type MultipartBody<O> = O extends { requestBody?: { content: { 'multipart/form-data': unknown } } } ? FormData : never;
type RequestBody<O> = [JsonBody<O>] extends [never] ? MultipartBody<O> : JsonBody<O>;
type BodyRequired<O> = O extends { requestBody: unknown } ? true : false;

type SuccessStatus = 200 | 201 | 202 | 204;
/** The JSON the operation answers with on success (`undefined` for 204, `unknown` for files). */
export type SuccessBody<O> = O extends { responses: infer R }
  ? {
      [S in keyof R & SuccessStatus]: R[S] extends { content: { 'application/json': infer T } } ? T : S extends 204 ? undefined : unknown;
    }[keyof R & SuccessStatus]
  : never;

/** What one call takes besides its path: path parameters, query, body and extra headers. */
export type RequestOptions<O> = ([PathParameters<O>] extends [never] ? { path?: undefined } : { path: PathParameters<O> }) &
  ([QueryParameters<O>] extends [never] ? { query?: undefined } : { query?: QueryParameters<O> }) &
  ([RequestBody<O>] extends [never] ? { body?: undefined } : BodyRequired<O> extends true ? { body: RequestBody<O> } : { body?: RequestBody<O> }) & {
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };

type NeedsOptions<O> = [PathParameters<O>] extends [never] ? ([RequestBody<O>] extends [never] ? false : BodyRequired<O>) : true;
type OptionsArgument<O> = NeedsOptions<O> extends true ? [options: RequestOptions<O>] : [options?: RequestOptions<O>];

export interface KonformClientOptions {
  /** Where Konform runs, e.g. `https://konform.example.org` (without `/api`). */
  baseUrl: string;
  /** An API token (account page → API tokens); sent as `Authorization: Bearer …`. */
  token: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

export interface KonformClient {
  get<P extends PathsWith<'get'>>(path: P, ...options: OptionsArgument<Operation<P, 'get'>>): Promise<SuccessBody<Operation<P, 'get'>>>;
  post<P extends PathsWith<'post'>>(path: P, ...options: OptionsArgument<Operation<P, 'post'>>): Promise<SuccessBody<Operation<P, 'post'>>>;
  put<P extends PathsWith<'put'>>(path: P, ...options: OptionsArgument<Operation<P, 'put'>>): Promise<SuccessBody<Operation<P, 'put'>>>;
  patch<P extends PathsWith<'patch'>>(path: P, ...options: OptionsArgument<Operation<P, 'patch'>>): Promise<SuccessBody<Operation<P, 'patch'>>>;
  delete<P extends PathsWith<'delete'>>(path: P, ...options: OptionsArgument<Operation<P, 'delete'>>): Promise<SuccessBody<Operation<P, 'delete'>>>;
  /** Any call as a plain fetch Response (downloads: PDF, ZIP, XLSX); a problem still throws a KonformProblem. */
  raw(method: Method, path: string, options?: UntypedOptions): Promise<Response>;
}

interface UntypedOptions {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `/api/systems/{id}` with `{ id: 'x' }` → `/api/systems/x`; a missing parameter is an error, not a request to the wrong URL. */
export function fillPath(template: string, parameters: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new TypeError(`The path ${template} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemFrom(response: Response): Promise<KonformProblem> {
  const text = await response.text();
  let document: Partial<ProblemDocument> = {};
  try {
    document = JSON.parse(text) as Partial<ProblemDocument>;
  } catch {
    document = { detail: text.slice(0, 500) || undefined };
  }
  return new KonformProblem({
    ...document,
    type: typeof document.type === 'string' ? document.type : 'about:blank',
    title: typeof document.title === 'string' ? document.title : response.statusText || `HTTP ${response.status}`,
    status: response.status,
    errors: Array.isArray(document.errors) ? document.errors : [],
  });
}

/** A client for one Konform instance, acting with one API token. */
export function createKonformClient(options: KonformClientOptions): KonformClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function raw(method: Method, path: string, request: UntypedOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*', ...request.headers, authorization: `Bearer ${options.token}` };
    let body: FormData | string | undefined;
    if (request.body instanceof FormData) {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const response = await doFetch(`${base}${fillPath(path, request.path)}${queryString(request.query)}`, { method: method.toUpperCase(), headers, body, signal: request.signal });
    if (!response.ok) throw await problemFrom(response);
    return response;
  }

  async function call(method: Method, path: string, request?: UntypedOptions): Promise<unknown> {
    const response = await raw(method, path, request);
    if (response.status === 204) return undefined;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) return response.json();
    if (type.startsWith('text/')) return response.text();
    return response.arrayBuffer();
  }

  const typed = (method: Method) => (path: string, request?: UntypedOptions) => call(method, path, request);
  return {
    get: typed('get'),
    post: typed('post'),
    put: typed('put'),
    patch: typed('patch'),
    delete: typed('delete'),
    raw,
  } as KonformClient;
}
