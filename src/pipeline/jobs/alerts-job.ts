import { z } from 'zod';
import { findAlert, recordDelivery } from '../../store/queries/alerts.ts';
import { pendingDeliveries } from '../../store/queries/pending-deliveries.ts';
import type { Notifier } from '../../watch/notifiers/notifier.ts';
import { WebhookNotifier } from '../../watch/notifiers/webhook.ts';
import { DEFAULT_REDELIVERY, dueForDelivery } from '../../watch/redelivery.ts';
import { watchTick } from '../../watch/watcher.ts';
import { jobIdFor } from './job-id.ts';
import type { JobContext, JobQueue } from './queue.ts';

/**
 * Webhook targets of the workers: VIGIL_WEBHOOK_URLS (comma-separated), signed with
 * VIGIL_WEBHOOK_SECRET. Every worker needs the same two; email stays with `vigil watch --mail-to`.
 */
export function webhookTargets(env: NodeJS.ProcessEnv): string[] {
  return (env.VIGIL_WEBHOOK_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function notifierFor(env: NodeJS.ProcessEnv, channel: string, target: string): Notifier {
  if (channel !== 'webhook') throw new Error(`workers deliver webhooks only, not ${channel}`);
  const secret = env.VIGIL_WEBHOOK_SECRET;
  if (!secret) throw new Error('set VIGIL_WEBHOOK_SECRET on the worker to sign webhook deliveries');
  return new WebhookNotifier({ url: target, secret });
}

/** One watch evaluation queued and one running at most (the alerts queue is `stately`). */
export function enqueueAlertsTick(queue: JobQueue): Promise<string | null> {
  return queue.send('alerts', {}, { singletonKey: 'tick' });
}

export const DeliveryJobData = z.object({
  alertId: z.string().min(1),
  channel: z.literal('webhook'),
  target: z.string().url(),
});
export type DeliveryJobData = z.infer<typeof DeliveryJobData>;

/**
 * Evaluate the watchlist: raise the alerts it calls for (the ledger append is atomic and the gate reads
 * what was raised before, so a retried tick raises nothing twice), then queue one delivery job per
 * alert and webhook target not yet delivered. VIGIL_WATCH_NOW judges the board at a past instant
 * instead of now (replaying a crisis; tests).
 */
export async function runAlertsTick(ctx: Pick<JobContext, 'store' | 'queue' | 'env' | 'signal'>) {
  const fixed = ctx.env.VIGIL_WATCH_NOW ? Date.parse(ctx.env.VIGIL_WATCH_NOW) : undefined;
  const at = fixed ?? Date.now();
  const tick = await watchTick({ store: ctx.store, notifiers: [], clock: { now: () => at } }, ctx.signal);
  const since = new Date(at - DEFAULT_REDELIVERY.maxAgeMs).toISOString();
  let queued = 0;
  for (const target of webhookTargets(ctx.env)) {
    for (const p of await pendingDeliveries(ctx.store.db, 'webhook', target, since)) {
      if (!dueForDelivery(p, at, DEFAULT_REDELIVERY)) continue;
      const id = jobIdFor('delivery', p.alert.id, 'webhook', target, String(p.failures));
      if (await ctx.queue.send('delivery', { alertId: p.alert.id, channel: 'webhook', target }, { id })) queued++;
    }
  }
  return { raised: tick.raised.length, suppressed: tick.suppressed, deliveriesQueued: queued };
}

/**
 * Deliver one alert to one target, exactly once in effect: nothing is sent when the delivery log
 * already has a successful delivery, the log row is written right after the receiver answers, and the
 * delivery queue runs one job per alert and target at a time. A worker killed between the receiver's
 * answer and the log row sends once more on retry, with the same `x-vigil-alert-id` header: the
 * idempotency key receivers deduplicate on. A failed delivery is logged and the job fails, so pg-boss
 * retries it with back-off.
 */
export async function runDeliveryJob(ctx: Pick<JobContext, 'store' | 'env' | 'signal'>, raw: unknown) {
  const data = DeliveryJobData.parse(raw);
  const done = await ctx.store.db
    .selectFrom('alert_deliveries')
    .select('id')
    .where('alert_id', '=', data.alertId)
    .where('channel', '=', data.channel)
    .where('target', '=', data.target)
    .where('ok', '=', 1)
    .executeTakeFirst();
  if (done) return { alertId: data.alertId, delivered: false, already: true };
  const { alert } = await findAlert(ctx.store.db, data.alertId);
  const d = await notifierFor(ctx.env, data.channel, data.target).deliver(alert, ctx.signal);
  await recordDelivery(ctx.store.db, d);
  if (!d.ok)
    throw new Error(`delivery to ${data.target} failed: ${d.attempts.at(-1)?.error ?? d.attempts.at(-1)?.status}`);
  return { alertId: data.alertId, delivered: true, attempts: d.attempts.length };
}
