import { hasDefaultModel } from '../../analysis/classify/model-files.ts';
import { parseAllowList } from '../../core/net/address-policy.ts';
import { DEFAULT_USER_AGENT } from '../../core/net/polite-fetcher.ts';
import { backoffMs } from '../../core/net/retry-after.ts';
import { warcFrameRecord } from '../../evidence/http-record.ts';
import type { BlueskyCursor } from '../../sources/live/bluesky.ts';
import { DEFAULT_JETSTREAM, jetstream } from '../../sources/live/bluesky-jetstream.ts';
import {
  getCursor,
  getHealth,
  listFollows,
  logItems,
  putHealth,
  saveCursor,
  unanalyzedIds,
} from '../../store/queries/live.ts';
import type { PipelineContext } from '../import.ts';
import type { Stage } from '../stage.ts';
import { stages as defaultStages } from '../stages.ts';
import { commitItems, type FollowResult } from './collect-follow.ts';
import { DeferredStages } from './deferred-stages.ts';
import { healthAfterFailure, healthAfterSuccess } from './health.ts';

/** Key of the Jetstream connection in source_cursors and source_health. */
export const JETSTREAM_KEY = 'bluesky:jetstream';

export interface JetstreamRunOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /**
   * Stages for captured posts (default: all of them). Deferrable ones (analysis) run after the commit,
   * in batches of their own, so a post is searchable without waiting for its triage.
   */
  stages?: Stage[];
  /** How often the set of followed DIDs is re-read (a change reconnects); default 60 s. */
  refreshMs?: number;
  flushMs?: number;
  /** After each committed batch: receipt times of its posts and when they became searchable. */
  onBatch?: (b: { receivedMs: number[]; committedMs: number; result: Omit<FollowResult, 'pages'> }) => void;
  /** Receives the runner of the deferred stages (to wait for it, or read its backlog). */
  onDeferred?: (d: DeferredStages) => void;
}

const SOURCE = { name: 'live-bluesky-jetstream', version: '1.0.0' };
/** Health and the items log are written at most this often; the cursor after every batch. */
const BOOKKEEPING_MS = 1000;

/** Captured posts that were not analysed before the last stop, queued again. */
async function requeueUnanalyzed(ctx: PipelineContext, deferred: DeferredStages): Promise<void> {
  for (const id of await unanalyzedIds(ctx.store.db, SOURCE.name)) {
    const m = await ctx.store.getMessage(id);
    if (!m) continue;
    const { id: _id, contentHash, seq: _seq, versions: _v, ...message } = m;
    deferred.push([{ id, contentHash, message }]);
  }
}

/** DIDs of followed Bluesky accounts: a DID target, or the DID their AppView poll resolved. */
export async function followedDids(ctx: PipelineContext): Promise<string[]> {
  const dids = new Set<string>();
  for (const f of await listFollows(ctx.store.db)) {
    if (f.platform !== 'bluesky') continue;
    if (f.target.startsWith('did:')) dids.add(f.target);
    else {
      const c = (await getCursor(ctx.store.db, f.key)) as BlueskyCursor | undefined;
      if (c?.did) dids.add(c.did);
    }
  }
  return [...dids].sort();
}

/**
 * Live Bluesky posts of the followed DIDs through Jetstream until `signal` aborts: each batch of frames
 * (at most ~100 ms of them) is kept as a WARC resource record and its posts captured, which makes them
 * searchable; analysis follows in batches of its own (DeferredStages), then the batch's time_us is saved
 * as the cursor. A dropped connection is retried with jittered backoff from that cursor. Posts captured
 * but not analysed when the process stopped are analysed when it starts again.
 */
export async function runJetstream(ctx: PipelineContext, opts: JetstreamRunOptions = {}): Promise<void> {
  const env = opts.env ?? process.env;
  const url = env.VIGIL_JETSTREAM_URL?.trim() || DEFAULT_JETSTREAM;
  const allow = parseAllowList(env.VIGIL_FETCH_ALLOW);
  const userAgent = env.VIGIL_USER_AGENT?.trim() || DEFAULT_USER_AGENT;
  const source = SOURCE;
  const all = opts.stages ?? defaultStages;
  const now = all.filter((s) => !s.deferrable);
  // Capture is behind when a batch's oldest frame waited more than twice the flush time; analysis then
  // waits a moment, so what arrives is searchable first.
  const flushMs = opts.flushMs ?? 100;
  let behindUntil = 0;
  const deferred = new DeferredStages(
    ctx.store,
    all.filter((s) => s.deferrable),
    { busy: () => Date.now() < behindUntil },
  );
  opts.onDeferred?.(deferred);
  // Without a model the analysis stage writes nothing, so nothing is ever "analysed": do not re-queue.
  if (all.some((s) => s.deferrable) && hasDefaultModel()) await requeueUnanalyzed(ctx, deferred);
  let attempt = 0;
  let booked = 0;
  let sinceBooked = { captured: 0, rejected: 0, first: undefined as string | undefined };
  let unbooked = false;
  const book = async (atMs: number) => {
    const at = new Date(atMs);
    await logItems(ctx.store.db, JETSTREAM_KEY, at.toISOString(), sinceBooked.captured);
    await putHealth(
      ctx.store.db,
      healthAfterSuccess(JETSTREAM_KEY, at, 0, { count: sinceBooked.rejected, first: sinceBooked.first }),
    );
    booked = atMs;
    unbooked = false;
    sinceBooked = { captured: 0, rejected: 0, first: undefined };
  };
  while (!opts.signal?.aborted) {
    const dids = await followedDids(ctx);
    const inner = new AbortController();
    const stop = () => inner.abort();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const refresh = setInterval(async () => {
      const now = await followedDids(ctx).catch(() => dids);
      if (now.join() !== dids.join()) inner.abort();
    }, opts.refreshMs ?? 60_000);
    try {
      if (dids.length === 0) {
        await new Promise<void>((r) => inner.signal.addEventListener('abort', () => r(), { once: true }));
        continue;
      }
      const saved = (await getCursor(ctx.store.db, JETSTREAM_KEY)) as { timeUs?: number } | undefined;
      for await (const batch of jetstream({
        url,
        dids,
        cursorUs: saved?.timeUs,
        allow,
        userAgent,
        signal: inner.signal,
        flushMs,
      })) {
        const out: Omit<FollowResult, 'pages'> = { captured: 0, unchanged: 0, rejected: [], unknownDeletions: 0 };
        const captured = await commitItems(ctx, out, batch.items, {
          record: warcFrameRecord(batch.url, batch.receivedAt, batch.frames),
          url: batch.url,
          source,
          actor: `collect:${source.name}`,
          stages: now,
          capturedAt: new Date().toISOString(),
          mime: 'application/warc',
        });
        const committedMs = Date.now();
        if (batch.receivedMs.length && committedMs - batch.receivedMs[0] > 2 * flushMs) behindUntil = committedMs + 500;
        deferred.push(captured);
        if (batch.cursorUs !== undefined)
          await saveCursor(ctx.store.db, JETSTREAM_KEY, { timeUs: batch.cursorUs }, new Date().toISOString());
        unbooked = true;
        sinceBooked.captured += out.captured;
        sinceBooked.rejected += out.rejected.length;
        sinceBooked.first ??= out.rejected[0] && `${out.rejected[0].place}: ${out.rejected[0].reason}`;
        if (committedMs - booked >= BOOKKEEPING_MS) await book(committedMs);
        attempt = 0;
        opts.onBatch?.({ receivedMs: batch.receivedMs, committedMs, result: out });
      }
    } catch (err) {
      if (opts.signal?.aborted) break;
      // What was committed before the failure is booked first, so the failure is the state that stays.
      if (unbooked) await book(Date.now());
      const prev = await getHealth(ctx.store.db, JETSTREAM_KEY);
      const wait = backoffMs(attempt++, 1000, 60_000);
      await putHealth(ctx.store.db, healthAfterFailure(JETSTREAM_KEY, err, prev, new Date(), wait));
      await new Promise<void>((r) => {
        const t = setTimeout(r, wait);
        opts.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            r();
          },
          { once: true },
        );
      });
    } finally {
      clearInterval(refresh);
      opts.signal?.removeEventListener('abort', stop);
      if (unbooked) await book(Date.now());
    }
  }
  await deferred.idle();
}
