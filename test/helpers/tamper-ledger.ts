import type { Kysely } from 'kysely';
import { payloadText, storedPayload } from '../../src/store/ledger-codec/ledger-codec.ts';
import type { Database } from '../../src/store/schema/database.ts';

/**
 * Change the payload of ledger event `seq` as a forger with SQL access would: read it back (compressed or
 * not), edit the text, and store it again the way the store writes it (compressed when that is shorter).
 * The event hash is left alone, so verify must find the change.
 */
export async function tamperPayload(db: Kysely<Database>, seq: number, edit: (text: string) => string): Promise<void> {
  const row = await db
    .selectFrom('ledger')
    .select(['payload', 'payload_z'])
    .where('seq', '=', seq)
    .executeTakeFirstOrThrow();
  const text = payloadText(row);
  const changed = edit(text);
  if (changed === text) throw new Error(`tamperPayload: the edit changed nothing in seq ${seq}`);
  await db.updateTable('ledger').set(storedPayload(changed)).where('seq', '=', seq).execute();
}

/** The payload of event `seq` stored as plain text, as a store written before compression holds it. */
export async function storeAsText(db: Kysely<Database>, seq: number): Promise<void> {
  const row = await db
    .selectFrom('ledger')
    .select(['payload', 'payload_z'])
    .where('seq', '=', seq)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('ledger')
    .set({ payload: payloadText(row), payload_z: null })
    .where('seq', '=', seq)
    .execute();
}
