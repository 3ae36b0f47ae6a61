import { captureWorkerFromEnv } from '../../evidence/capture/capture-runner.ts';
import { defaultEnrichers } from '../../evidence/capture/enrichers.ts';
import type { CaptureRunSummary } from '../../evidence/capture/worker.ts';
import { nextCaptureDue } from '../../store/queries/capture-queue.ts';
import type { JobContext, JobQueue } from './queue.ts';

/** One capture job is queued at a time; it works every due row of capture_jobs. */
export function enqueueCapture(queue: JobQueue, startAfter?: Date): Promise<string | null> {
  return queue.send('capture', {}, { singletonKey: 'capture', startAfter });
}

/**
 * Work the capture_jobs rows that are due. Those rows keep their own leases and close in the
 * transaction that appends capture.completed, so a row claimed by a worker killed with kill -9 is
 * claimed again when its lease (VIGIL_CAPTURE_LEASE_MS) runs out and completes exactly once. What is
 * still pending afterwards (a retry's back-off, a dead worker's lease) gets a capture job at its time.
 * Screenshots need Chromium in each worker; they are on with VIGIL_WORKER_SCREENSHOTS=1.
 */
export async function runCaptureJob(
  ctx: Pick<JobContext, 'store' | 'blobs' | 'queue' | 'signal' | 'env'>,
): Promise<CaptureRunSummary> {
  const enrichers = await defaultEnrichers({ screenshots: ctx.env.VIGIL_WORKER_SCREENSHOTS === '1', env: ctx.env });
  try {
    const worker = captureWorkerFromEnv({
      store: ctx.store,
      blobs: ctx.blobs,
      env: ctx.env,
      signal: ctx.signal,
      concurrency: 1,
      enrichers: enrichers.list,
    });
    const summary = await worker.drain();
    const next = await nextCaptureDue(ctx.store.db);
    if (next) await enqueueCapture(ctx.queue, new Date(Math.max(Date.parse(next), Date.now() + 1000)));
    return summary;
  } finally {
    await enrichers.close();
  }
}
