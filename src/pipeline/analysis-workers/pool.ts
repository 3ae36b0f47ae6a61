import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzeInput } from '../../analysis/analysis-schema.ts';
import type { Analysis } from '../../core/analysis.ts';
import type { AnalysisReply, AnalysisRequest, PayloadKey, PreparedPayload, TextDerivatives } from './protocol.ts';

/** The analyses of a batch, and what the writes derive from each text, in the batch's order. */
export interface Analyzed {
  analyses: Analysis[];
  texts: TextDerivatives[];
  /** The message.analyzed payloads prepared by the workers, when keys were given. */
  payloads?: PreparedPayload[];
}

/**
 * How many analysis worker threads a bulk import uses: VIGIL_ANALYSIS_WORKERS when set (0 analyzes on
 * the main thread), otherwise one less than the cores, at most 4 (the main thread writes to the store).
 */
export function analysisWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.VIGIL_ANALYSIS_WORKERS;
  if (set !== undefined && set.trim() !== '') {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 0) throw new Error(`VIGIL_ANALYSIS_WORKERS must be a whole number, not ${set}`);
    return n;
  }
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Pending {
  resolve: (a: Analyzed) => void;
  reject: (e: Error) => void;
}

/** Worker threads that analyze batches of messages (models loaded once in each), answering in order. */
export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private loaded = 0;
  private readonly allLoaded: Promise<void>;
  private onAllLoaded = () => {};
  /** Messages analyzed by the workers so far. */
  analyzed = 0;

  constructor(size: number) {
    // The worker is TypeScript: load it through tsx, found from this module (not from the cwd), whether
    // the process runs under `node --import tsx` or bin/vigil's in-process register().
    const execArgv = ['--import', import.meta.resolve('tsx')];
    this.allLoaded = new Promise((resolve) => {
      this.onAllLoaded = resolve;
    });
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./worker.ts', import.meta.url), { execArgv });
      w.on('message', (reply: AnalysisReply) => this.settle(reply));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Every worker has loaded its models (until then a caller may rather analyze inline). */
  get ready(): boolean {
    return this.workers.length > 0 && this.loaded === this.workers.length && !this.failure;
  }

  /** Resolves when every worker has loaded its models (tests wait for it). */
  whenReady(): Promise<void> {
    return this.allLoaded;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * The analyses of `inputs`, in order; the batch is split between the workers. With `keys` (one per input),
   * the workers also prepare each message.analyzed payload as the ledger stores it.
   */
  async analyze(inputs: AnalyzeInput[], keys?: PayloadKey[]): Promise<Analyzed> {
    if (inputs.length === 0) return { analyses: [], texts: [], ...(keys ? { payloads: [] } : {}) };
    if (keys && keys.length !== inputs.length) throw new Error('one payload key a message is needed');
    const per = Math.ceil(inputs.length / this.workers.length);
    const parts: Promise<Analyzed>[] = [];
    for (let i = 0; i * per < inputs.length; i++) {
      parts.push(this.send(this.workers[i], inputs.slice(i * per, (i + 1) * per), keys?.slice(i * per, (i + 1) * per)));
    }
    const done = await Promise.all(parts);
    return {
      analyses: done.flatMap((d) => d.analyses),
      texts: done.flatMap((d) => d.texts),
      ...(keys ? { payloads: done.flatMap((d) => d.payloads ?? []) } : {}),
    };
  }

  async close(): Promise<void> {
    this.failure ??= new Error('analysis pool closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(worker: Worker, inputs: AnalyzeInput[], keys?: PayloadKey[]): Promise<Analyzed> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, inputs, keys } satisfies AnalysisRequest);
    });
  }

  private settle(reply: AnalysisReply): void {
    if ('ready' in reply) {
      if (++this.loaded === this.workers.length) this.onAllLoaded();
      return;
    }
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) p.reject(new Error(`analysis worker: ${reply.error}`));
    else {
      this.analyzed += reply.analyses.length;
      p.resolve({ analyses: reply.analyses, texts: reply.texts, payloads: reply.payloads });
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
