import { MESSAGE_CAPTURED, type MessageCapturedPayload } from '../../core/events.ts';
import type { Store, StoredMessage } from '../../store/contract.ts';
import { payloadText } from '../../store/ledger-codec/ledger-codec.ts';
import { chunk } from '../../store/projections/chunk.ts';
import { versionSeqs } from '../../store/queries/message-versions.ts';

/** One version of a message: the payload of its message.captured event, and the event's seq. */
export interface VersionRecord extends MessageCapturedPayload {
  seq: number;
}

/** Every captured version of the messages, in the order given, oldest version first. */
export async function messageVersions(store: Store, messages: StoredMessage[]): Promise<VersionRecord[]> {
  const seqsById = await versionSeqs(store.db, messages);
  const seqs = [...seqsById.values()].flat();
  const bySeq = new Map<number, MessageCapturedPayload>();
  for (const part of chunk(seqs, 900)) {
    const rows = await store.db
      .selectFrom('ledger')
      .select(['seq', 'kind', 'payload', 'payload_z'])
      .where('seq', 'in', part)
      .execute();
    for (const r of rows) if (r.kind === MESSAGE_CAPTURED) bySeq.set(Number(r.seq), JSON.parse(payloadText(r)));
  }
  return messages.flatMap((m) =>
    (seqsById.get(m.id) ?? []).flatMap((seq) => {
      const p = bySeq.get(seq);
      return p ? [{ seq, id: p.id, contentHash: p.contentHash, message: p.message }] : [];
    }),
  );
}

/** The originals a version points at: the blob it was read from and its media held by Vigil. */
export function versionBlobs(v: VersionRecord): string[] {
  return [v.message.provenance.blob, ...(v.message.media ?? []).flatMap((x) => (x.sha256 ? [x.sha256] : []))];
}

/**
 * Originals that also hold author-deleted posts (the export file a deleted post was read from, its media).
 * A bag without deleted messages withholds them: shipping the whole export file would ship the deleted post.
 */
export async function blobsOfDeleted(store: Store): Promise<Set<string>> {
  const rows = await store.db.selectFrom('messages').select(['prov_blob', 'media']).where('deleted', '=', 1).execute();
  const out = new Set<string>();
  for (const r of rows) {
    out.add(r.prov_blob);
    for (const m of JSON.parse(r.media) as { sha256?: string }[]) if (m.sha256) out.add(m.sha256);
  }
  return out;
}

/** Does a ledger event concern the selection: a version, a result or decision about one, the capture of an original? */
export function concerns(
  kind: string,
  payload: Record<string, unknown>,
  ids: Set<string>,
  blobs: Set<string>,
): boolean {
  const has = (v: unknown) => typeof v === 'string' && ids.has(v);
  if (kind === MESSAGE_CAPTURED) return has(payload.id);
  if (kind === 'blob.captured') return typeof payload.sha256 === 'string' && blobs.has(payload.sha256);
  if (has(payload.messageId) || has(payload.message)) return true;
  if (Array.isArray(payload.messageIds) && payload.messageIds.some(has)) return true;
  return kind === 'audit.original_viewed' && typeof payload.sha256 === 'string' && blobs.has(payload.sha256);
}
