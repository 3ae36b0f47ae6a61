import type { BlobStore } from '../../evidence/blob-store.ts';
import type { Store } from '../../store/contract.ts';
import { jobFunctions } from './job-functions.ts';
import type { JobQueue, QueueName } from './queue.ts';

/** What every runner hands its jobs. */
export interface JobEnvironment {
  store: Store;
  blobs: BlobStore;
  env: NodeJS.ProcessEnv;
}

/** Run one job's function with its context: the one place both runners call into the job modules. */
export function runJob(
  envt: JobEnvironment,
  queue: JobQueue,
  job: { id: string; queue: QueueName; retryCount: number; data: unknown },
  signal: AbortSignal,
): Promise<unknown> {
  return jobFunctions[job.queue](
    {
      store: envt.store,
      blobs: envt.blobs,
      env: envt.env,
      queue,
      signal,
      job: { id: job.id, queue: job.queue, retryCount: job.retryCount },
    },
    job.data,
  );
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
