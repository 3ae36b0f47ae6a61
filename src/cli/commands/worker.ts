import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import { enqueueAlertsTick } from '../../pipeline/jobs/alerts-job.ts';
import { enqueueCapture } from '../../pipeline/jobs/capture-job.ts';
import { seedPolls } from '../../pipeline/jobs/poll-job.ts';
import { isQueueName, type JobQueue, QUEUES, type QueueName } from '../../pipeline/jobs/queue.ts';
import type { Store } from '../../store/contract.ts';
import { captureQueueCounts } from '../../store/queries/capture-queue.ts';
import { workerEmailOptions } from '../../watch/notifiers/email-settings.ts';
import { printJson, withContext } from '../context.ts';
import { openCliQueue } from '../job-queue.ts';

/** How often a long-running worker queues a watchlist evaluation (one waits at most, whoever sends it). */
const ALERTS_EVERY_MS = 60_000;

export function parseQueues(list: string | undefined): QueueName[] {
  if (!list) return [...QUEUES];
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!isQueueName(n)) throw new UsageError(`--queues: no queue ${n}; the queues are ${QUEUES.join(', ')}`, n);
  return names as QueueName[];
}

/** Work that lives in tables rather than in the queue gets its first job when a worker starts. */
async function seed(queue: JobQueue, queues: QueueName[], store: Store): Promise<void> {
  if (queues.includes('poll')) await seedPolls({ store, queue });
  if (queues.includes('capture') && (await captureQueueCounts(store.db, new Date())).pending > 0)
    await enqueueCapture(queue);
  if (queues.includes('alerts')) await enqueueAlertsTick(queue);
}

/** What `--until-idle` left behind: retries due later than it waits for. */
export function retriesLeft(w: { jobs: number; nextAt?: string }, kind: JobQueue['kind'], now = Date.now()): string {
  const next = w.nextAt ? Date.parse(w.nextAt) : undefined;
  const inMin = next === undefined ? undefined : Math.max(1, Math.round((next - now) / 60_000));
  const when = next === undefined ? '' : `; the next is due at ${w.nextAt} (in ${inMin} min)`;
  const after =
    kind === 'pg-boss'
      ? 'a running worker, or the next `vigil worker --until-idle` after then, takes them'
      : 'on SQLite they end with this process';
  return `${w.jobs} job${w.jobs === 1 ? '' : 's'} waiting for a retry, not waited for${when}: ${after}`;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'work the job queues (import, analysis, capture, poll, alerts, delivery); on PostgreSQL any number of workers on any number of machines share them',
    )
    .option('--queues <list>', `comma-separated, default all: ${QUEUES.join(',')}`)
    .option('--concurrency <n>', 'jobs of each queue at once in this process', '1')
    .option(
      '--until-idle',
      'exit once no job of these queues is ready or running and no retry is due within a minute; says how many retries are left for later',
    )
    .option('--json', 'one JSON line per finished job, then the summary')
    .action(async (opts, cmd: Command) => {
      const queues = parseQueues(opts.queues);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
        throw new UsageError(`--concurrency must be 1-64, got ${opts.concurrency}`, opts.concurrency);
      // a worker that delivers alerts checks its mail settings now rather than in every delivery job
      if (queues.includes('alerts') || queues.includes('delivery')) workerEmailOptions(process.env);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await withContext(cmd, async (ctx) => {
          const queue = await openCliQueue(ctx);
          let ticker: NodeJS.Timeout | undefined;
          try {
            await seed(queue, queues, ctx.store);
            if (queues.includes('alerts') && !opts.untilIdle) {
              ticker = setInterval(() => void enqueueAlertsTick(queue).catch(() => undefined), ALERTS_EVERY_MS);
            }
            process.stderr.write(
              `worker ${process.pid}: ${queues.join(', ')} × ${concurrency} on ${queue.kind === 'pg-boss' ? 'pg-boss (PostgreSQL)' : 'this process (SQLite)'}\n`,
            );
            const summary = await queue.work({
              queues,
              concurrency,
              untilIdle: opts.untilIdle === true,
              signal: controller.signal,
              onStart: opts.json ? (e) => printJson({ start: e }) : undefined,
              onJob: (e) => {
                if (opts.json) printJson({ job: e });
                else
                  process.stdout.write(
                    `${e.queue} ${e.id.slice(0, 8)} ${e.ok ? 'done' : `FAILED: ${e.error}`} in ${e.ranMs} ms (waited ${e.waitedMs} ms)\n`,
                  );
              },
            });
            if (opts.json) printJson({ summary });
            else {
              process.stderr.write(
                `worker ${process.pid}: ${summary.completed} jobs done, ${summary.failed} failed, busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.elapsedMs / 1000).toFixed(1)} s\n`,
              );
              if (summary.waitingForRetry)
                process.stderr.write(`${retriesLeft(summary.waitingForRetry, queue.kind)}\n`);
            }
          } finally {
            if (ticker) clearInterval(ticker);
            await queue.close();
          }
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
