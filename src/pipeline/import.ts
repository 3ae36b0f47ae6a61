import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ImportError, UsageError } from '../core/errors.ts';
import type { BlobStore } from '../evidence/blob-store.ts';
import { detectSource, sourceByName } from '../sources/registry.ts';
import type { ImportInput, Source, SourceOptions } from '../sources/source.ts';
import type { Store } from '../store/contract.ts';
import { type AheadOptions, AnalysisAhead, BATCHES_AHEAD, GROUP_BATCHES } from './analysis-workers/ahead.ts';
import {
  type BatchOutcome,
  type BlobRecord,
  captureValidated,
  captureValidatedGroup,
  type GroupPart,
  type PendingMessage,
  type ValidatedBatch,
  validateBatch,
} from './capture.ts';
import { captureEvents, type PendingEvent } from './capture-events.ts';
import type { Stage } from './stage.ts';
import { stages as defaultStages } from './stages.ts';
import { addRejection, emptySummary, type ImportSummary } from './summary.ts';

/** An import that adds at least this many messages refreshes the store's planner statistics at the end. */
export const REFRESH_STATISTICS_AFTER = 1000;

export interface PipelineContext {
  store: Store;
  blobs: BlobStore;
}

export interface ImportOptions {
  format?: string;
  options?: SourceOptions;
  batchSize?: number;
  actor?: string;
  stages?: Stage[];
  signal?: AbortSignal;
  onProgress?: (summary: ImportSummary) => void;
  /** Capture time recorded on messages (tests pin it). */
  now?: () => Date;
  /** The name people know the file by, when `path` is a copy (a queued import reads it from the blob store). */
  displayName?: string;
  /** Called after each batch has committed (a queued import enqueues its analysis here). */
  afterBatch?: (outcome: BatchOutcome) => Promise<void>;
  /** Analysis on worker threads (see AnalysisAhead); `{ workers: 0 }` keeps it on the main thread. */
  analysisWorkers?: AheadOptions;
}

export async function resolveInput(path: string): Promise<ImportInput> {
  const abs = resolve(path);
  const st = await stat(abs).catch(() => {
    throw new UsageError(`no such file or folder: ${path}`, path);
  });
  return { path: abs, displayPath: path, isDirectory: st.isDirectory() };
}

export async function chooseSource(input: ImportInput, format?: string): Promise<Source> {
  if (format) return sourceByName(format);
  const s = await detectSource(input);
  if (!s) throw new ImportError('format not recognized; pass --format', input.displayPath);
  return s;
}

/**
 * Import one file, folder or zip: keep the original as a blob, read it with its source, and capture
 * messages in batches (one transaction each). Safe to re-run and to resume after a crash.
 */
export async function importPath(ctx: PipelineContext, path: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const resolved = await resolveInput(path);
  const input = opts.displayName ? { ...resolved, displayPath: opts.displayName } : resolved;
  const source = await chooseSource(input, opts.format);
  const summary = emptySummary(input.displayPath, source.name);
  const actor = opts.actor ?? `importer:${source.name}`;
  const batchSize = opts.batchSize ?? 1000;
  const now = opts.now ?? (() => new Date());
  const stages = opts.stages ?? defaultStages;

  // The evidentiary original: the file itself, or each member file of an unpacked folder.
  const originals = new Map<string, BlobRecord>();
  const pendingBlobs: BlobRecord[] = [];
  const keep = async (file: string, origin: string): Promise<BlobRecord> => {
    const known = originals.get(origin);
    if (known) return known;
    const put = await ctx.blobs.putFile(file);
    summary.blobs[put.existed ? 'existing' : 'new']++;
    const rec: BlobRecord = {
      sha256: put.sha256,
      bytes: put.bytes,
      name: origin || (opts.displayName ? basename(opts.displayName) : basename(file)),
      source: source.name,
    };
    originals.set(origin, rec);
    pendingBlobs.push(rec);
    return rec;
  };
  const originalFor = (origin: string) =>
    input.isDirectory ? keep(join(input.path, origin), origin) : keep(input.path, '');
  if (!input.isDirectory) await originalFor('');

  let batch: PendingMessage[] = [];
  const events: PendingEvent[] = [];
  const inputBytes = input.isDirectory ? undefined : (await stat(input.path)).size;
  const ahead = new AnalysisAhead(stages, { inputBytes, ...opts.analysisWorkers });
  // Batches whose analysis runs on a worker while the ones before them are written, in reading order,
  // each with the events read before it (the ledger keeps the reading order).
  const held: {
    events: PendingEvent[];
    validated: ValidatedBatch;
    blobs: BlobRecord[];
    analyzed: Promise<void>;
    done: boolean;
  }[] = [];
  const record = async (out: BatchOutcome) => {
    summary.new += out.new;
    summary.edited += out.edited;
    summary.unchanged += out.unchanged;
    for (const r of out.invalid) addRejection(summary, r);
    for (const [k, n] of Object.entries(out.stageFailures))
      summary.stageFailures[k] = (summary.stageFailures[k] ?? 0) + n;
    await opts.afterBatch?.(out);
    opts.onProgress?.(summary);
  };
  const write = async (validated: ValidatedBatch, blobs: BlobRecord[]) =>
    record(await captureValidated(ctx.store, validated, { actor, stages, blobs }));
  const writeGroup = async (parts: GroupPart[]) => {
    for (const out of await captureValidatedGroup(ctx.store, parts, { actor, stages })) await record(out);
  };
  /**
   * Write held batches: all of them (at the end), or, once more than BATCHES_AHEAD are held, the first (waiting
   * for its analysis) with those after it analyzed already, up to GROUP_BATCHES, in one transaction. A batch
   * read after source events (a folder's notices) starts a new transaction after those events, so the ledger
   * keeps the reading order.
   */
  const writeHeld = async (all: boolean) => {
    while (held.length > 0 && (all || held.length > BATCHES_AHEAD)) {
      const first = held.shift()!;
      await first.analyzed;
      await flushEvents(first.events);
      const group = [first];
      while (group.length < GROUP_BATCHES && held.length > 0 && (held[0].done || all) && held[0].events.length === 0) {
        const next = held.shift()!;
        await next.analyzed;
        group.push(next);
      }
      await writeGroup(group.map((h) => ({ validated: h.validated, blobs: h.blobs })));
    }
  };
  const flush = async (final = false) => {
    if (batch.length > 0 || pendingBlobs.length > 0) {
      const validated = validateBatch(batch, now().toISOString());
      batch = [];
      const blobs = pendingBlobs.splice(0);
      const analyzed = ahead.submit(ctx.store, validated);
      if (analyzed) {
        const h = { events: events.splice(0), validated, blobs, analyzed, done: false };
        analyzed.then(() => {
          h.done = true;
        });
        held.push(h);
        await writeHeld(final);
        return;
      }
      await writeHeld(true);
      await flushEvents(events.splice(0));
      await write(validated, blobs);
      return;
    }
    await writeHeld(true);
    await flushEvents(events.splice(0));
  };
  const flushEvents = async (todo: PendingEvent[]) => {
    if (todo.length === 0) return;
    const got = await captureEvents(ctx.store, todo, { actor });
    summary.eventsNew += got.new;
    summary.events -= got.invalid.length;
    for (const r of got.invalid) addRejection(summary, r);
  };

  const fileName = (origin: string) => (origin ? `${input.displayPath}:${origin}` : input.displayPath);
  try {
    for await (const item of source.read(input, opts.options ?? {}, opts.signal)) {
      if (opts.signal?.aborted) break;
      switch (item.kind) {
        case 'message': {
          summary.read++;
          if (item.progress !== undefined) summary.bytesRead = item.progress;
          const original = await originalFor(item.origin);
          batch.push({
            raw: item.message,
            file: fileName(item.origin),
            place: item.place,
            provenance: {
              source: source.name,
              blob: original.sha256,
              locator: `${input.isDirectory ? '' : item.origin}#${item.place}`,
              importer: { name: source.name, version: source.version },
            },
          });
          if (batch.length >= batchSize) await flush();
          break;
        }
        case 'media': {
          const put = await ctx.blobs.putBytes(item.bytes);
          summary.blobs[put.existed ? 'existing' : 'new']++;
          pendingBlobs.push({
            sha256: put.sha256,
            bytes: put.bytes,
            name: item.origin,
            mime: item.mime,
            source: 'media',
          });
          break;
        }
        case 'event': {
          summary.read++;
          summary.events++;
          const original = await originalFor(item.origin);
          events.push({
            raw: {
              ...item.event,
              provenance: {
                source: source.name,
                blob: original.sha256,
                locator: `${input.isDirectory ? '' : item.origin}#${item.place}`,
                importer: { name: source.name, version: source.version },
              },
            },
            file: fileName(item.origin),
            place: item.place,
          });
          if (events.length >= batchSize) await flush();
          break;
        }
        case 'rejected':
          summary.read++;
          addRejection(summary, { file: fileName(item.origin), place: item.place, reason: item.reason });
          break;
        case 'progress':
          summary.bytesRead = item.progress;
          break;
        case 'warning':
          summary.warnings.push(`${fileName(item.origin)}${item.place ? `:${item.place}` : ''}: ${item.message}`);
          break;
      }
    }
    await flush(true);
  } finally {
    await ahead.close();
  }
  if (ahead.failure)
    summary.warnings.push(`analysis ran on the main thread after its workers failed: ${ahead.failure}`);
  // Many new rows at once: let PostgreSQL's planner see them before the first search.
  if (summary.new + summary.edited >= REFRESH_STATISTICS_AFTER) await ctx.store.refreshStatistics();
  summary.durationMs = Date.now() - started;
  return summary;
}
