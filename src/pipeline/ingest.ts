import type { Readable } from 'node:stream';
import { parseMinimal } from '../sources/minimal-message.ts';
import { readLines } from '../sources/read-lines.ts';
import { captureBatch, type PendingMessage } from './capture.ts';
import type { PipelineContext } from './import.ts';
import type { Stage } from './stage.ts';
import { stages as defaultStages } from './stages.ts';
import { addRejection, emptySummary, type ImportSummary } from './summary.ts';

export interface IngestOptions {
  /** Longest a message waits before it is committed (and searchable). */
  flushMs?: number;
  maxBatch?: number;
  actor?: string;
  stages?: Stage[];
  signal?: AbortSignal;
  onBatch?: (summary: ImportSummary) => void;
}

interface Line {
  text: string;
  raw: Buffer;
}

/**
 * Live ingest: JSONL messages in the minimal shape, as they arrive. Lines are committed at least
 * every `flushMs`; each committed chunk of raw lines is kept as a blob, and messages point at their
 * line inside it.
 */
export async function ingestStream(
  ctx: PipelineContext,
  input: Readable | AsyncIterable<Uint8Array>,
  opts: IngestOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary('stdin', 'jsonl');
  const flushMs = opts.flushMs ?? 200;
  const maxBatch = opts.maxBatch ?? 1000;
  const actor = opts.actor ?? 'ingest';
  const stages = opts.stages ?? defaultStages;
  const started = Date.now();

  let pending: Line[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();

  const commit = async (lines: Line[]) => {
    if (lines.length === 0) return;
    // The lines' bytes as received (a CRLF or a BOM stays), each ending in its own line break; a last
    // line that arrived without one gets none, so the chunk is byte for byte what was read.
    const chunk = Buffer.concat(lines.map((l) => l.raw));
    const put = await ctx.blobs.putBytes(chunk);
    summary.blobs[put.existed ? 'existing' : 'new']++;
    const file = `stdin-chunk:${put.sha256.slice(0, 12)}`;
    const batch: PendingMessage[] = [];
    lines.forEach((l, i) => {
      const place = `line=${i + 1}`;
      summary.read++;
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (err) {
        addRejection(summary, { file, place, reason: `invalid JSON: ${(err as Error).message}` });
        return;
      }
      const parsed = parseMinimal(value);
      if (!parsed.ok) {
        addRejection(summary, { file, place, reason: parsed.reason });
        return;
      }
      batch.push({
        raw: parsed.message,
        file,
        place,
        provenance: {
          source: 'ingest',
          blob: put.sha256,
          locator: `#${place}`,
          importer: { name: 'ingest', version: '1.0.0' },
        },
      });
    });
    const out = await captureBatch(ctx.store, batch, {
      actor,
      capturedAt: new Date().toISOString(),
      stages,
      blobs: [{ sha256: put.sha256, bytes: put.bytes, name: file, source: 'ingest' }],
    });
    summary.new += out.new;
    summary.edited += out.edited;
    summary.unchanged += out.unchanged;
    for (const r of out.invalid) addRejection(summary, r);
    opts.onBatch?.(summary);
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const lines = pending;
    pending = [];
    chain = chain.then(() => commit(lines));
    return chain;
  };

  for await (const l of readLines(input as AsyncIterable<Uint8Array>, undefined, true)) {
    if (opts.signal?.aborted) break;
    if (!l.ok) {
      summary.read++;
      addRejection(summary, { file: 'stdin', place: `line=${l.line}`, reason: l.reason });
      continue;
    }
    if (l.text.trim() === '') continue;
    pending.push({ text: l.text, raw: l.raw ?? Buffer.from(`${l.text}\n`) });
    if (pending.length >= maxBatch) await flush();
    else if (!timer) timer = setTimeout(() => void flush(), flushMs);
  }
  await flush();
  summary.durationMs = Date.now() - started;
  return summary;
}
