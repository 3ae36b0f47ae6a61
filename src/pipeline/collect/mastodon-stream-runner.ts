import { UsageError } from '../../core/errors.ts';
import { parseAllowList } from '../../core/net/address-policy.ts';
import { DEFAULT_USER_AGENT } from '../../core/net/polite-fetcher.ts';
import { backoffMs } from '../../core/net/retry-after.ts';
import { warcFrameRecord } from '../../evidence/http-record.ts';
import type { LiveContext } from '../../sources/live/live-source.ts';
import { baseOf, instanceOf } from '../../sources/live/mastodon.ts';
import { MASTODON_STREAMS, type MastodonStreamName, mastodonStream } from '../../sources/live/mastodon-streaming.ts';
import { mastodonTokenFor } from '../../sources/live/mastodon-token.ts';
import { type Follow, getHealth, listFollows, logItems, putHealth } from '../../store/queries/live.ts';
import type { PipelineContext } from '../import.ts';
import type { Stage } from '../stage.ts';
import { stages as defaultStages } from '../stages.ts';
import { commitItems, type FollowResult } from './collect-follow.ts';
import { healthAfterFailure, healthAfterSuccess } from './health.ts';

/** A connection open this long counts as having worked: the next failure backs off from the start. */
const STABLE_MS = 60_000;

/** Key of one instance's streaming connection in source_health (shown with the streams). */
export const streamKey = (instance: string) => `mastodon:streaming@${instance}`;

export interface MastodonStreamRunOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  stages?: Stage[];
  /** REST polling of one follow, with its health: the gap-fill after every (re)connect. */
  gapFill: (follow: Follow) => Promise<unknown>;
  live?: LiveContext;
  /** How often the set of Mastodon follows is re-read (a change reconnects); default 60 s. */
  refreshMs?: number;
  flushMs?: number;
  /** First reconnect wait, doubled each failure up to a minute, with full jitter (default 1 s). */
  backoffBaseMs?: number;
  onBatch?: (b: { instance: string; result: Omit<FollowResult, 'pages'> }) => void;
}

/** VIGIL_MASTODON_STREAM: unset (polling only), or the stream to follow: user, public or public:local. */
export function streamNameFrom(env: NodeJS.ProcessEnv): MastodonStreamName | undefined {
  const v = env.VIGIL_MASTODON_STREAM?.trim();
  if (!v) return undefined;
  if (!(MASTODON_STREAMS as readonly string[]).includes(v))
    throw new UsageError(`VIGIL_MASTODON_STREAM: expected one of ${MASTODON_STREAMS.join(', ')}, got "${v}"`, v);
  return v as MastodonStreamName;
}

function byInstance(follows: Follow[]): Map<string, Follow[]> {
  const groups = new Map<string, Follow[]>();
  for (const f of follows) {
    if (f.platform !== 'mastodon') continue;
    const base = baseOf(f);
    groups.set(base, [...(groups.get(base) ?? []), f]);
  }
  return groups;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        r();
      },
      { once: true },
    );
  });

/**
 * Mastodon's streaming API alongside the REST polling, when VIGIL_MASTODON_STREAM is set: one WebSocket
 * per instance with followed accounts, its updates, edits and deletions captured at once (each batch of
 * frames kept as a WARC resource record). The stream cannot resume, so after every connect and reconnect
 * the followed accounts of that instance are polled over REST from their cursors: what was posted while
 * the connection was down is read then. Reconnects back off with jitter up to a minute.
 */
export async function runMastodonStreams(ctx: PipelineContext, opts: MastodonStreamRunOptions): Promise<void> {
  const env = opts.env ?? process.env;
  const stream = streamNameFrom(env);
  if (!stream) return;
  while (!opts.signal?.aborted) {
    const groups = byInstance(await listFollows(ctx.store.db));
    const shape = JSON.stringify([...groups].map(([b, fs]) => [b, fs.map((f) => f.key)]));
    const inner = new AbortController();
    const stop = () => inner.abort();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const refresh = setInterval(async () => {
      const now = byInstance(await listFollows(ctx.store.db).catch(() => []));
      if (JSON.stringify([...now].map(([b, fs]) => [b, fs.map((f) => f.key)])) !== shape) inner.abort();
    }, opts.refreshMs ?? 60_000);
    try {
      if (groups.size === 0) await sleep(Number.POSITIVE_INFINITY, inner.signal);
      else
        await Promise.all(
          [...groups].map(([base, follows]) => runInstance(ctx, opts, stream, base, follows, inner.signal)),
        );
    } finally {
      clearInterval(refresh);
      opts.signal?.removeEventListener('abort', stop);
    }
  }
}

async function runInstance(
  ctx: PipelineContext,
  opts: MastodonStreamRunOptions,
  stream: MastodonStreamName,
  base: string,
  follows: Follow[],
  signal: AbortSignal,
): Promise<void> {
  const env = opts.env ?? process.env;
  const instance = instanceOf(follows[0]);
  const key = streamKey(instance);
  const source = { name: 'live-mastodon-streaming', version: '1.0.0' };
  const accounts = new Set(follows.map((f) => f.target.split('@')[0].toLowerCase()));
  let attempt = 0;
  let openedAt = 0;
  while (!signal.aborted) {
    let gap: Promise<unknown> | undefined;
    try {
      for await (const batch of mastodonStream({
        baseUrl: base,
        instance,
        stream,
        token: mastodonTokenFor(env, instance),
        accounts,
        allow: parseAllowList(env.VIGIL_FETCH_ALLOW),
        userAgent: env.VIGIL_USER_AGENT?.trim() || DEFAULT_USER_AGENT,
        signal,
        flushMs: opts.flushMs,
        onOpen: () => {
          openedAt = Date.now();
          // Connected first, then the REST catch-up: a post made during the catch-up arrives on the stream.
          gap = (async () => {
            for (const f of follows) if (!signal.aborted) await opts.gapFill(f);
          })();
        },
      })) {
        const out: Omit<FollowResult, 'pages'> = { captured: 0, unchanged: 0, rejected: [], unknownDeletions: 0 };
        await commitItems(ctx, out, batch.items, {
          record: warcFrameRecord(batch.url, batch.receivedAt, batch.frames),
          url: batch.url,
          source,
          actor: `collect:${source.name}`,
          stages: opts.stages ?? defaultStages,
          capturedAt: new Date().toISOString(),
        });
        const at = new Date();
        await logItems(ctx.store.db, key, at.toISOString(), out.captured);
        await putHealth(
          ctx.store.db,
          healthAfterSuccess(key, at, 0, {
            count: out.rejected.length,
            first: out.rejected[0] && `${out.rejected[0].place}: ${out.rejected[0].reason}`,
          }),
        );
        opts.onBatch?.({ instance, result: out });
      }
    } catch (err) {
      if (signal.aborted) break;
      // The backoff starts over only after a connection that lasted: an instance that accepts and drops
      // at once is not reconnected to (and gap-filled) every second.
      if (openedAt && Date.now() - openedAt > STABLE_MS) attempt = 0;
      const wait = backoffMs(attempt++, opts.backoffBaseMs ?? 1000, 60_000);
      await putHealth(ctx.store.db, healthAfterFailure(key, err, await getHealth(ctx.store.db, key), new Date(), wait));
      await gap?.catch(() => undefined);
      await sleep(wait, signal);
    } finally {
      await gap?.catch(() => undefined);
    }
  }
}
