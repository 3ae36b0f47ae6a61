import type { Kysely } from 'kysely';
import { type DecodedLedgerRow, decodeLedgerRow } from '../store/ledger-codec/ledger-codec.ts';
import type { Database } from '../store/schema/database.ts';
import { leafHash } from './merkle.ts';

/**
 * The bytes of one ledger event as a Merkle leaf and as a line of a bag's ledger.jsonl: the whole event,
 * its hash included, as RFC 8785 canonical JSON. Built from the stored row, whose payload is already
 * canonical (vigil verify checks that), so nothing is parsed; keys in canonical (sorted) order. The payload is
 * the canonical JSON text, decompressed if it was stored compressed (ledgerRows does that).
 */
export function ledgerEntry(
  r: Pick<DecodedLedgerRow, 'seq' | 'at' | 'actor' | 'kind' | 'payload' | 'prev_hash' | 'hash'>,
): string {
  const s = JSON.stringify;
  return `{"actor":${s(r.actor)},"at":${s(r.at)},"hash":${s(r.hash)},"kind":${s(r.kind)},"payload":${r.payload},"prevHash":${s(r.prev_hash)},"seq":${Number(r.seq)}}`;
}

/** Leaf hashes of the ledger in seq order, 32 bytes each, in one growing buffer. */
export class LeafCollector {
  private buf = Buffer.alloc(32 * 1024);
  count = 0;

  add(entry: string): Buffer {
    if ((this.count + 1) * 32 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    const h = leafHash(entry);
    h.copy(this.buf, this.count * 32);
    this.count++;
    return h;
  }

  /** The first `n` leaf hashes (a view, not a copy). */
  leaves(n = this.count): Buffer {
    return this.buf.subarray(0, n * 32);
  }
}

/** Walk the ledger rows in seq order, payloads as text, batch by batch, stopping after `upTo` when given. */
export async function* ledgerRows(db: Kysely<Database>, upTo?: number, batch = 5000): AsyncIterable<DecodedLedgerRow> {
  let next = 1;
  for (;;) {
    let q = db.selectFrom('ledger').selectAll().where('seq', '>=', next);
    if (upTo !== undefined) q = q.where('seq', '<=', upTo);
    const rows = await q.orderBy('seq').limit(batch).execute();
    for (const r of rows) yield decodeLedgerRow(r);
    if (rows.length < batch) return;
    next = Number(rows[rows.length - 1].seq) + 1;
  }
}
