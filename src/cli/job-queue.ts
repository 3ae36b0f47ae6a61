import { openJobQueue } from '../pipeline/jobs/open-job-queue.ts';
import type { JobQueue } from '../pipeline/jobs/queue.ts';
import type { CliContext } from './context.ts';

/** The job queue of the command's store: pg-boss when VIGIL_DATABASE_URL is set, else in this process. */
export function openCliQueue(ctx: CliContext): Promise<JobQueue> {
  return openJobQueue(
    { store: ctx.store, blobs: ctx.blobs, env: process.env },
    process.env.VIGIL_DATABASE_URL || undefined,
  );
}
