import { randomUUID } from 'node:crypto';
import type { JobQueue, JobRecord, QueueDepth, QueueName, SendOptions, WorkOptions, WorkSummary } from './queue.ts';
import { QUEUES, UNTIL_IDLE_RETRY_HORIZON_MS } from './queue.ts';
import { errorText, type JobEnvironment, runJob } from './run-job.ts';

interface Entry extends Omit<JobRecord, 'startAfter'> {
  startAfter: number;
  singletonKey?: string;
}

const RETRY_LIMIT = 3;
/** Finished jobs kept for `vigil jobs` in a long-running process. */
const KEEP_FINISHED = 1000;

/**
 * The job queue on SQLite: the same job functions, run inside this process; nothing to set up, and
 * nothing kept across restarts (the work itself is idempotent and resumable, as on PostgreSQL). Like
 * the pg-boss queues it keeps one job per singleton key queued and one running, and retries a failed
 * job with back-off a few times.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly jobs = new Map<string, Entry>();
  private wake: (() => void) | undefined;

  constructor(private readonly envt: JobEnvironment) {}

  async send(queue: QueueName, data: object, opts: SendOptions = {}): Promise<string | null> {
    const id = opts.id ?? randomUUID();
    if (this.jobs.has(id)) return null;
    if (opts.singletonKey)
      for (const j of this.jobs.values())
        if (j.queue === queue && j.singletonKey === opts.singletonKey && (j.state === 'created' || j.state === 'retry'))
          return null;
    this.jobs.set(id, {
      id,
      queue,
      state: 'created',
      retryCount: 0,
      createdOn: new Date().toISOString(),
      data,
      startAfter: opts.startAfter?.getTime() ?? Date.now(),
      singletonKey: opts.singletonKey,
    });
    this.wake?.();
    return id;
  }

  private next(queues: readonly QueueName[], now: number): Entry | undefined {
    for (const j of this.jobs.values()) {
      if (!queues.includes(j.queue) || (j.state !== 'created' && j.state !== 'retry') || j.startAfter > now) continue;
      if (
        j.singletonKey &&
        [...this.jobs.values()].some(
          (a) => a.state === 'active' && a.queue === j.queue && a.singletonKey === j.singletonKey,
        )
      )
        continue;
      return j;
    }
    return undefined;
  }

  async work(opts: WorkOptions): Promise<WorkSummary> {
    const started = Date.now();
    const summary: WorkSummary = { completed: 0, failed: 0, busyMs: 0, elapsedMs: 0 };
    const slots = opts.queues.length * opts.concurrency;
    let active = 0;
    let busySince = 0;
    const controller = new AbortController();
    const stop = () => controller.abort();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const runOne = async (j: Entry) => {
      j.state = 'active';
      j.startedOn = new Date().toISOString();
      opts.onStart?.({ id: j.id, queue: j.queue });
      const t0 = Date.now();
      let error: string | undefined;
      try {
        await runJob(this.envt, this, j, controller.signal);
        j.state = 'completed';
        summary.completed++;
      } catch (err) {
        error = errorText(err);
        j.error = error;
        if (j.retryCount < RETRY_LIMIT && !controller.signal.aborted) {
          j.retryCount++;
          j.state = 'retry';
          j.startAfter = Date.now() + 1000 * 2 ** j.retryCount;
        } else {
          j.state = 'failed';
          summary.failed++;
        }
      }
      j.completedOn = new Date().toISOString();
      const ranMs = Date.now() - t0;
      opts.onJob?.({
        id: j.id,
        queue: j.queue,
        ok: error === undefined,
        error,
        waitedMs: t0 - Date.parse(j.createdOn),
        ranMs,
      });
      this.prune();
    };
    await new Promise<void>((resolve) => {
      // a finished run must not be woken by a later send: its pump would take jobs under its old summary
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      let wake: (() => void) | undefined;
      const finish = () => {
        finished = true;
        clearTimeout(timer);
        if (this.wake === wake) this.wake = undefined;
        resolve();
      };
      const pump = () => {
        if (finished) return;
        if (controller.signal.aborted) {
          if (active === 0) finish();
          return;
        }
        const now = Date.now();
        for (let j = this.next(opts.queues, now); j && active < slots; j = this.next(opts.queues, now)) {
          if (active++ === 0) busySince = Date.now();
          void runOne(j).finally(() => {
            if (--active === 0) summary.busyMs += Date.now() - busySince;
            pump();
          });
        }
        if (active > 0) return;
        const waiting = [...this.jobs.values()].filter(
          (j) => opts.queues.includes(j.queue) && (j.state === 'created' || j.state === 'retry'),
        );
        const soonest = Math.min(...waiting.map((j) => j.startAfter));
        if (opts.untilIdle) {
          const horizon = now + (opts.retryHorizonMs ?? UNTIL_IDLE_RETRY_HORIZON_MS);
          // a job created for later (a poll's next turn) or a retry due past the horizon does not keep it; a
          // watch evaluation put back until an import is analysed (alerts-gate.ts) keeps it like a retry
          const due = waiting.filter(
            (j) => j.startAfter <= (j.state === 'retry' || j.queue === 'alerts' ? horizon : now),
          );
          if (due.length === 0) {
            const retries = waiting.filter((j) => j.state === 'retry');
            if (retries.length > 0)
              summary.waitingForRetry = {
                jobs: retries.length,
                nextAt: new Date(Math.min(...retries.map((j) => j.startAfter))).toISOString(),
              };
            return finish();
          }
        }
        clearTimeout(timer);
        timer = setTimeout(pump, Math.max(10, Math.min(60_000, soonest - now)));
        wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          queueMicrotask(pump);
        };
        this.wake = wake;
      };
      controller.signal.addEventListener('abort', () => this.wake?.(), { once: true });
      pump();
    });
    opts.signal?.removeEventListener('abort', stop);
    summary.elapsedMs = Date.now() - started;
    return summary;
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'completed' || j.state === 'cancelled');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }

  async depths(): Promise<QueueDepth[]> {
    const now = Date.now();
    return QUEUES.map((queue) => {
      const d: QueueDepth = { queue, ready: 0, deferred: 0, retryingSoon: 0, active: 0, completed: 0, failed: 0 };
      for (const j of this.jobs.values()) {
        if (j.queue !== queue) continue;
        if (j.state === 'retry' && j.startAfter > now && j.startAfter <= now + UNTIL_IDLE_RETRY_HORIZON_MS)
          d.retryingSoon++;
        if (j.state === 'created' || j.state === 'retry') d[j.startAfter > now ? 'deferred' : 'ready']++;
        else if (j.state === 'active') d.active++;
        else if (j.state === 'completed') d.completed++;
        else if (j.state === 'failed') d.failed++;
      }
      return d;
    });
  }

  async problems(limit = 50): Promise<JobRecord[]> {
    return [...this.jobs.values()]
      .filter((j) => j.state === 'failed' || j.state === 'retry' || j.state === 'cancelled')
      .reverse()
      .slice(0, limit)
      .map(publicRecord);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const j = this.jobs.get(id);
    return j && publicRecord(j);
  }

  async retry(id: string): Promise<boolean> {
    const j = this.jobs.get(id);
    if (!j || (j.state !== 'failed' && j.state !== 'cancelled')) return false;
    j.state = 'retry';
    j.startAfter = Date.now();
    this.wake?.();
    return true;
  }

  async cancel(id: string): Promise<boolean> {
    const j = this.jobs.get(id);
    if (!j || (j.state !== 'created' && j.state !== 'retry')) return false;
    j.state = 'cancelled';
    return true;
  }

  async close(): Promise<void> {}
}

function publicRecord(j: Entry): JobRecord {
  const { startAfter, singletonKey: _k, ...rest } = j;
  const waiting = j.state === 'created' || j.state === 'retry';
  return waiting ? { ...rest, startAfter: new Date(startAfter).toISOString() } : rest;
}
