/**
 * The console's one way to the API: typed by the generated OpenAPI paths, authenticated with the
 * session's access token, refreshed once with the refresh token when the server says 401, and
 * turning every failure into an ApiError whose message is the server's own (readable) message.
 */
import type { paths } from './schema';
import type { Session } from './types';
import { session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'get' | 'post' | 'patch' | 'delete';
/** Paths that have an operation for `M`. */
export type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];
type Op<P extends keyof paths, M extends Method> = paths[P][M];
type ParamsOf<O> = O extends { parameters: infer X } ? X : never;
type QueryOf<O> = ParamsOf<O> extends { query?: infer Q } ? Q : never;
type PathParamsOf<O> = ParamsOf<O> extends { path: infer X } ? X : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type CsvBodyOf<O> = O extends { requestBody: { content: { 'text/csv': infer B } } } ? B : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : void;
type ResultOf<O> = O extends { responses: infer R } ? (R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : void) : never;

export interface RequestOptions<O> {
  path?: PathParamsOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  signal?: AbortSignal;
}

type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export function buildUrl(template: string, pathParams?: unknown, query?: unknown): string {
  let url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((pathParams as Record<string, unknown> | undefined)?.[name] ?? '')));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, QueryValue>)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.set(key, String(value));
  }
  if (search.size) url += `?${search}`;
  return url;
}

/** Called once when the session is gone for good (refresh refused): the app sends the user to login. */
let onSessionLost: () => void = () => undefined;
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

/** A request body as sent: its media type and its text (JSON already serialised). */
interface Payload {
  contentType: string;
  text: string;
}

const json = (body: unknown): Payload | undefined => (body === undefined ? undefined : { contentType: 'application/json', text: JSON.stringify(body) });

async function send(method: string, url: string, payload: Payload | undefined, signal: AbortSignal | undefined, accept: string): Promise<Response> {
  const token = session.get()?.accessToken;
  const headers: Record<string, string> = { accept };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload) headers['content-type'] = payload.contentType;
  let response: Response;
  try {
    response = await fetch(url, { method: method.toUpperCase(), headers, body: payload?.text, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', 'Cannot reach the Muster server. Check your connection and try again.');
  }
  // An expired (or otherwise refused) access token: refresh once and replay the request.
  if (response.status === 401 && token && !/^\/api\/v1\/auth\/(login|accept-invite|refresh)/.test(url)) {
    if (await refreshSession(token)) return send(method, url, payload, signal, accept);
    onSessionLost();
    throw new ApiError(401, 'session_expired', 'Your session has expired. Log in again.');
  }
  return response;
}

async function toError(response: Response): Promise<ApiError> {
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (parsed.error?.message) return new ApiError(response.status, parsed.error.code ?? 'error', parsed.error.message, parsed.error.details);
  } catch {
    // Not our JSON (a proxy's error page): fall through to the status line.
  }
  return new ApiError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}`.trim());
}

export async function request<M extends Method, P extends PathWith<M>>(method: M, path: P, options: RequestOptions<Op<P, M>> = {}): Promise<ResultOf<Op<P, M>>> {
  const response = await send(method, buildUrl(path, options.path, options.query), json(options.body), options.signal, 'application/json');
  return result<ResultOf<Op<P, M>>>(response);
}

async function result<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Paths whose POST takes a text/csv body (the typed `api` sends only JSON). */
export type CsvPostPath = { [P in PathWith<'post'>]: [CsvBodyOf<Op<P, 'post'>>] extends [never] ? never : P }[PathWith<'post'>];

/**
 * POSTs CSV text as `text/csv` (a CSV import), with the same authentication, refresh-and-replay
 * and error handling as every other request; the answer is the route's JSON.
 */
export async function postCsv<P extends CsvPostPath>(path: P, csv: string, options: Pick<RequestOptions<Op<P, 'post'>>, 'path' | 'query' | 'signal'> = {}): Promise<ResultOf<Op<P, 'post'>>> {
  const response = await send('post', buildUrl(path, options.path, options.query), { contentType: 'text/csv', text: csv }, options.signal, 'application/json');
  return result<ResultOf<Op<P, 'post'>>>(response);
}

export const api = {
  get: <P extends PathWith<'get'>>(path: P, options?: RequestOptions<Op<P, 'get'>>) => request('get', path, options),
  // Routes taking CSV are posted with postCsv: this client would send them no body at all.
  post: <P extends Exclude<PathWith<'post'>, CsvPostPath>>(path: P, options?: RequestOptions<Op<P, 'post'>>) => request('post', path, options),
  patch: <P extends PathWith<'patch'>>(path: P, options?: RequestOptions<Op<P, 'patch'>>) => request('patch', path, options),
  delete: <P extends PathWith<'delete'>>(path: P, options?: RequestOptions<Op<P, 'delete'>>) => request('delete', path, options),
};

/** Fetches a CSV export with the session's token and hands it to the browser as a download. */
export async function downloadCsv<P extends PathWith<'get'>>(path: P, options: Pick<RequestOptions<Op<P, 'get'>>, 'path' | 'query'>, filename: string): Promise<void> {
  const response = await send('get', buildUrl(path, options.path, { ...(options.query as Record<string, unknown> | undefined), format: 'csv' }), undefined, undefined, 'text/csv');
  if (!response.ok) throw await toError(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let refreshing: Promise<boolean> | undefined;

/**
 * Exchanges the refresh token for a new session, once for all the requests that failed together.
 * Refresh tokens rotate and a reused one revokes the whole login, so tabs take turns through a
 * Web Lock, and a tab that finds the session already renewed by another simply uses it.
 */
export function refreshSession(failedAccessToken: string): Promise<boolean> {
  refreshing ??= (async () => {
    const run = async (): Promise<boolean> => {
      const current = session.get();
      if (!current) return false;
      if (current.accessToken !== failedAccessToken) return true;
      try {
        const response = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        });
        if (!response.ok) {
          session.clear();
          return false;
        }
        session.set((await response.json()) as Session);
        return true;
      } catch {
        return false;
      }
    };
    return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('muster-session-refresh', run) : run();
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** A current access token for EventSource (which cannot refresh on 401 by itself). */
export async function freshAccessToken(): Promise<string | undefined> {
  const current = session.get();
  if (!current) return undefined;
  if (current.expiresAt - Date.now() > 30_000) return current.accessToken;
  return (await refreshSession(current.accessToken)) ? session.get()?.accessToken : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
