import { BLOB_CAPTURED, MESSAGE_CAPTURED } from '../core/events.ts';
import { contentHash, identityHash } from '../core/hash.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { Message, type Provenance } from '../core/message.ts';
import type { RawMessage } from '../sources/source.ts';
import type { Store } from '../store/contract.ts';
import type { CapturedMessage, Stage } from './stage.ts';

export interface PendingMessage {
  raw: RawMessage;
  provenance: Provenance;
  file: string;
  place: string;
}

export interface BatchOutcome {
  new: number;
  edited: number;
  unchanged: number;
  invalid: { file: string; place: string; reason: string }[];
  stageFailures: Record<string, number>;
  captured: CapturedMessage[];
  /** Identity hashes of every valid message of the batch, captured or unchanged. */
  ids: string[];
}

export interface BlobRecord {
  sha256: string;
  bytes: number;
  name?: string;
  mime?: string;
  source: string;
}

/** A batch checked against the Message schema, hashed, ready for captureValidated. */
export interface ValidatedBatch {
  valid: CapturedMessage[];
  invalid: BatchOutcome['invalid'];
}

/** Validate and hash a batch (no store): what is captured of it is decided later, in the transaction. */
export function validateBatch(batch: PendingMessage[], capturedAt: string): ValidatedBatch {
  const out: ValidatedBatch = { valid: [], invalid: [] };
  for (const p of batch) {
    const r = Message.safeParse({ ...p.raw, capturedAt, provenance: p.provenance });
    if (!r.success) {
      const i = r.error.issues[0];
      out.invalid.push({ file: p.file, place: p.place, reason: `${i.path.join('.')}: ${i.message}` });
      continue;
    }
    out.valid.push({ id: identityHash(r.data), contentHash: contentHash(r.data), message: r.data });
  }
  return out;
}

/**
 * Validate a batch, decide new / edited / unchanged against the store inside the write
 * transaction, and append message.captured events (plus stage events) atomically.
 */
export async function captureBatch(store: Store, batch: PendingMessage[], opts: CaptureOptions): Promise<BatchOutcome> {
  return captureValidated(store, validateBatch(batch, opts.capturedAt), opts);
}

export interface CaptureOptions {
  actor: string;
  capturedAt: string;
  stages: Stage[];
  blobs?: BlobRecord[];
}

/** captureBatch after validateBatch: the write transaction. */
export async function captureValidated(
  store: Store,
  { valid, invalid }: ValidatedBatch,
  opts: Omit<CaptureOptions, 'capturedAt'>,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    new: 0,
    edited: 0,
    unchanged: 0,
    invalid: [...invalid],
    stageFailures: {},
    captured: [],
    ids: valid.map((v) => v.id),
  };

  await store.appendWith(async (db) => {
    const drafts: LedgerEventDraft[] = [];
    const at = new Date().toISOString();
    if (opts.blobs?.length) {
      const known = await db
        .selectFrom('blobs')
        .select('sha256')
        .where(
          'sha256',
          'in',
          opts.blobs.map((b) => b.sha256),
        )
        .execute();
      const have = new Set(known.map((k) => k.sha256));
      for (const b of opts.blobs) {
        if (have.has(b.sha256)) continue;
        have.add(b.sha256);
        drafts.push({ kind: BLOB_CAPTURED, at, actor: opts.actor, payload: { ...b } });
      }
    }
    const stored = await store.contentHashes(
      valid.map((v) => v.id),
      db,
    );
    for (const v of valid) {
      const prev = stored.get(v.id);
      if (prev === v.contentHash) {
        outcome.unchanged++;
        continue;
      }
      if (prev === undefined) outcome.new++;
      else outcome.edited++;
      stored.set(v.id, v.contentHash);
      outcome.captured.push(v);
      drafts.push({
        kind: MESSAGE_CAPTURED,
        at,
        actor: opts.actor,
        payload: { id: v.id, contentHash: v.contentHash, message: v.message },
      });
    }
    for (const stage of opts.stages) {
      if (outcome.captured.length === 0) break;
      try {
        drafts.push(...(await stage.run(outcome.captured)));
      } catch {
        outcome.stageFailures[stage.name] = (outcome.stageFailures[stage.name] ?? 0) + outcome.captured.length;
      }
    }
    return { drafts, result: undefined };
  });
  return outcome;
}
