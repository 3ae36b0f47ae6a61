import { UsageError } from '../errors.ts';
import { type AllowList, parseAllowList } from './address-policy.ts';
import { FetchNetworkError, FetchTimeoutError, HttpStatusError, RateLimitedError } from './errors.ts';
import { type FetchedResponse, type GuardOptions, guardedFetch } from './fetch-guard.ts';
import { HostLimiter } from './host-limiter.ts';
import { backoffMs, retryAfterMs } from './retry-after.ts';

export const DEFAULT_USER_AGENT =
  'Vigil/0.1 (crisis monitoring; operators set VIGIL_USER_AGENT to name themselves and a contact)';

export interface PoliteOptions {
  allow: AllowList;
  userAgent: string;
  /** Spacing between two requests to one host (default 1 s). */
  minIntervalMs: number;
  /** Tries after the first for 5xx and network failures (default 3). */
  retries: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A Retry-After up to this long is waited out in place; a longer one throws RateLimitedError. */
  maxWaitMs: number;
  timeoutMs: number;
  maxBytes: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
}

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onRedirect?: GuardOptions['onRedirect'];
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Options from the environment: VIGIL_FETCH_ALLOW, VIGIL_USER_AGENT and VIGIL_FETCH_INTERVAL_MS (per-host spacing). */
export function politeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<PoliteOptions> {
  const interval = env.VIGIL_FETCH_INTERVAL_MS?.trim();
  if (interval && !/^\d+$/.test(interval))
    throw new UsageError(`VIGIL_FETCH_INTERVAL_MS: expected milliseconds, got "${interval}"`, interval);
  return {
    allow: parseAllowList(env.VIGIL_FETCH_ALLOW),
    ...(env.VIGIL_USER_AGENT?.trim() ? { userAgent: env.VIGIL_USER_AGENT.trim() } : {}),
    ...(interval ? { minIntervalMs: Number(interval) } : {}),
  };
}

/**
 * The one way Vigil fetches user-supplied URLs: the address guard of guardedFetch, plus per-host
 * spacing, Retry-After on 429 (and 503), and exponential backoff with jitter on 5xx and network failures.
 * Statuses other than 429 and 5xx are returned to the caller (a 404 can mean "deleted").
 */
export class PoliteFetcher {
  readonly options: PoliteOptions;
  private readonly limiter: HostLimiter;

  constructor(options: Partial<PoliteOptions> = {}) {
    this.options = {
      allow: [],
      userAgent: DEFAULT_USER_AGENT,
      minIntervalMs: 1000,
      retries: 3,
      backoffBaseMs: 1000,
      backoffCapMs: 60_000,
      maxWaitMs: 60_000,
      timeoutMs: 30_000,
      maxBytes: 10 * 1024 * 1024,
      random: Math.random,
      sleep: abortableSleep,
      now: Date.now,
      ...options,
    };
    this.limiter = new HostLimiter(this.options.minIntervalMs, this.options.now);
  }

  async get(url: string, opts: GetOptions = {}): Promise<FetchedResponse> {
    const o = this.options;
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      const wait = this.limiter.reserve(host);
      if (wait > 0) await o.sleep(wait, opts.signal);
      let res: FetchedResponse;
      try {
        res = await guardedFetch(url, {
          allow: o.allow,
          userAgent: o.userAgent,
          maxBytes: o.maxBytes,
          timeoutMs: o.timeoutMs,
          headers: opts.headers,
          signal: opts.signal,
          onRedirect: opts.onRedirect,
        });
      } catch (err) {
        const retriable = err instanceof FetchNetworkError || err instanceof FetchTimeoutError;
        if (!retriable || attempt >= o.retries || opts.signal?.aborted) throw err;
        await o.sleep(backoffMs(attempt, o.backoffBaseMs, o.backoffCapMs, o.random), opts.signal);
        continue;
      }
      // X (Twitter) answers 429 with x-rate-limit-reset (epoch seconds) instead of Retry-After.
      // One reading of the clock, so "until the reset" is the reset itself, not a millisecond past it.
      const now = o.now();
      const reset = Number(res.headers['x-rate-limit-reset']);
      const after =
        retryAfterMs(res.headers['retry-after'], now) ??
        (res.status === 429 && reset > 0 ? Math.max(0, reset * 1000 - now) : undefined);
      if (res.status === 429 || (res.status === 503 && after !== undefined)) {
        const waitMs = after ?? backoffMs(attempt, o.backoffBaseMs, o.backoffCapMs, o.random);
        this.limiter.blockUntil(host, now + waitMs);
        if (waitMs > o.maxWaitMs || attempt >= o.retries) throw new RateLimitedError(url, new Date(now + waitMs));
        continue;
      }
      if (res.status >= 500) {
        if (attempt >= o.retries) throw new HttpStatusError(res.status, url, res.statusText);
        await o.sleep(backoffMs(attempt, o.backoffBaseMs, o.backoffCapMs, o.random), opts.signal);
        continue;
      }
      return res;
    }
  }

  /** When `url`'s host may next be asked (ms epoch). */
  nextSlot(url: string): number {
    return this.limiter.nextSlot(new URL(url).host);
  }
}
