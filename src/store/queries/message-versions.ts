import type { Kysely } from 'kysely';
import type { StoredMessage } from '../contract.ts';
import { chunk } from '../projections/chunk.ts';
import type { Database } from '../schema/database.ts';

export interface MessageVersion {
  contentHash: string;
  /** The ledger seq of the message.captured event of this version. */
  seq: number;
  capturedAt: string;
}

type Current = Pick<StoredMessage, 'id' | 'contentHash' | 'seq' | 'capturedAt'>;

/** The message's own row as its one version (message_versions has no rows for a message captured once). */
const only = (m: Current): MessageVersion => ({ contentHash: m.contentHash, seq: m.seq, capturedAt: m.capturedAt });

/** Every captured version of a message, oldest first. */
export async function messageVersionHistory(db: Kysely<Database>, m: Current): Promise<MessageVersion[]> {
  const rows = await db
    .selectFrom('message_versions')
    .select(['content_hash', 'seq', 'captured_at'])
    .where('id', '=', m.id)
    .orderBy('seq')
    .execute();
  if (rows.length === 0) return [only(m)];
  return rows.map((v) => ({ contentHash: v.content_hash, seq: Number(v.seq), capturedAt: v.captured_at }));
}

/** The ledger seqs of every version of each message, oldest first, by message id. */
export async function versionSeqs(db: Kysely<Database>, messages: Current[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const part of chunk(
    messages.map((m) => m.id),
    900,
  )) {
    const rows = await db.selectFrom('message_versions').select(['id', 'seq']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), Number(r.seq)]);
  }
  for (const m of messages) if (!out.has(m.id)) out.set(m.id, [m.seq]);
  for (const seqs of out.values()) seqs.sort((a, b) => a - b);
  return out;
}
