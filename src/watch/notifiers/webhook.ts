import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Alert } from '../../core/alert.ts';
import { type Clock, realSleep, type Sleeper, systemClock } from '../clock.ts';
import type { Delivery, DeliveryAttempt, Notifier } from './notifier.ts';

export const SIGNATURE_HEADER = 'x-vigil-signature';

export interface WebhookOptions {
  url: string;
  /** Shared secret for the HMAC-SHA256 signature. */
  secret: string;
  maxAttempts?: number;
  /** First retry waits this long, then twice as long each time, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  clock?: Clock;
  sleep?: Sleeper;
  fetch?: typeof fetch;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; the timestamp stops replays. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

/** For receivers (and tests): true when the header matches the body and is recent enough. */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSec - t) > toleranceSec) return false;
  const want = Buffer.from(signWebhook(secret, t, body).split('v1=')[1], 'hex');
  return timingSafeEqual(want, Buffer.from(m[2], 'hex'));
}

/** Delay before retry number `retry` (1-based). */
export function backoffDelay(retry: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** (retry - 1));
}

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;
  readonly target: string;
  private readonly o: Required<WebhookOptions>;

  constructor(opts: WebhookOptions) {
    this.o = {
      maxAttempts: 5,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      timeoutMs: 10_000,
      clock: systemClock,
      sleep: realSleep,
      fetch: globalThis.fetch,
      ...opts,
    };
    this.target = opts.url;
  }

  async deliver(alert: Alert, signal?: AbortSignal): Promise<Delivery> {
    const body = JSON.stringify({ type: 'vigil.alert', alert });
    const attempts: DeliveryAttempt[] = [];
    for (let n = 1; n <= this.o.maxAttempts; n++) {
      if (n > 1) await this.o.sleep(backoffDelay(n - 1, this.o.baseDelayMs, this.o.maxDelayMs), signal);
      if (signal?.aborted) break;
      const now = this.o.clock.now();
      const at = new Date(now).toISOString();
      try {
        const res = await this.o.fetch(this.o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhook(this.o.secret, Math.floor(now / 1000), body),
            'x-vigil-alert-id': alert.id,
            'x-vigil-attempt': String(n),
          },
          body,
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        const ok = res.status >= 200 && res.status < 300;
        attempts.push({ at, ok, status: res.status });
        if (ok || !retryable(res.status)) break;
      } catch (e) {
        attempts.push({ at, ok: false, error: (e as Error).message });
      }
    }
    return { alertId: alert.id, channel: 'webhook', target: this.target, ok: attempts.at(-1)?.ok === true, attempts };
  }
}
