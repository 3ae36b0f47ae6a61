import { FetchRefusedError, RateLimitedError } from '../../core/net/errors.ts';
import { AuthNeededError } from '../../sources/live/errors.ts';
import type { SourceHealth } from '../../store/queries/live.ts';

/** Failures in a row before a follow counts as failing rather than degraded. */
export const FAILING_AFTER = 3;
const MAX_RETRY_MS = 60 * 60_000;

export function healthAfterSuccess(
  key: string,
  now: Date,
  intervalMs: number,
  rejected: { count: number; first?: string },
): SourceHealth {
  return {
    followKey: key,
    state: rejected.count > 0 ? 'degraded' : 'ok',
    lastSuccessAt: now.toISOString(),
    ...(rejected.count > 0
      ? { lastError: `${rejected.count} item(s) unreadable, e.g. ${rejected.first}`, lastErrorAt: now.toISOString() }
      : {}),
    nextTryAt: new Date(now.getTime() + intervalMs).toISOString(),
    failures: 0,
    updatedAt: now.toISOString(),
  };
}

/** State after a failed round: auth_needed and rate_limited by cause, then degraded, then failing. */
export function healthAfterFailure(
  key: string,
  err: unknown,
  prev: SourceHealth | undefined,
  now: Date,
  intervalMs: number,
): SourceHealth {
  const failures = (prev?.failures ?? 0) + 1;
  const message = err instanceof Error ? err.message : String(err);
  let state: SourceHealth['state'] = failures >= FAILING_AFTER ? 'failing' : 'degraded';
  let next = now.getTime() + Math.min(MAX_RETRY_MS, intervalMs * 2 ** (failures - 1));
  if (err instanceof AuthNeededError) state = 'auth_needed';
  else if (err instanceof FetchRefusedError) state = 'failing';
  else if (err instanceof RateLimitedError) {
    state = 'rate_limited';
    next = err.retryAt.getTime();
  }
  return {
    followKey: key,
    state,
    ...(prev?.lastSuccessAt ? { lastSuccessAt: prev.lastSuccessAt } : {}),
    lastError: message,
    lastErrorAt: now.toISOString(),
    nextTryAt: new Date(next).toISOString(),
    failures,
    updatedAt: now.toISOString(),
  };
}
