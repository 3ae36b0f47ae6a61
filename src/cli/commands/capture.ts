import type { Command } from 'commander';
import { UsageError } from '../../core/errors.ts';
import type { BlobStore } from '../../evidence/blob-store.ts';
import { captureWorkerFromEnv } from '../../evidence/capture/capture-runner.ts';
import { defaultEnrichers } from '../../evidence/capture/enrichers.ts';
import type { Store } from '../../store/contract.ts';
import { captureQueueCounts } from '../../store/queries/capture-queue.ts';
import { printJson, withContext } from '../context.ts';

/**
 * The capture worker inside `vigil serve --capture` or `vigil watch --capture`: runs until `signal`
 * aborts; call the returned function to wait for it and close Chromium.
 */
export async function captureInProcess(
  store: Store,
  blobs: BlobStore,
  signal: AbortSignal,
): Promise<() => Promise<void>> {
  const enrichers = await defaultEnrichers({ screenshots: true });
  const worker = captureWorkerFromEnv({
    store,
    blobs,
    signal,
    concurrency: 1,
    enrichers: enrichers.list,
    onOutcome: (o) => {
      if (o.outcome === 'failed') process.stderr.write(`capture failed: ${o.job.url}: ${o.detail}\n`);
    },
  });
  process.stderr.write('capturing what messages point to in this process (--capture)\n');
  const running = worker.run().catch((err) => {
    process.stderr.write(`capture worker stopped: ${(err as Error).message}\n`);
  });
  return async () => {
    await running;
    await enrichers.close();
  };
}

export function registerCapture(program: Command): void {
  program
    .command('capture')
    .description(
      'fetch what messages point to (media, links, their own page) as evidence: WARC, WACZ, screenshots; until Ctrl-C',
    )
    .option('--once', 'work every capture that is due, then exit')
    .option('--concurrency <n>', 'captures at once', '2')
    .option('--no-screenshots', 'fetch and pack only: no headless Chromium')
    .option('--json', 'print the summary as JSON')
    .action(async (opts, cmd: Command) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
        throw new UsageError(`--concurrency must be 1-16, got ${opts.concurrency}`, opts.concurrency);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const enrichers = await defaultEnrichers({ screenshots: opts.screenshots !== false });
      for (const note of enrichers.notes) process.stderr.write(`note: ${note}\n`);
      try {
        await withContext(cmd, async (ctx) => {
          const worker = captureWorkerFromEnv({
            store: ctx.store,
            blobs: ctx.blobs,
            signal: controller.signal,
            concurrency,
            enrichers: enrichers.list,
            onOutcome: (o) => {
              if (opts.json) return;
              const what = `${o.job.kind} ${o.job.url}`;
              if (o.outcome === 'completed') process.stdout.write(`captured  ${what}\n`);
              else if (o.outcome === 'failed') process.stdout.write(`FAILED    ${what}: ${o.detail}\n`);
              else if (o.outcome === 'retry') process.stderr.write(`retry later  ${what}: ${o.detail}\n`);
            },
          });
          const summary = opts.once ? await worker.drain() : await worker.run();
          const queue = await captureQueueCounts(ctx.store.db, new Date());
          if (opts.json) printJson({ ...summary, queue });
          else
            process.stdout.write(
              `${summary.completed} captured, ${summary.failed} failed, ${summary.retried} to retry; ` +
                `queue: ${queue.pending} pending (${queue.due} due), ${queue.done} done, ${queue.failed} failed\n`,
            );
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await enrichers.close();
      }
    });
}
