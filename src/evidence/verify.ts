import { canonicalJson } from '../core/canonical-json.ts';
import { BlobIntegrityError, BlobMissingError } from '../core/errors.ts';
import { GENESIS_HASH, hashEvent } from '../core/ledger-event.ts';
import type { Store } from '../store/contract.ts';
import { payloadText } from '../store/ledger-codec/ledger-codec.ts';
import type { BlobStore } from './blob-store.ts';

export interface VerifyBreak {
  /** Ledger seq where the break was found (for a blob: the first event referencing it). */
  seq: number;
  where: 'ledger' | 'blob';
  what: string;
  expected: string;
  found: string;
  blob?: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  blobs: number;
  head?: string;
  break?: VerifyBreak;
}

/** Blobs an event payload points at: captured originals, message provenance and media. */
export function referencedBlobs(kind: string, payload: unknown): string[] {
  const p = payload as {
    sha256?: unknown;
    message?: { provenance?: { blob?: string }; media?: { sha256?: string }[] };
  } | null;
  const out: string[] = [];
  if (kind === 'blob.captured' && typeof p?.sha256 === 'string') out.push(p.sha256);
  const m = p?.message;
  if (m?.provenance?.blob) out.push(m.provenance.blob);
  for (const media of m?.media ?? []) if (media?.sha256) out.push(media.sha256);
  return out;
}

/**
 * Walk the chain from seq 1: contiguous seqs, each prevHash equal to the previous hash, each payload
 * byte-for-byte canonical, each hash recomputed. Then hash every referenced blob. Stops at the first break.
 */
export async function verifyAll(
  store: Store,
  blobs: BlobStore,
  onProgress?: (done: number) => void,
): Promise<VerifyReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  const firstRef = new Map<string, number>();
  const batch = 5000;
  for (;;) {
    const rows = await store.db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      const fail = (what: string, expected: string, found: string): VerifyReport => ({
        ok: false,
        events: expectedSeq - 1,
        blobs: 0,
        break: { seq, where: 'ledger', what, expected, found },
      });
      if (seq !== expectedSeq) return fail('sequence gap', String(expectedSeq), String(seq));
      if (r.prev_hash !== prevHash) return fail('prev_hash does not match the previous event', prevHash, r.prev_hash);
      let text: string;
      try {
        text = payloadText(r);
      } catch (err) {
        return fail('stored payload cannot be read back', 'canonical JSON', (err as Error).message);
      }
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch (err) {
        return fail('payload is not valid JSON', 'canonical JSON', `${(err as Error).message}`);
      }
      const canonical = canonicalJson(payload);
      if (canonical !== text) return fail('payload is not the canonical JSON that was hashed', canonical, text);
      const recomputed = hashEvent(
        { seq, at: r.at, actor: r.actor, kind: r.kind, payload, prevHash: r.prev_hash },
        canonical,
      );
      if (recomputed !== r.hash) return fail('event hash does not match its content', recomputed, r.hash);
      for (const b of referencedBlobs(r.kind, payload)) if (!firstRef.has(b)) firstRef.set(b, seq);
      prevHash = r.hash;
      expectedSeq = seq + 1;
    }
    onProgress?.(expectedSeq - 1);
    if (rows.length < batch) break;
  }
  const events = expectedSeq - 1;
  let checked = 0;
  for (const [sha, seq] of firstRef) {
    try {
      await blobs.verify(sha);
    } catch (err) {
      const found =
        err instanceof BlobIntegrityError ? err.found : err instanceof BlobMissingError ? 'missing' : String(err);
      return {
        ok: false,
        events,
        blobs: checked,
        break: { seq, where: 'blob', what: `blob ${sha} referenced at seq ${seq}`, expected: sha, found, blob: sha },
      };
    }
    checked++;
  }
  return { ok: true, events, blobs: checked, head: prevHash };
}
