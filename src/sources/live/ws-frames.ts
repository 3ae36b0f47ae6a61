import WebSocket from 'ws';
import type { AllowList } from '../../core/net/address-policy.ts';
import { FetchNetworkError, FetchRefusedError } from '../../core/net/errors.ts';
import { checkUrl, guardedLookup } from '../../core/net/fetch-guard.ts';
import { AuthNeededError } from './errors.ts';

export interface Frame {
  data: Buffer;
  /** Arrival (ms since the epoch). */
  at: number;
}

export interface FrameStreamOptions {
  /** ws:// or wss:// address (user-supplied: checked like every fetch). */
  url: string;
  /** Names the stream in errors ("jetstream", "mastodon streaming"). */
  what: string;
  allow: AllowList;
  userAgent: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Longest a received frame waits before its batch is handed on, counted from its arrival (default 100 ms). */
  flushMs?: number;
  maxBatch?: number;
  /** Called once the WebSocket is open (a runner starts its gap-fill then). */
  onOpen?: () => void;
}

/**
 * A WebSocket through the same address guard as every fetch (the address checked after DNS resolution;
 * IP literals and the scheme before connecting; no redirects followed), its text frames handed on in
 * batches. Ends quietly when `signal` aborts; a dropped connection throws FetchNetworkError after the
 * frames already received are handed on.
 */
export async function* frameBatches(o: FrameStreamOptions): AsyncGenerator<Frame[]> {
  const http = new URL(o.url);
  if (http.protocol !== 'ws:' && http.protocol !== 'wss:')
    throw new FetchRefusedError(`${o.what}: expected a ws:// or wss:// address, got ${o.url}`, o.url);
  http.protocol = http.protocol === 'wss:' ? 'https:' : 'http:';
  checkUrl(http, o.allow);
  const ws = new WebSocket(o.url, {
    lookup: guardedLookup(o.allow),
    headers: { 'user-agent': o.userAgent, ...o.headers },
    handshakeTimeout: 15_000,
    maxPayload: 1 << 20,
    followRedirects: false,
  });
  const flushMs = o.flushMs ?? 100;
  const maxBatch = o.maxBatch ?? 1000;
  const shown = redact(o.url);
  let pending: Frame[] = [];
  let ended: Error | null | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  ws.on('open', () => o.onOpen?.());
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    pending.push({ data, at: Date.now() });
    if (pending.length === 1 || pending.length >= maxBatch) poke();
  });
  ws.on('unexpected-response', (_req, res) => {
    const status = res.statusCode ?? 0;
    ended ??=
      status === 401 || status === 403
        ? new AuthNeededError(`${o.what} ${shown}: HTTP ${status} (access token missing or refused)`, shown)
        : new FetchNetworkError(`${o.what} ${shown}: HTTP ${status} instead of a WebSocket`, shown);
    ws.terminate();
    poke();
  });
  ws.on('error', (err) => {
    ended ??= new FetchNetworkError(`${o.what} ${shown}: ${err.message}`, shown);
    poke();
  });
  ws.on('close', (code) => {
    ended ??= o.signal?.aborted
      ? null
      : new FetchNetworkError(`${o.what} ${shown} closed the connection (code ${code})`, shown);
    poke();
  });
  const onAbort = () => {
    ended ??= null;
    ws.terminate();
    poke();
  };
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (pending.length === 0 && ended === undefined) await new Promise<void>((r) => (wake = r));
      // The wait counts from the oldest waiting frame's arrival, not from now: frames that arrived while
      // the previous batch was being committed are already late and go out at once.
      const due = pending.length > 0 ? pending[0].at + flushMs - Date.now() : 0;
      if (pending.length > 0 && pending.length < maxBatch && ended === undefined && due > 0)
        await new Promise<void>((r) => {
          const t = setTimeout(r, due);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      // At most maxBatch at a time, so a backlog is committed in bounded transactions.
      const frames = pending.length > maxBatch ? pending.splice(0, maxBatch) : pending;
      if (frames === pending) pending = [];
      if (frames.length) yield frames;
      if (ended !== undefined && pending.length === 0) {
        if (ended) throw ended;
        return;
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
  }
}

/** The address without an access_token, for errors and health. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.searchParams.has('access_token')) u.searchParams.set('access_token', '…');
  return u.href;
}
