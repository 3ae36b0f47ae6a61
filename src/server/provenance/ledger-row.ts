import type { Store } from '../../store/contract.ts';
import type { LedgerTable } from '../../store/schema/ledger.ts';

/** One raw ledger row, payload as stored (so verification sees the exact bytes that were hashed). */
export async function ledgerRow(store: Store, seq: number): Promise<LedgerTable | undefined> {
  return store.db.selectFrom('ledger').selectAll().where('seq', '=', seq).executeTakeFirst();
}
