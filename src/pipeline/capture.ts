import { BLOB_CAPTURED, MESSAGE_CAPTURED } from '../core/events.ts';
import { contentHash, identityHash } from '../core/hash.ts';
import type { LedgerEventDraft } from '../core/ledger-event.ts';
import { Message, type Provenance } from '../core/message.ts';
import type { RawMessage } from '../sources/source.ts';
import type { Store } from '../store/contract.ts';
import { chunk } from '../store/projections/chunk.ts';
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
  validated: ValidatedBatch,
  opts: Omit<CaptureOptions, 'capturedAt'>,
): Promise<BatchOutcome> {
  const [outcome] = await captureValidatedGroup(store, [{ validated, blobs: opts.blobs }], opts);
  return outcome;
}

/** One batch of a group written in one transaction, with the blobs recorded before it. */
export interface GroupPart {
  validated: ValidatedBatch;
  blobs?: BlobRecord[];
}

/**
 * Several validated batches in ONE write transaction, in order, each with its own outcome: the same events,
 * in the same order, as captureValidated on each in turn, for fewer commits (a bulk import's commit writes
 * every index page its random keys touched, so four batches a commit write far fewer pages than four
 * commits; docs/BULK-IMPORT.md).
 */
export async function captureValidatedGroup(
  store: Store,
  parts: GroupPart[],
  opts: Omit<CaptureOptions, 'capturedAt' | 'blobs'>,
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = parts.map(({ validated: { valid, invalid } }) => ({
    new: 0,
    edited: 0,
    unchanged: 0,
    invalid: [...invalid],
    stageFailures: {},
    captured: [],
    ids: valid.map((v) => v.id),
  }));

  await store.appendWith(async (db) => {
    const drafts: LedgerEventDraft[] = [];
    const at = new Date().toISOString();
    const allBlobs = parts.flatMap((p) => p.blobs ?? []);
    const have = new Set<string>();
    for (const part of chunk(
      allBlobs.map((b) => b.sha256),
      900,
    )) {
      const known = await db.selectFrom('blobs').select('sha256').where('sha256', 'in', part).execute();
      for (const k of known) have.add(k.sha256);
    }
    const stored = await store.contentHashes(
      parts.flatMap((p) => p.validated.valid.map((v) => v.id)),
      db,
    );
    for (const [i, part] of parts.entries()) {
      const outcome = outcomes[i];
      for (const b of part.blobs ?? []) {
        if (have.has(b.sha256)) continue;
        have.add(b.sha256);
        drafts.push({ kind: BLOB_CAPTURED, at, actor: opts.actor, payload: { ...b } });
      }
      for (const v of part.validated.valid) {
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
    }
    return { drafts, result: undefined };
  });
  return outcomes;
}
