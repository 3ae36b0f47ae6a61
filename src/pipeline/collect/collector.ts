import { PoliteFetcher, politeOptionsFromEnv } from '../../core/net/polite-fetcher.ts';
import type { LiveContext } from '../../sources/live/live-source.ts';
import { liveSourceFor } from '../../sources/live/registry.ts';
import {
  type Follow,
  getHealth,
  listFollows,
  listHealth,
  logItems,
  putHealth,
  type SourceHealth,
} from '../../store/queries/live.ts';
import type { PipelineContext } from '../import.ts';
import type { Stage } from '../stage.ts';
import { stages as defaultStages } from '../stages.ts';
import { collectFollow, type FollowResult } from './collect-follow.ts';
import { healthAfterFailure, healthAfterSuccess } from './health.ts';
import { runJetstream } from './jetstream-runner.ts';
import { runMastodonStreams } from './mastodon-stream-runner.ts';
import { followWatchlist } from './watchlist-follows.ts';

export interface CollectorOptions {
  fetcher?: PoliteFetcher;
  env?: NodeJS.ProcessEnv;
  /** Pages read backwards on a follow's first run (default 5). */
  backfillPages?: number;
  actor?: string;
  stages?: Stage[];
  now?: () => Date;
  signal?: AbortSignal;
  /** Follows polled at once (default 4); per-host spacing still applies. */
  concurrency?: number;
  onResult?: (entry: RoundEntry) => void;
  /** Also follow Bluesky accounts live through Jetstream (runCollector only; default true). */
  jetstream?: boolean;
}

export interface RoundEntry {
  follow: Follow;
  ok: boolean;
  result?: FollowResult;
  error?: string;
  health: SourceHealth;
}

function liveContext(opts: CollectorOptions): LiveContext {
  const env = opts.env ?? process.env;
  return {
    fetcher: opts.fetcher ?? new PoliteFetcher(politeOptionsFromEnv(env)),
    env,
    backfillPages: opts.backfillPages ?? 5,
    signal: opts.signal,
  };
}

/**
 * One round: follows the watchlist's accounts, then polls every follow (only those due when `due`),
 * recording each one's health and the items it brought. A failing follow never stops the others.
 */
export async function collectRound(
  ctx: PipelineContext,
  opts: CollectorOptions & { due?: boolean; live?: LiveContext } = {},
): Promise<RoundEntry[]> {
  const now = opts.now ?? (() => new Date());
  const live = opts.live ?? liveContext(opts);
  await followWatchlist(ctx.store, now().toISOString());
  const health = new Map((await listHealth(ctx.store.db)).map((h) => [h.followKey, h]));
  const follows = (await listFollows(ctx.store.db)).filter((f) => {
    if (!liveSourceFor(f.platform)) return false;
    const next = health.get(f.key)?.nextTryAt;
    return !opts.due || !next || Date.parse(next) <= now().getTime();
  });
  const entries: RoundEntry[] = [];
  let i = 0;
  const worker = async () => {
    while (i < follows.length && !opts.signal?.aborted) {
      const follow = follows[i++];
      const entry = await pollFollow(ctx, follow, live, opts, now);
      entries.push(entry);
      opts.onResult?.(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return entries;
}

/** One poll of one follow with its health recorded, as a worker's poll job runs it. */
export function collectOne(ctx: PipelineContext, follow: Follow, opts: CollectorOptions = {}): Promise<RoundEntry> {
  return pollFollow(ctx, follow, liveContext(opts), opts, opts.now ?? (() => new Date()));
}

/**
 * Polls one follow and records its health and items; never throws unless the round is aborted. With the
 * round's live context (a stream's REST gap-fill after a reconnect uses it too).
 */
export async function pollFollow(
  ctx: PipelineContext,
  follow: Follow,
  live: LiveContext,
  opts: CollectorOptions,
  now: () => Date,
): Promise<RoundEntry> {
  const source = liveSourceFor(follow.platform);
  if (!source) throw new Error(`no live source for ${follow.platform}`);
  try {
    const result = await collectFollow(ctx, follow, source, live, {
      actor: opts.actor ?? `collect:${source.name}`,
      stages: opts.stages ?? defaultStages,
      now,
    });
    const at = now();
    await logItems(ctx.store.db, follow.key, at.toISOString(), result.captured);
    const health = healthAfterSuccess(follow.key, at, source.intervalMs, {
      count: result.rejected.length,
      first: result.rejected[0] && `${result.rejected[0].place}: ${result.rejected[0].reason}`,
    });
    await putHealth(ctx.store.db, health);
    return { follow, ok: true, result, health };
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const prev = await getHealth(ctx.store.db, follow.key);
    const health = healthAfterFailure(follow.key, err, prev, now(), source.intervalMs);
    await putHealth(ctx.store.db, health);
    return { follow, ok: false, error: health.lastError, health };
  }
}

/**
 * Rounds until `signal` aborts, each follow on its own schedule (its health's next try), with the live
 * streams next to them: Jetstream for Bluesky, Mastodon's streaming API when VIGIL_MASTODON_STREAM is set.
 */
export async function runCollector(ctx: PipelineContext, opts: CollectorOptions = {}): Promise<void> {
  const live = liveContext(opts);
  const now = opts.now ?? (() => new Date());
  await Promise.all([
    pollLoop(ctx, opts),
    // Only when VIGIL_MASTODON_STREAM is set; the gap-fill after each (re)connect is the REST poll.
    runMastodonStreams(ctx, {
      env: opts.env,
      signal: opts.signal,
      stages: opts.stages,
      gapFill: (follow) => pollFollow(ctx, follow, live, opts, now),
    }),
    opts.jetstream === false
      ? undefined
      : runJetstream(ctx, { env: opts.env, signal: opts.signal, stages: opts.stages }),
  ]);
}

async function pollLoop(ctx: PipelineContext, opts: CollectorOptions): Promise<void> {
  const live = liveContext(opts);
  const now = opts.now ?? (() => new Date());
  while (!opts.signal?.aborted) {
    await collectRound(ctx, { ...opts, live, due: true }).catch((err) => {
      if (!opts.signal?.aborted) throw err;
    });
    const next = (await listHealth(ctx.store.db))
      .map((h) => (h.nextTryAt ? Date.parse(h.nextTryAt) : 0))
      .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const wait = Math.min(60_000, Math.max(1000, next - now().getTime()));
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      opts.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
  }
}
