import { z } from 'zod';
import { liveSourceFor } from '../../sources/live/registry.ts';
import { listFollows } from '../../store/queries/live.ts';
import { collectOne } from '../collect/collector.ts';
import { followWatchlist } from '../collect/watchlist-follows.ts';
import type { JobContext, JobQueue } from './queue.ts';

export const PollJobData = z.object({ follow: z.string().min(1) });
export type PollJobData = z.infer<typeof PollJobData>;

/**
 * A follow's poll, keyed by the follow: the poll queue is `stately`, so one poll per source waits and
 * one runs, and two workers never poll the same source at once.
 */
export function enqueuePoll(queue: JobQueue, follow: string, startAfter?: Date): Promise<string | null> {
  return queue.send('poll', { follow }, { singletonKey: follow, startAfter });
}

/** A poll job for every follow that has a live source (ones already queued are left as they are). */
export async function seedPolls(ctx: Pick<JobContext, 'store' | 'queue'>): Promise<number> {
  await followWatchlist(ctx.store, new Date().toISOString());
  let n = 0;
  for (const f of await listFollows(ctx.store.db)) {
    if (!liveSourceFor(f.platform)) continue;
    if (await enqueuePoll(ctx.queue, f.key)) n++;
  }
  return n;
}

/**
 * Poll one follow, record its health and the items it brought, and queue its next poll at the time
 * its health says (its interval, or a back-off after failures). A follow removed since is dropped.
 */
export async function runPollJob(ctx: Pick<JobContext, 'store' | 'blobs' | 'queue' | 'signal' | 'env'>, raw: unknown) {
  const { follow: key } = PollJobData.parse(raw);
  const follow = (await listFollows(ctx.store.db)).find((f) => f.key === key);
  if (!follow || !liveSourceFor(follow.platform)) return { follow: key, removed: true };
  const entry = await collectOne(ctx, follow, { env: ctx.env, signal: ctx.signal });
  const next = entry.health.nextTryAt ? new Date(Date.parse(entry.health.nextTryAt)) : undefined;
  await enqueuePoll(ctx.queue, key, next);
  return { follow: key, ok: entry.ok, error: entry.error, captured: entry.result?.captured ?? 0 };
}
