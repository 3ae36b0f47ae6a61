import { z } from 'zod';
import type { JobQueue, QueueName } from './queue.ts';

/**
 * The watch board is not judged while an import or its analysis is still being worked: half an export
 * in the store makes a watched person look silent since their last post so far, and an alert, once
 * raised, stays raised. An evaluation that finds such work puts itself back a little later instead.
 * It waits at most MAX_WAIT_MS in all, so that a stream of analysis jobs from live collection (or an
 * import stuck waiting for a retry) never keeps the watch from running.
 */
export const WAIT_FOR: readonly QueueName[] = ['import', 'analysis'];
export const RECHECK_MS = 2_000;
export const MAX_WAIT_MS = 10 * 60_000;

export const AlertsTickData = z.object({
  /** When the first evaluation in this run of put-backs found import or analysis work pending. */
  waitingSince: z.string().datetime().optional(),
});
export type AlertsTickData = z.infer<typeof AlertsTickData>;

/**
 * Jobs of WAIT_FOR queued, running, or coming back soon as a retry (a killed worker's import). A retry
 * due later (an export that keeps failing, backing off) does not hold the watch back.
 */
export async function pendingInputs(queue: JobQueue): Promise<number> {
  let n = 0;
  for (const d of await queue.depths()) if (WAIT_FOR.includes(d.queue)) n += d.ready + d.active + d.retryingSoon;
  return n;
}

/**
 * Whether this evaluation should wait. When it should, the next one is queued for RECHECK_MS later under
 * the same singleton key (if one is already queued, that one will do) and carries when the waiting began.
 */
export async function putBackIfInputsPending(
  queue: JobQueue,
  raw: unknown,
  now = Date.now(),
): Promise<{ wait: false } | { wait: true; pending: number; waitingSince: string }> {
  const data = AlertsTickData.parse(raw ?? {});
  const since = data.waitingSince ? Date.parse(data.waitingSince) : now;
  if (now - since >= MAX_WAIT_MS) return { wait: false };
  const pending = await pendingInputs(queue);
  if (pending === 0) return { wait: false };
  const waitingSince = new Date(since).toISOString();
  await queue.send('alerts', { waitingSince }, { singletonKey: 'tick', startAfter: new Date(now + RECHECK_MS) });
  return { wait: true, pending, waitingSince };
}
