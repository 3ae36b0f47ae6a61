/** The dashboard's only way to the server: same origin, session cookie, CSRF header on mutations. */

let csrf: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrf(token: string | undefined) {
  csrf = token;
}

export function whenUnauthorized(fn: () => void) {
  onUnauthorized = fn;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(path: string, opts: { method?: string; body?: unknown; query?: Query } = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(withQuery(path, opts.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/login' && path !== '/api/setup') onUnauthorized?.();
    throw new ApiError(res.status, data?.error ?? 'error', data?.message ?? res.statusText);
  }
  return data as T;
}

export interface Me {
  username: string;
  role: 'admin' | 'analyst' | 'viewer';
  via: 'session' | 'token';
  csrf?: string;
}

export interface Hit {
  id: string;
  platform: string;
  author: { id: string; handle?: string; displayName?: string };
  postedAt: string;
  text: string;
  lang?: string;
  snippet: string;
  /** Text around the matches and where they are in it (search results only). */
  excerpt?: string;
  marks?: { start: number; end: number }[];
  score?: number;
  category?: string;
  categorySource?: 'person' | 'model' | 'keywords';
  media?: { sha256?: string; mime?: string; graphic?: boolean; url?: string }[];
}

/** A POST whose answer is a file (a digest in Markdown or PDF): the bytes and the response headers. */
export async function apiFile(path: string, body: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!res.ok) {
    const data = await res.json().catch(() => undefined);
    if (res.status === 401) onUnauthorized?.();
    throw new ApiError(res.status, data?.error ?? 'error', data?.message ?? res.statusText);
  }
  return { blob: await res.blob(), headers: res.headers };
}
