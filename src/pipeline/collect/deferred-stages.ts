import type { Store } from '../../store/contract.ts';
import type { CapturedMessage, Stage } from '../stage.ts';

/**
 * Runs deferrable stages (analysis) on messages already committed, in small batches of their own, so a
 * live post is searchable as soon as it is captured and triaged a moment later. The work is computed
 * outside the write transaction and each batch is short, so it never holds up the next capture commit
 * for long. Not durable by itself: after a crash, whoever starts it again re-queues what was captured
 * but not yet analyzed (jetstream-runner.ts does, from the store).
 */
export class DeferredStages {
  private queue: CapturedMessage[] = [];
  private running: Promise<void> | undefined;
  /** Messages a stage threw on, by stage name. */
  readonly failures: Record<string, number> = {};
  /** The last error that stopped a batch from being appended (the store is closing, for instance). */
  lastError: Error | undefined;

  constructor(
    private readonly store: Pick<Store, 'append'>,
    private readonly stages: Stage[],
    private readonly o: {
      batchSize?: number;
      /**
       * True while capture is behind (frames waiting longer than they should): the deferred work then
       * waits, so it does not slow capture further, unless `maxWaiting` messages are queued.
       */
      busy?: () => boolean;
      maxWaiting?: number;
    } = {},
  ) {}

  get waiting(): number {
    return this.queue.length;
  }

  push(batch: CapturedMessage[]): void {
    if (this.stages.length === 0 || batch.length === 0) return;
    for (const c of batch) this.queue.push(c);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when everything queued so far has been appended (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // Let waiting frames and the next capture commit go first.
      await new Promise<void>((r) => setImmediate(r));
      while (this.o.busy?.() && this.queue.length < (this.o.maxWaiting ?? 50_000))
        await new Promise<void>((r) => setTimeout(r, 50));
      const part = this.queue.splice(0, this.o.batchSize ?? 100);
      const drafts = [];
      for (const stage of this.stages) {
        try {
          drafts.push(...(await stage.run(part)));
        } catch {
          this.failures[stage.name] = (this.failures[stage.name] ?? 0) + part.length;
        }
      }
      try {
        if (drafts.length) await this.store.append(drafts);
      } catch (err) {
        this.lastError = err as Error;
      }
    }
  }
}
