import { hostname } from 'node:os';
import {
  CAPTURE_COMPLETED,
  CAPTURE_FAILED,
  type CaptureCompletedPayload,
  type CaptureFailedPayload,
} from '../../core/capture-events.ts';
import { BLOB_CAPTURED } from '../../core/events.ts';
import type { LedgerEventDraft } from '../../core/ledger-event.ts';
import { FetchRefusedError, FetchTooLargeError } from '../../core/net/errors.ts';
import { backoffMs } from '../../core/net/retry-after.ts';
import type { Store } from '../../store/contract.ts';
import {
  type CaptureJob,
  claimCaptureJob,
  deferCaptureJob,
  getCaptureJob,
  nextCaptureDue,
} from '../../store/queries/capture-queue.ts';

/** A blob a capture wrote, to be listed in the blobs table (blob.captured). */
export interface CapturedBlob {
  sha256: string;
  bytes: number;
  mime?: string;
  name?: string;
}

/** What a capturer returns: the payload (without the job's own fields) and every blob it wrote. */
export interface CaptureResult {
  payload: Omit<CaptureCompletedPayload, 'jobId' | 'messageId' | 'kind' | 'url' | 'attempts'>;
  blobs: CapturedBlob[];
}

export type Capturer = (job: CaptureJob, signal: AbortSignal) => Promise<CaptureResult>;

export interface CaptureWorkerOptions {
  store: Store;
  capture: Capturer;
  /** Tool versions put on capture.failed events (completed ones carry the capturer's own). */
  tools: Record<string, string>;
  /** Who holds a lease; default host:pid. */
  owner?: string;
  /** How long a claimed job is kept from other workers (default 10 min); a killed worker's lease runs out. */
  leaseMs?: number;
  /** Tries before a job is given up as capture.failed (default 5). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Jobs worked at once (default 2). */
  concurrency?: number;
  /** Longest sleep when nothing is due (continuous mode; default 5 s). */
  pollMs?: number;
  now?: () => Date;
  random?: () => number;
  signal?: AbortSignal;
  onOutcome?: (o: CaptureOutcome) => void;
}

export interface CaptureOutcome {
  job: CaptureJob;
  outcome: 'completed' | 'failed' | 'retry' | 'lost';
  detail?: string;
}

export interface CaptureRunSummary {
  completed: number;
  failed: number;
  retried: number;
  /** Finished by another worker first (its lease had run out): nothing written. */
  lost: number;
}

/** Refused addresses and oversized bodies will not change on a retry. */
function isPermanent(err: unknown): boolean {
  return err instanceof FetchRefusedError || err instanceof FetchTooLargeError || err instanceof TypeError;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Works the capture queue. Exactly once: a job's capture.completed (or capture.failed) is appended in
 * the transaction that checks the job is still pending, and the projection closes it there; a worker
 * killed mid-capture leaves only content-addressed blobs (rewritten identically) and a lease that runs
 * out, after which the job is claimed again.
 */
export class CaptureWorker {
  private readonly o: Required<Omit<CaptureWorkerOptions, 'signal' | 'onOutcome'>> &
    Pick<CaptureWorkerOptions, 'signal' | 'onOutcome'>;

  constructor(options: CaptureWorkerOptions) {
    this.o = {
      owner: `${hostname()}:${process.pid}`,
      leaseMs: 10 * 60_000,
      maxAttempts: 5,
      backoffBaseMs: 30_000,
      backoffCapMs: 6 * 3600_000,
      concurrency: 2,
      pollMs: 5000,
      now: () => new Date(),
      random: Math.random,
      ...options,
    };
  }

  /** Work every due job, then return (`vigil capture --once`). Jobs waiting for a later retry stay queued. */
  async drain(): Promise<CaptureRunSummary> {
    const summary: CaptureRunSummary = { completed: 0, failed: 0, retried: 0, lost: 0 };
    await Promise.all(Array.from({ length: this.o.concurrency }, () => this.loop(summary, true)));
    return summary;
  }

  /** Work the queue until the signal aborts (`vigil capture`, or in-process in serve and watch). */
  async run(): Promise<CaptureRunSummary> {
    const summary: CaptureRunSummary = { completed: 0, failed: 0, retried: 0, lost: 0 };
    await Promise.all(Array.from({ length: this.o.concurrency }, () => this.loop(summary, false)));
    return summary;
  }

  private async loop(summary: CaptureRunSummary, once: boolean): Promise<void> {
    const { store } = this.o;
    while (!this.o.signal?.aborted) {
      const job = await claimCaptureJob(store.db, store.dialect, this.o.owner, this.o.now(), this.o.leaseMs);
      if (!job) {
        if (once) return;
        const next = await nextCaptureDue(store.db);
        const wait = next ? Math.max(50, Date.parse(next) - this.o.now().getTime()) : this.o.pollMs;
        await sleep(Math.min(wait, this.o.pollMs), this.o.signal);
        continue;
      }
      const out = await this.work(job);
      if (out.outcome === 'completed') summary.completed++;
      else if (out.outcome === 'failed') summary.failed++;
      else if (out.outcome === 'retry') summary.retried++;
      else summary.lost++;
      this.o.onOutcome?.(out);
    }
  }

  private async work(job: CaptureJob): Promise<CaptureOutcome> {
    const signal = this.o.signal ?? new AbortController().signal;
    try {
      const result = await this.o.capture(job, signal);
      const written = await this.finish(
        job,
        {
          kind: CAPTURE_COMPLETED,
          at: result.payload.completedAt,
          actor: 'system',
          payload: {
            jobId: job.id,
            messageId: job.messageId,
            kind: job.kind,
            url: job.url,
            attempts: job.attempts,
            ...result.payload,
          } satisfies CaptureCompletedPayload,
        },
        result.blobs,
      );
      return { job, outcome: written ? 'completed' : 'lost' };
    } catch (err) {
      const detail = errorText(err);
      if (signal.aborted) return { job, outcome: 'retry', detail: 'stopped' };
      if (!isPermanent(err) && job.attempts < this.o.maxAttempts) {
        const wait = backoffMs(job.attempts - 1, this.o.backoffBaseMs, this.o.backoffCapMs, this.o.random);
        const now = this.o.now();
        // at least a second, so a due job never spins
        await deferCaptureJob(
          this.o.store.db,
          job.id,
          this.o.owner,
          detail,
          new Date(now.getTime() + Math.max(1000, wait)),
          now,
        );
        return { job, outcome: 'retry', detail };
      }
      const at = this.o.now().toISOString();
      const written = await this.finish(
        job,
        {
          kind: CAPTURE_FAILED,
          at,
          actor: 'system',
          payload: {
            jobId: job.id,
            messageId: job.messageId,
            kind: job.kind,
            url: job.url,
            error: detail,
            errorKind: err instanceof Error ? err.constructor.name : 'Error',
            attempts: job.attempts,
            at,
            tools: this.o.tools,
          } satisfies CaptureFailedPayload,
        },
        [],
      );
      return { job, outcome: written ? 'failed' : 'lost', detail };
    }
  }

  /** Append the closing event only if the job is still open; false when another worker closed it first. */
  private async finish(job: CaptureJob, draft: LedgerEventDraft, blobs: CapturedBlob[]): Promise<boolean> {
    const { result } = await this.o.store.appendWith(async (db) => {
      const current = await getCaptureJob(db, job.id);
      if (current?.state !== 'pending') return { drafts: [], result: false };
      const drafts: LedgerEventDraft[] = [];
      const unique = [...new Map(blobs.map((b) => [b.sha256, b])).values()];
      const known = unique.length
        ? await db
            .selectFrom('blobs')
            .select('sha256')
            .where(
              'sha256',
              'in',
              unique.map((b) => b.sha256),
            )
            .execute()
        : [];
      const have = new Set(known.map((k) => k.sha256));
      for (const b of unique)
        if (!have.has(b.sha256))
          drafts.push({ kind: BLOB_CAPTURED, at: draft.at, actor: 'system', payload: { ...b, source: 'capture' } });
      drafts.push(draft);
      return { drafts, result: true };
    });
    return result;
  }
}
