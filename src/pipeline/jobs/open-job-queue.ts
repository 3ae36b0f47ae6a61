import { InProcessQueue } from './in-process-queue.ts';
import { PgBossQueue } from './pg-boss-queue.ts';
import type { JobQueue } from './queue.ts';
import type { JobEnvironment } from './run-job.ts';

/**
 * pg-boss on the team store when `databaseUrl` is set (the store's own PostgreSQL database), else the
 * in-process runner that SQLite users get without setting anything up.
 */
export function openJobQueue(envt: JobEnvironment, databaseUrl: string | undefined): Promise<JobQueue> {
  if (databaseUrl) return PgBossQueue.open(databaseUrl, envt);
  return Promise.resolve(new InProcessQueue(envt));
}
