import { hasDefaultModel } from '../../analysis/classify/model-files.ts';
import { dupSignaturesAhead } from '../../analysis/near-dup.ts';
import { searchableAhead } from '../../core/arabic-normalize.ts';
import type { Store } from '../../store/contract.ts';
import { analysisInput, analysisStage, providePrecomputed } from '../analysis-stage.ts';
import type { ValidatedBatch } from '../capture.ts';
import type { Stage } from '../stage.ts';
import { AnalysisPool, analysisWorkerCount } from './pool.ts';

/**
 * An input file this big (about 20,000 JSONL messages) starts the analysis workers with its first batch:
 * their start (tsx and the models, over a second) is then a small part of the import.
 */
export const WORKERS_FROM_BYTES = 8 * 2 ** 20;

/**
 * Otherwise (a smaller file, a folder) the import analyzes inline, and starts its workers once it has read
 * this many valid messages; it goes on inline until they have loaded the models.
 */
export const WORKERS_AFTER_MESSAGES = 20_000;

/**
 * Batches read and validated ahead of the ones being written, while the workers analyze them. The import
 * writes when more than this many are held, up to GROUP_BATCHES of them (those analyzed already) in one
 * transaction, so the workers still have the rest to analyze while the main thread writes.
 */
export const BATCHES_AHEAD = 4;

/**
 * At most this many batches are written in one transaction (captureValidatedGroup). Measured at 200,000
 * messages, three interleaved runs each: 4 in a transaction +11% messages/s over one, for 50-80 MB more peak
 * RSS (bench/RESULTS.md, issue 18).
 */
export const GROUP_BATCHES = 4;

export interface AheadOptions {
  /** Worker threads (0: analyze inline, on the main thread). Default: analysisWorkerCount(). */
  workers?: number;
  /** Start them after this many valid messages. Default: from the input's size, see WORKERS_FROM_BYTES. */
  after?: number;
  /** The size of the input file, when it is one. */
  inputBytes?: number;
  /** A pool to use instead of starting one (tests); it is not closed here. */
  pool?: AnalysisPool;
}

/**
 * Analysis of a bulk import's next batch on worker threads while the main thread writes the previous
 * one. It only computes: the analysis stage still writes the same events in the capture transaction,
 * taking these results instead of computing them (providePrecomputed), or computing any it lacks.
 */
export class AnalysisAhead {
  private pool: AnalysisPool | undefined;
  private readonly owned: boolean;
  private seen = 0;
  private readonly enabled: boolean;
  private readonly after: number;
  private readonly workers: number;
  /** Some batches were analyzed inline (so the models are loaded here): no waiting for the workers. */
  private inlineBefore = false;
  /** Why the workers stopped helping, if they did (the import went on analyzing inline). */
  failure: string | undefined;

  constructor(stages: Stage[], opts: AheadOptions = {}) {
    this.workers = opts.pool?.size ?? opts.workers ?? analysisWorkerCount();
    this.enabled = stages.includes(analysisStage) && this.workers > 0 && hasDefaultModel();
    const big = (opts.inputBytes ?? 0) >= WORKERS_FROM_BYTES;
    this.after = opts.pool ? 0 : (opts.after ?? (big ? 0 : WORKERS_AFTER_MESSAGES));
    this.pool = opts.pool;
    this.owned = !opts.pool;
  }

  /**
   * Start analyzing the messages of a validated batch that the store does not hold yet. Resolves when
   * their analyses are ready for the stage (or the workers failed: the stage then analyzes inline);
   * undefined when this batch is analyzed inline (the workers are off, not started yet, still loading
   * after batches were analyzed inline, or broken).
   */
  submit(store: Store, batch: ValidatedBatch): Promise<void> | undefined {
    if (!this.enabled) return undefined;
    this.seen += batch.valid.length;
    if (this.seen < this.after) {
      this.inlineBefore = true;
      return undefined;
    }
    this.pool ??= new AnalysisPool(this.workers);
    if (this.pool.failed) {
      this.failure ??= 'the analysis workers are not running';
      return undefined;
    }
    if (this.inlineBefore && !this.pool.ready) return undefined;
    const pool = this.pool;
    return (async () => {
      // Skip what is unchanged (a re-import); the transaction decides for good and the stage analyzes
      // anything captured that was not computed here. A failure here only means analyzing inline.
      try {
        const stored = await store.contentHashes(batch.valid.map((v) => v.id));
        const todo = batch.valid.filter((v) => stored.get(v.id) !== v.contentHash);
        const { analyses, texts, payloads } = await pool.analyze(
          todo.map(analysisInput),
          todo.map((c) => ({ messageId: c.id, contentHash: c.contentHash })),
        );
        providePrecomputed(todo, analyses, payloads);
        for (const [i, c] of todo.entries()) {
          searchableAhead.put(c.message.text, texts[i].searchable);
          dupSignaturesAhead.put(c.message.text, texts[i].signature);
        }
      } catch (e) {
        this.failure ??= e instanceof Error ? e.message : String(e);
      }
    })();
  }

  async close(): Promise<void> {
    searchableAhead.clear();
    dupSignaturesAhead.clear();
    if (this.owned) await this.pool?.close();
    this.pool = undefined;
  }
}
