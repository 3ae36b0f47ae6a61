import { BLOB_CAPTURED, type BlobCapturedPayload } from '../../core/events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Projector } from '../contract.ts';

export const blobsProjector: Projector = {
  name: 'blobs',
  kinds: [BLOB_CAPTURED],
  async apply(db, events) {
    for (const raw of events) {
      const e = raw as LedgerEvent<BlobCapturedPayload>;
      await db
        .insertInto('blobs')
        .values({
          sha256: e.payload.sha256,
          bytes: e.payload.bytes,
          name: e.payload.name ?? null,
          mime: e.payload.mime ?? null,
          source: e.payload.source ?? null,
          seq: e.seq,
          captured_at: e.at,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    }
  },
};
