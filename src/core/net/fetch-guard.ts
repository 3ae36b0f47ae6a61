import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { type AllowList, refusalReason } from './address-policy.ts';
import { FetchNetworkError, FetchRefusedError, FetchTimeoutError, FetchTooLargeError } from './errors.ts';

export interface GuardOptions {
  allow: AllowList;
  userAgent: string;
  /** Largest body accepted (default 10 MiB). */
  maxBytes?: number;
  /** Whole request, redirects included (default 30 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sees each redirect answer before it is followed (evidence capture keeps every hop). */
  onRedirect?: (hop: Omit<FetchedResponse, 'requestedUrl'>) => void;
}

/** One answer as received: what provenance needs to point at the raw response. */
export interface FetchedResponse {
  /** Address asked for first. */
  requestedUrl: string;
  /** Address that answered (after redirects). */
  url: string;
  status: number;
  statusText: string;
  /** Lowercase names; repeated headers joined with ", " (set-cookie dropped: no cookies are kept). */
  headers: Record<string, string>;
  body: Buffer;
  /** When the answer was complete (ISO 8601, UTC). */
  fetchedAt: string;
  /** The HTTP version and raw header lines, for the record kept as a blob. */
  httpVersion: string;
  rawHeaders: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A DNS lookup that drops refused addresses, so the check holds for the address actually connected to. */
export function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const ok = addresses.filter((a) => refusalReason(a.address, allow) === undefined);
      if (ok.length === 0) {
        const why = refusalReason(addresses[0]?.address ?? '', allow) ?? 'no address';
        const e = Object.assign(new Error(`${hostname} resolves to ${why}`), { code: 'EVIGILREFUSED' });
        return callback(e, '', 4);
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
      else callback(null, ok[0].address, ok[0].family);
    });
  };
}

/** Refuses a URL before any connection: wrong scheme, or an IP literal outside the allowed ranges. */
export function checkUrl(url: URL, allow: AllowList): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(`only http and https addresses can be fetched, not ${url.protocol}`, url.href);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const why = refusalReason(host, allow);
    if (why) throw new FetchRefusedError(`refused ${url.href}: ${why}`, url.href);
  }
}

/**
 * GET a user-supplied URL safely: the address is checked after DNS resolution and again on every
 * redirect; the body is capped; the whole exchange has a deadline; no cookies are sent or kept.
 * Every status is returned (callers decide); only transport problems throw.
 */
export async function guardedFetch(target: string, opts: GuardOptions): Promise<FetchedResponse> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  let url = new URL(target);
  for (let hop = 0; ; hop++) {
    checkUrl(url, opts.allow);
    const res = await requestOnce(url, opts, maxBytes, signal, () => deadline.aborted, timeoutMs);
    const location = res.headers.location;
    if (REDIRECTS.has(res.status) && location) {
      if (hop >= (opts.maxRedirects ?? 5))
        throw new FetchNetworkError(`too many redirects (last to ${location})`, target);
      opts.onRedirect?.(res);
      url = new URL(location, url);
      continue;
    }
    return { ...res, requestedUrl: target };
  }
}

function requestOnce(
  url: URL,
  opts: GuardOptions,
  maxBytes: number,
  signal: AbortSignal,
  timedOut: () => boolean,
  timeoutMs: number,
): Promise<Omit<FetchedResponse, 'requestedUrl'>> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (err: Error & { code?: string }) => {
      if (timedOut())
        reject(new FetchTimeoutError(`no complete answer from ${url.href} within ${timeoutMs} ms`, url.href));
      else if (err.code === 'EVIGILREFUSED')
        reject(new FetchRefusedError(`refused ${url.href}: ${err.message}`, url.href));
      else if (err instanceof FetchTooLargeError) reject(err);
      else if (signal.aborted) reject(new FetchNetworkError(`request to ${url.href} was cancelled`, url.href));
      else reject(new FetchNetworkError(`${url.href}: ${err.message}`, url.href));
    };
    const req = mod.request(url, {
      method: 'GET',
      agent: false,
      lookup: guardedLookup(opts.allow),
      signal,
      headers: { accept: '*/*', ...opts.headers, 'user-agent': opts.userAgent, 'accept-encoding': 'identity' },
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        const err = new FetchTooLargeError(
          `${url.href} declares ${declared} bytes, over the ${maxBytes} cap`,
          url.href,
        );
        reject(err);
        req.destroy(err);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          const err = new FetchTooLargeError(`${url.href} sent more than the ${maxBytes}-byte cap`, url.href);
          reject(err);
          req.destroy(err);
          return;
        }
        chunks.push(c);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('the connection closed before the answer was complete')));
      res.on('end', () => {
        if (!res.complete) return fail(new Error('the connection closed before the answer was complete'));
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (k === 'set-cookie' || v === undefined) continue;
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        const rawHeaders: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i].toLowerCase() !== 'set-cookie')
            rawHeaders.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({
          url: url.href,
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers,
          body: Buffer.concat(chunks),
          fetchedAt: new Date().toISOString(),
          httpVersion: res.httpVersion,
          rawHeaders,
        });
      });
    });
    req.end();
  });
}
