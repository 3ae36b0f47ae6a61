import type { BlobStore } from '../../evidence/blob-store.ts';
import type { Store } from '../../store/contract.ts';

/** The queues Vigil's work is spread over; a worker serves some or all of them. */
export const QUEUES = ['import', 'analysis', 'capture', 'poll', 'alerts', 'delivery'] as const;
export type QueueName = (typeof QUEUES)[number];

export function isQueueName(s: string): s is QueueName {
  return (QUEUES as readonly string[]).includes(s);
}

export interface SendOptions {
  /**
   * A job id derived from what the job does (see jobIdFor): sending the same id again while the first
   * is still kept adds nothing, so a retried producer never enqueues a follow-up twice.
   */
  id?: string;
  /** Poll and alert queues keep one job per key queued and one running (pg-boss `stately`). */
  singletonKey?: string;
  startAfter?: Date;
}

/** What a job function gets besides its data. */
export interface JobContext {
  store: Store;
  blobs: BlobStore;
  queue: JobQueue;
  /** The job's id and how many times it was tried before (a retry after a kill -9 has retryCount > 0). */
  job: { id: string; queue: QueueName; retryCount: number };
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

export type JobFunction = (ctx: JobContext, data: unknown) => Promise<unknown>;

export interface WorkOptions {
  queues: readonly QueueName[];
  /** Jobs of each queue worked at once in this process. */
  concurrency: number;
  /**
   * Return once no job of these queues is ready or running and none waits for a retry due within
   * `retryHorizonMs`. Jobs created for a later start (a poll's next turn) and retries due later stay
   * queued; the summary says how many retries were left and when the next is due. A watch evaluation put
   * back until an import is analysed (alerts-gate.ts) is waited for like a retry.
   */
  untilIdle?: boolean;
  /** With untilIdle: how far ahead a retry keeps the worker waiting (default UNTIL_IDLE_RETRY_HORIZON_MS). */
  retryHorizonMs?: number;
  signal?: AbortSignal;
  onJob?: (e: JobReport) => void;
  /** A job was claimed and is about to run. */
  onStart?: (e: { id: string; queue: QueueName }) => void;
}

/** One finished attempt, for the worker's log and the benchmark's busy share. */
export interface JobReport {
  id: string;
  queue: QueueName;
  ok: boolean;
  error?: string;
  /** Enqueue → start and start → end, in ms. */
  waitedMs: number;
  ranMs: number;
}

export interface WorkSummary {
  completed: number;
  failed: number;
  /** Time during which at least one job was running in this process (its busy share is busyMs / elapsedMs). */
  busyMs: number;
  elapsedMs: number;
  /** With untilIdle: jobs of these queues left waiting for a retry due after the horizon, and the soonest. */
  waitingForRetry?: { jobs: number; nextAt?: string };
}

/**
 * `--until-idle` waits for a retry due within this long: a job of a worker killed mid-run comes back as a
 * retry within seconds (a delivery's within 30 to 60 s), and waiting for it finishes the work. A retry
 * due later (a receiver down for an hour backs off for longer) does not keep the worker from exiting.
 */
export const UNTIL_IDLE_RETRY_HORIZON_MS = 60_000;

export interface QueueDepth {
  queue: QueueName;
  /** Ready to start now. */
  ready: number;
  /** Waiting for a later start (a poll's next turn, a retry's back-off). */
  deferred: number;
  /** Of those, retries due within UNTIL_IDLE_RETRY_HORIZON_MS (a killed worker's job coming back). */
  retryingSoon: number;
  active: number;
  completed: number;
  failed: number;
}

export interface JobRecord {
  id: string;
  queue: QueueName;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  createdOn: string;
  startedOn?: string;
  completedOn?: string;
  /** When a job waiting for a retry (or created for later) may start. */
  startAfter?: string;
  /** The last error, for failed jobs, jobs waiting for a retry and jobs cancelled after a failure. */
  error?: string;
  data: unknown;
}

/** A job's state in words, for messages such as "job … is waiting for a retry; it cannot be retried". */
export const STATE_WORDS: Record<JobRecord['state'], string> = {
  created: 'queued',
  retry: 'waiting for a retry',
  active: 'running',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * The job queue. On PostgreSQL it is pg-boss in its own schema, shared by every worker on every
 * machine; on SQLite it is a runner inside this process. The job functions are the same for both.
 */
export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** The job id, or null when a job with the same id (or singleton key) is already queued. */
  send(queue: QueueName, data: object, opts?: SendOptions): Promise<string | null>;
  work(opts: WorkOptions): Promise<WorkSummary>;
  depths(): Promise<QueueDepth[]>;
  /** Failed jobs, cancelled jobs and jobs waiting for a retry, newest first, with their last errors. */
  problems(limit?: number): Promise<JobRecord[]>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** Run a failed or cancelled job again. False when no such job can be retried. */
  retry(id: string): Promise<boolean>;
  /** Cancel a queued or running job. False when no such job can be cancelled. */
  cancel(id: string): Promise<boolean>;
  close(): Promise<void>;
}
