import type { StoredMessage } from '../../store/contract.ts';
import { messageVersionHistory } from '../../store/queries/message-versions.ts';
import type { ServerContext } from '../context.ts';
import { ledgerRow } from './ledger-row.ts';

export async function messageProvenance(ctx: ServerContext, m: StoredMessage) {
  const db = ctx.store.db;
  const blob = await db.selectFrom('blobs').selectAll().where('sha256', '=', m.provenance.blob).executeTakeFirst();
  const event = await ledgerRow(ctx.store, m.seq);
  const versions = await messageVersionHistory(db, m);
  return {
    identityHash: m.id,
    contentHash: m.contentHash,
    source: m.provenance.source,
    locator: m.provenance.locator,
    importer: m.provenance.importer,
    capturedAt: m.capturedAt,
    blob: blob
      ? {
          sha256: blob.sha256,
          bytes: Number(blob.bytes),
          name: blob.name,
          mime: blob.mime,
          source: blob.source,
          seq: Number(blob.seq),
          capturedAt: blob.captured_at,
        }
      : { sha256: m.provenance.blob },
    ledger: event
      ? {
          seq: Number(event.seq),
          kind: event.kind,
          at: event.at,
          actor: event.actor,
          hash: event.hash,
          prevHash: event.prev_hash,
        }
      : { seq: m.seq },
    versions,
  };
}
