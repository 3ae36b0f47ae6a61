import { parseAllowList } from '../../core/net/address-policy.ts';
import { DEFAULT_USER_AGENT } from '../../core/net/polite-fetcher.ts';
import { backoffMs } from '../../core/net/retry-after.ts';
import { warcFrameRecord } from '../../evidence/http-record.ts';
import type { BlueskyCursor } from '../../sources/live/bluesky.ts';
import { DEFAULT_JETSTREAM, jetstream } from '../../sources/live/bluesky-jetstream.ts';
import { getCursor, getHealth, listFollows, logItems, putHealth, saveCursor } from '../../store/queries/live.ts';
import type { PipelineContext } from '../import.ts';
import type { Stage } from '../stage.ts';
import { stages as defaultStages } from '../stages.ts';
import { commitItems, type FollowResult } from './collect-follow.ts';
import { healthAfterFailure, healthAfterSuccess } from './health.ts';

/** Key of the Jetstream connection in source_cursors and source_health. */
export const JETSTREAM_KEY = 'bluesky:jetstream';

export interface JetstreamRunOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  stages?: Stage[];
  /** How often the set of followed DIDs is re-read (a change reconnects); default 60 s. */
  refreshMs?: number;
  flushMs?: number;
  /** After each committed batch: receipt times of its posts and when they became searchable. */
  onBatch?: (b: { receivedMs: number[]; committedMs: number; result: Omit<FollowResult, 'pages'> }) => void;
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
 * is kept as a WARC resource record, its posts captured, then its time_us saved as the cursor; a
 * dropped connection is retried with jittered backoff from that cursor.
 */
export async function runJetstream(ctx: PipelineContext, opts: JetstreamRunOptions = {}): Promise<void> {
  const env = opts.env ?? process.env;
  const url = env.VIGIL_JETSTREAM_URL?.trim() || DEFAULT_JETSTREAM;
  const allow = parseAllowList(env.VIGIL_FETCH_ALLOW);
  const userAgent = env.VIGIL_USER_AGENT?.trim() || DEFAULT_USER_AGENT;
  const source = { name: 'live-bluesky-jetstream', version: '1.0.0' };
  let attempt = 0;
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
        flushMs: opts.flushMs,
      })) {
        const out: Omit<FollowResult, 'pages'> = { captured: 0, unchanged: 0, rejected: [], unknownDeletions: 0 };
        await commitItems(ctx, out, batch.items, {
          record: warcFrameRecord(batch.url, batch.receivedAt, batch.frames),
          url: batch.url,
          source,
          actor: `collect:${source.name}`,
          stages: opts.stages ?? defaultStages,
          capturedAt: new Date().toISOString(),
          mime: 'application/warc',
        });
        const committedMs = Date.now();
        if (batch.cursorUs !== undefined)
          await saveCursor(ctx.store.db, JETSTREAM_KEY, { timeUs: batch.cursorUs }, new Date().toISOString());
        await logItems(ctx.store.db, JETSTREAM_KEY, new Date().toISOString(), out.captured);
        await putHealth(
          ctx.store.db,
          healthAfterSuccess(JETSTREAM_KEY, new Date(), 0, {
            count: out.rejected.length,
            first: out.rejected[0] && `${out.rejected[0].place}: ${out.rejected[0].reason}`,
          }),
        );
        attempt = 0;
        opts.onBatch?.({ receivedMs: batch.receivedMs, committedMs, result: out });
      }
    } catch (err) {
      if (opts.signal?.aborted) return;
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
    }
  }
}
