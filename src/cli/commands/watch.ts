import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { deliverySummaries, listAlerts, listDeliveries } from '../../store/queries/alerts.ts';
import { EmailNotifier } from '../../watch/notifiers/email.ts';
import { DEFAULT_MAIL_FROM, watchEmailOptions } from '../../watch/notifiers/email-settings.ts';
import type { Notifier } from '../../watch/notifiers/notifier.ts';
import { AlertStream } from '../../watch/notifiers/stream.ts';
import { WebhookNotifier } from '../../watch/notifiers/webhook.ts';
import { describeTime } from '../../watch/reason.ts';
import { runWatch, watchTick } from '../../watch/watcher.ts';
import { acknowledgeAlert } from '../../watch/watchlist.ts';
import { printJson, withContext } from '../context.ts';
import { captureInProcess } from './capture.ts';
import { startCollecting } from './collect.ts';
import { cliActor } from './users.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

function seconds(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: not a positive number of seconds: ${v}`, v);
  return n * 1000;
}

export function registerWatch(program: Command): void {
  const watch = program
    .command('watch')
    .description('follow live ingest and the clock; raise and deliver alerts until Ctrl-C')
    .option('--interval <seconds>', 'how often to re-evaluate the watchlist', '60')
    .option(
      '--webhook <url>',
      'POST each alert here, signed (HMAC-SHA256 over "<t>.<body>" with $VIGIL_WEBHOOK_SECRET)',
      collect,
      [],
    )
    .option('--smtp <host:port>', 'send each alert by email through this SMTP server')
    .option('--mail-from <address>', 'sender for alert emails', DEFAULT_MAIL_FROM)
    .option('--mail-to <address>', 'recipient of alert emails; repeat or separate with commas for several', collect, [])
    .option('--once', 'evaluate once, deliver, and exit')
    .option('--collect', 'also run live collection (vigil collect) in this process')
    .option('--capture', 'also fetch what messages point to in this process (see vigil capture)')
    .action(async (opts, cmd: Command) => {
      const notifiers: Notifier[] = [new AlertStream()];
      const secret = process.env.VIGIL_WEBHOOK_SECRET;
      if (opts.webhook.length && !secret) throw new UsageError('set VIGIL_WEBHOOK_SECRET to sign webhook deliveries');
      for (const url of opts.webhook as string[])
        notifiers.push(new WebhookNotifier({ url, secret: secret as string }));
      const emailOptions = watchEmailOptions(opts, process.env);
      const email = emailOptions ? new EmailNotifier(emailOptions) : undefined;
      if (email) notifiers.push(email);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await withContext(cmd, async (ctx) => {
          const o = {
            store: ctx.store,
            notifiers,
            intervalMs: seconds('--interval', opts.interval),
            onTick: (t: {
              at: number;
              raised: { title: string; id: string }[];
              deliveries: { ok: boolean; channel: string; target: string; alertId: string }[];
              redelivered: number;
              deferred: number;
            }) => {
              for (const a of t.raised) process.stdout.write(`${describeTime(t.at)}  ALERT ${a.id}  ${a.title}\n`);
              for (const d of t.deliveries.filter((d) => !d.ok))
                process.stderr.write(
                  `delivery failed: ${d.channel} ${d.target} (alert ${d.alertId.slice(0, 12)}); tried again on a later tick for 24 h\n`,
                );
              if (t.redelivered) process.stderr.write(`${t.redelivered} earlier alert deliveries tried again\n`);
              if (t.deferred)
                process.stderr.write(`${t.deferred} deliveries put off to the next tick: their target just failed\n`);
            },
            onError: (err: unknown) =>
              process.stderr.write(
                `${describeTime(Date.now())}  watch tick failed: ${(err as Error).message ?? err}; trying again next tick\n`,
              ),
          };
          if (opts.once) await watchTick(o, controller.signal);
          else {
            const collector = opts.collect ? startCollecting(ctx, controller.signal) : undefined;
            const captureDone = opts.capture
              ? await captureInProcess(ctx.store, ctx.blobs, controller.signal)
              : undefined;
            process.stderr.write(`watching (every ${opts.interval}s); Ctrl-C to stop\n`);
            await runWatch(o, controller.signal);
            await collector;
            await captureDone?.();
          }
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        email?.close();
      }
    });
  watch
    .command('alerts')
    .description('alerts raised so far, newest first, with their delivery log')
    .option('--open', 'only unacknowledged')
    .option('--json')
    .action(async (opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const alerts = await listAlerts(ctx.store.db, { unacknowledged: opts.open });
        const deliveries = await listDeliveries(ctx.store.db);
        if (opts.json)
          return printJson(
            alerts.map((a) => ({ ...a, deliveries: deliveries.filter((d) => d.alertId === a.alert.id) })),
          );
        if (alerts.length === 0) process.stdout.write('No alerts.\n');
        const summaries = await deliverySummaries(
          ctx.store.db,
          alerts.map((a) => a.alert.id),
        );
        for (const { alert, acknowledged } of alerts) {
          process.stdout.write(
            `${alert.id}  ${alert.at}  ${alert.title}${acknowledged ? `  [acknowledged by ${acknowledged.by}]` : ''}\n    ${alert.reason}\n`,
          );
          for (const d of summaries.get(alert.id) ?? []) {
            const how = d.ok
              ? `delivered ${d.lastAt} after ${d.tries} attempt(s)`
              : `NOT DELIVERED after ${d.tries} attempt(s), last ${d.lastAt}: ${d.lastStatus ?? d.lastError ?? 'failed'}`;
            process.stdout.write(`    -> ${d.channel} ${d.target}: ${how}\n`);
          }
        }
      });
    });
  watch
    .command('ack <alert-id>')
    .description('acknowledge an alert (recorded in the ledger)')
    .option('--comment <text>')
    .action(async (id: string, opts, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const full = await acknowledgeAlert(ctx.store, id, cliActor(), new Date().toISOString(), opts.comment);
        process.stdout.write(`acknowledged ${full}\n`);
      });
    });
}
