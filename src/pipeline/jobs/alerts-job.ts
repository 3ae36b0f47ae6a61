import { z } from 'zod';
import { findAlert, recordDelivery } from '../../store/queries/alerts.ts';
import { pendingDeliveries } from '../../store/queries/pending-deliveries.ts';
import { EmailNotifier } from '../../watch/notifiers/email.ts';
import {
  parseRecipients,
  recipientsTarget,
  smtpSettings,
  workerEmailOptions,
} from '../../watch/notifiers/email-settings.ts';
import type { Notifier } from '../../watch/notifiers/notifier.ts';
import { WebhookNotifier } from '../../watch/notifiers/webhook.ts';
import { DEFAULT_REDELIVERY, dueForDelivery } from '../../watch/redelivery.ts';
import { watchTick } from '../../watch/watcher.ts';
import { putBackIfInputsPending } from './alerts-gate.ts';
import { jobIdFor } from './job-id.ts';
import type { JobContext, JobQueue } from './queue.ts';

/**
 * Webhook targets of the workers: VIGIL_WEBHOOK_URLS (comma-separated), signed with
 * VIGIL_WEBHOOK_SECRET. Every worker needs the same two.
 */
export function webhookTargets(env: NodeJS.ProcessEnv): string[] {
  return (env.VIGIL_WEBHOOK_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Where the workers deliver each alert: every webhook target, and the email recipient set of VIGIL_MAIL_TO
 * (sent through VIGIL_SMTP; see workerEmailOptions) as one target.
 */
export function deliveryTargets(env: NodeJS.ProcessEnv): { channel: DeliveryJobData['channel']; target: string }[] {
  const email = workerEmailOptions(env);
  return [
    ...webhookTargets(env).map((target) => ({ channel: 'webhook' as const, target })),
    ...(email ? [{ channel: 'email' as const, target: recipientsTarget(email.to) }] : []),
  ];
}

/**
 * The notifier for one delivery job. The job names the target (a webhook URL, or the recipient set as the
 * delivery log names it); how to reach it (the webhook secret, the SMTP relay, its login, the sender) comes
 * from the worker's environment.
 */
function notifierFor(env: NodeJS.ProcessEnv, data: DeliveryJobData): Notifier & { close?: () => void } {
  if (data.channel === 'email') {
    const smtp = env.VIGIL_SMTP?.trim();
    if (!smtp) throw new Error('set VIGIL_SMTP (host:port) on the worker to deliver alert email');
    return new EmailNotifier({
      ...smtpSettings(smtp, 'VIGIL_SMTP', env.VIGIL_MAIL_FROM, env),
      to: parseRecipients(data.target, 'delivery target'),
    });
  }
  const secret = env.VIGIL_WEBHOOK_SECRET;
  if (!secret) throw new Error('set VIGIL_WEBHOOK_SECRET on the worker to sign webhook deliveries');
  return new WebhookNotifier({ url: data.target, secret });
}

/** One watch evaluation queued and one running at most (the alerts queue is `stately`). */
export function enqueueAlertsTick(queue: JobQueue): Promise<string | null> {
  return queue.send('alerts', {}, { singletonKey: 'tick' });
}

const AlertId = z.string().min(1);
export const DeliveryJobData = z.discriminatedUnion('channel', [
  z.object({ alertId: AlertId, channel: z.literal('webhook'), target: z.string().url() }),
  /** target: the recipients joined with ", ", as the delivery log names an email target */
  z.object({ alertId: AlertId, channel: z.literal('email'), target: z.string().includes('@') }),
]);
export type DeliveryJobData = z.infer<typeof DeliveryJobData>;

/** Deliveries of one alert to one target run one at a time (the delivery queue's `singleton` policy). */
export function deliveryKey(d: DeliveryJobData): string {
  return `${d.alertId}\n${d.channel}\n${d.target}`;
}

/**
 * Evaluate the watchlist: raise the alerts it calls for (the ledger append is atomic and the gate reads
 * what was raised before, so a retried tick raises nothing twice), then queue one delivery job per
 * alert and target (each webhook, the email recipient set) not yet delivered and due under the redelivery
 * rules (src/watch/redelivery.ts): an alert up to a day old, tried again after a failure once its wait is
 * over. The job id counts the failures so far, so a retried tick queues nothing twice. VIGIL_WATCH_NOW
 * judges the board at a past instant instead of now (replaying a crisis; tests). While import or analysis
 * jobs are pending it judges nothing and puts itself back a little later (alerts-gate.ts).
 */
export async function runAlertsTick(ctx: Pick<JobContext, 'store' | 'queue' | 'env' | 'signal'>, raw?: unknown) {
  // not while an import or its analysis is still being worked (src/pipeline/jobs/alerts-gate.ts)
  const gate = await putBackIfInputsPending(ctx.queue, raw);
  if (gate.wait)
    return { raised: 0, suppressed: 0, deliveriesQueued: 0, waitingFor: gate.pending, waitingSince: gate.waitingSince };
  const fixed = ctx.env.VIGIL_WATCH_NOW ? Date.parse(ctx.env.VIGIL_WATCH_NOW) : undefined;
  const at = fixed ?? Date.now();
  const tick = await watchTick({ store: ctx.store, notifiers: [], clock: { now: () => at } }, ctx.signal);
  const since = new Date(at - DEFAULT_REDELIVERY.maxAgeMs).toISOString();
  let queued = 0;
  for (const { channel, target } of deliveryTargets(ctx.env)) {
    for (const p of await pendingDeliveries(ctx.store.db, channel, target, since)) {
      if (!dueForDelivery(p, at, DEFAULT_REDELIVERY)) continue;
      const id = jobIdFor('delivery', p.alert.id, channel, target, String(p.failures));
      const data: DeliveryJobData = { alertId: p.alert.id, channel, target } as DeliveryJobData;
      if (await ctx.queue.send('delivery', data, { id, singletonKey: deliveryKey(data) })) queued++;
    }
  }
  return { raised: tick.raised.length, suppressed: tick.suppressed, deliveriesQueued: queued };
}

/**
 * Deliver one alert to one target, exactly once in effect: nothing is sent when the delivery log
 * already has a successful delivery, the log row is written right after the receiver answers, and the
 * delivery queue runs one job per alert and target at a time. A worker killed between the receiver's
 * answer and the log row sends once more on retry, with the same `x-vigil-alert-id` header (webhook) or
 * `X-Vigil-Alert-Id` header (email): the idempotency key receivers deduplicate on. A failed delivery is
 * logged and the job fails, so pg-boss retries it with back-off.
 */
export async function runDeliveryJob(ctx: Pick<JobContext, 'store' | 'env' | 'signal'>, raw: unknown) {
  const data = DeliveryJobData.parse(raw);
  // the recipient set as EmailNotifier names it in the delivery log
  if (data.channel === 'email') data.target = recipientsTarget(parseRecipients(data.target, 'delivery target'));
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
  const notifier = notifierFor(ctx.env, data);
  const d = await notifier.deliver(alert, ctx.signal).finally(() => notifier.close?.());
  await recordDelivery(ctx.store.db, d);
  if (!d.ok)
    throw new Error(`delivery to ${data.target} failed: ${d.attempts.at(-1)?.error ?? d.attempts.at(-1)?.status}`);
  return { alertId: data.alertId, delivered: true, attempts: d.attempts.length };
}
