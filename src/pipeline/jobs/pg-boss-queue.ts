import { type Job, type JobWithMetadata, PgBoss, type Queue } from 'pg-boss';
import type { JobQueue, JobRecord, QueueDepth, QueueName, SendOptions, WorkOptions, WorkSummary } from './queue.ts';
import { isQueueName, QUEUES, UNTIL_IDLE_RETRY_HORIZON_MS } from './queue.ts';
import { errorText, type JobEnvironment, runJob } from './run-job.ts';

/** pg-boss keeps its tables in a schema of its own in the team store's database. */
export const PGBOSS_SCHEMA = 'pgboss';

/**
 * A worker killed with kill -9 stops sending heartbeats; pg-boss's monitor then puts its job back for
 * another worker. Heartbeats go out every half period from the event loop, so no job function may
 * block the loop this long (analysis batches take well under a second).
 */
export const HEARTBEAT_SECONDS = 15;

const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, 'name'>> = {
  import: { retryLimit: 5, retryDelay: 1, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 6 * 3600 },
  analysis: { retryLimit: 5, retryDelay: 1, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 3600 },
  capture: { policy: 'stately', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 },
  poll: { policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
  alerts: { policy: 'stately', retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 },
  delivery: { policy: 'singleton', retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 },
};

interface JobRow {
  id: string;
  name: string;
  state: JobRecord['state'];
  retry_count: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  start_after: Date;
  output: unknown;
  data: unknown;
}

function toRecord(r: JobRow): JobRecord {
  const out = r.output as { message?: string } | null;
  // a job cancelled while it waited for a retry keeps the error that put it there
  const failing = r.state === 'failed' || r.state === 'retry' || r.state === 'cancelled';
  return {
    id: r.id,
    queue: r.name as QueueName,
    state: r.state,
    retryCount: Number(r.retry_count),
    createdOn: new Date(r.created_on).toISOString(),
    ...(r.started_on ? { startedOn: new Date(r.started_on).toISOString() } : {}),
    ...(r.completed_on ? { completedOn: new Date(r.completed_on).toISOString() } : {}),
    ...(r.state === 'created' || r.state === 'retry' ? { startAfter: new Date(r.start_after).toISOString() } : {}),
    ...(failing && out ? { error: typeof out.message === 'string' ? out.message : JSON.stringify(out) } : {}),
    data: r.data,
  };
}

const ROW = `id, name, state, retry_count, created_on, started_on, completed_on, start_after, output, data`;

/**
 * The job queue on PostgreSQL: pg-boss in the `pgboss` schema of the team store's database. Any number
 * of workers on any number of machines share it; a job is claimed with SKIP LOCKED by one of them.
 */
export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;

  private constructor(
    private readonly boss: PgBoss,
    private readonly envt: JobEnvironment,
  ) {}

  static async open(url: string, envt: JobEnvironment): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: url,
      schema: PGBOSS_SCHEMA,
      max: 4,
      application_name: 'vigil-jobs',
      // how soon a dead worker's job (no heartbeat) is noticed and retried
      monitorIntervalSeconds: 5,
      // a new job wakes idle workers at once instead of at their next poll
      useListenNotify: true,
    });
    boss.on('error', (err) => process.stderr.write(`vigil jobs: ${errorText(err)}\n`));
    await boss.start();
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const name of QUEUES) {
      const options = { ...QUEUE_OPTIONS[name], heartbeatSeconds: HEARTBEAT_SECONDS, notify: true };
      if (existing.has(name)) {
        // a queue's policy is fixed when it is created
        const { policy: _fixed, ...changeable } = options;
        await boss.updateQueue(name, changeable);
      } else
        await boss.createQueue(name, options).catch(async (err) => {
          // another worker created it at the same moment
          if (!(await boss.getQueue(name))) throw err;
        });
    }
    return new PgBossQueue(boss, envt);
  }

  private sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return this.boss
      .getDb()
      .executeSql(text, values)
      .then((r) => r.rows as T[]);
  }

  send(queue: QueueName, data: object, opts: SendOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, {
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    });
  }

  /**
   * Jobs of these queues that are ready, running, or waiting for a retry due within `horizonMs` (a killed
   * worker's job comes back as a retry after a short delay), and the retries due later. Jobs created for
   * later, such as a poll's next turn, do not count, except a watch evaluation put back within the horizon
   * until an import is analysed (alerts-gate.ts).
   */
  private async idleCheck(queues: readonly QueueName[], horizonMs: number) {
    const [r] = await this.sql<{ busy: number; later: number; next: Date | null }>(
      `select count(*) filter (where state = 'active' or start_after <= now()
                                 or ((state = 'retry' or name = 'alerts') and start_after <= now() + $2::float8 * interval '1 millisecond'))::int as busy,
              count(*) filter (where state = 'retry' and start_after > now() + $2::float8 * interval '1 millisecond')::int as later,
              min(start_after) filter (where state = 'retry' and start_after > now() + $2::float8 * interval '1 millisecond') as next
         from ${PGBOSS_SCHEMA}.job
        where name = any($1) and state in ('created', 'retry', 'active')`,
      [queues, horizonMs],
    );
    return { busy: Number(r?.busy ?? 0), later: Number(r?.later ?? 0), next: r?.next ? new Date(r.next) : undefined };
  }

  async work(opts: WorkOptions): Promise<WorkSummary> {
    const started = Date.now();
    const summary: WorkSummary = { completed: 0, failed: 0, busyMs: 0, elapsedMs: 0 };
    let running = 0;
    let busySince = 0;
    const handler = (queue: QueueName) => async (jobs: Job<unknown>[]) => {
      const job = jobs[0] as JobWithMetadata<unknown>;
      if (running++ === 0) busySince = Date.now();
      opts.onStart?.({ id: job.id, queue });
      const t0 = Date.now();
      try {
        // stopping the worker (SIGINT, SIGTERM) stops its jobs too; pg-boss retries them elsewhere
        const signal = opts.signal ? AbortSignal.any([job.signal, opts.signal]) : job.signal;
        await runJob(this.envt, this, { id: job.id, queue, retryCount: job.retryCount, data: job.data }, signal);
        summary.completed++;
        report(true);
      } catch (err) {
        summary.failed++;
        report(false, errorText(err));
        throw err;
      } finally {
        if (--running === 0) summary.busyMs += Date.now() - busySince;
      }
      function report(ok: boolean, error?: string) {
        opts.onJob?.({
          id: job.id,
          queue,
          ok,
          error,
          waitedMs: t0 - new Date(job.createdOn).getTime(),
          ranMs: Date.now() - t0,
        });
      }
    };
    for (const queue of opts.queues)
      await this.boss.work(
        queue,
        {
          localConcurrency: opts.concurrency,
          batchSize: 1,
          includeMetadata: true,
          pollingIntervalSeconds: 0.5,
          // with NOTIFY on, pg-boss would otherwise fall back to polling every 30 s
          notifyPollingIntervalSeconds: 0.5,
          // with a backlog, take the next job as soon as one ends rather than after the poll interval
          burstWhenReadyExceeds: 1,
        },
        handler(queue),
      );
    await new Promise<void>((resolve) => {
      let quiet = 0;
      const check = async () => {
        if (opts.signal?.aborted) return resolve();
        if (opts.untilIdle) {
          const idle = await this.idleCheck(opts.queues, opts.retryHorizonMs ?? UNTIL_IDLE_RETRY_HORIZON_MS).catch(
            () => ({ busy: 1, later: 0, next: undefined }),
          );
          quiet = running + idle.busy === 0 ? quiet + 1 : 0;
          // twice in a row: a job that just finished may be about to enqueue its follow-up
          if (quiet >= 2) {
            if (idle.later > 0) summary.waitingForRetry = { jobs: idle.later, nextAt: idle.next?.toISOString() };
            return resolve();
          }
        }
        setTimeout(check, 500);
      };
      opts.signal?.addEventListener('abort', () => resolve(), { once: true });
      void check();
    });
    for (const queue of opts.queues) await this.boss.offWork(queue, { wait: true });
    summary.elapsedMs = Date.now() - started;
    return summary;
  }

  async depths(): Promise<QueueDepth[]> {
    const rows = await this.sql<{ name: string; state: string; deferred: boolean; soon: boolean; n: number }>(
      `select name, state::text as state, (state in ('created', 'retry') and start_after > now()) as deferred,
              (state = 'retry' and start_after > now()
                 and start_after <= now() + $2::float8 * interval '1 millisecond') as soon,
              count(*)::int as n
         from ${PGBOSS_SCHEMA}.job where name = any($1) group by 1, 2, 3, 4`,
      [QUEUES, UNTIL_IDLE_RETRY_HORIZON_MS],
    );
    return QUEUES.map((queue) => {
      const d: QueueDepth = { queue, ready: 0, deferred: 0, retryingSoon: 0, active: 0, completed: 0, failed: 0 };
      for (const r of rows) {
        if (r.name !== queue) continue;
        const n = Number(r.n);
        if (r.soon) d.retryingSoon += n;
        if (r.state === 'created' || r.state === 'retry') d[r.deferred ? 'deferred' : 'ready'] += n;
        else if (r.state === 'active') d.active += n;
        else if (r.state === 'completed') d.completed += n;
        else if (r.state === 'failed') d.failed += n;
      }
      return d;
    });
  }

  async problems(limit = 50): Promise<JobRecord[]> {
    const rows = await this.sql<JobRow>(
      `select ${ROW} from ${PGBOSS_SCHEMA}.job where name = any($1) and state in ('failed', 'retry', 'cancelled')
        order by created_on desc limit $2`,
      [QUEUES, limit],
    );
    return rows.map(toRecord);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [r] = await this.sql<JobRow>(`select ${ROW} from ${PGBOSS_SCHEMA}.job where id = $1`, [id]);
    return r && isQueueName(r.name) ? toRecord(r) : undefined;
  }

  async retry(id: string): Promise<boolean> {
    const job = await this.getJob(id);
    if (!job || (job.state !== 'failed' && job.state !== 'cancelled')) return false;
    // pg-boss: retry() takes failed jobs, resume() cancelled ones
    if (job.state === 'failed') await this.boss.retry(job.queue, id);
    else await this.boss.resume(job.queue, id);
    // both keep a start in the future: a job cancelled while it waited an hour for its retry would wait on
    // after an admin asked to run it again
    await this.sql(
      `update ${PGBOSS_SCHEMA}.job set start_after = now()
        where name = $1 and id = $2 and state in ('created', 'retry') and start_after > now()`,
      [job.queue, id],
    );
    const after = await this.getJob(id);
    return after?.state === 'retry' || after?.state === 'created' || after?.state === 'active';
  }

  async cancel(id: string): Promise<boolean> {
    const job = await this.getJob(id);
    if (!job || job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') return false;
    await this.boss.cancel(job.queue, id);
    return (await this.getJob(id))?.state === 'cancelled';
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
