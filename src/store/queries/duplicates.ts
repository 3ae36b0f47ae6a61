import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.ts';

/** Recent messages for near-duplicate suggestions, newest first. */
export async function recentTexts(
  db: Kysely<Database>,
  limit: number,
): Promise<{ id: string; text: string; posted_at: string }[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'text', 'posted_at'])
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(limit)
    .execute();
}

/** Confirmed groups: group id → member ids. */
export async function confirmedGroups(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await db
    .selectFrom('message_duplicates')
    .select(['message_id', 'group_id'])
    .orderBy('seq')
    .execute()) {
    const g = out.get(r.group_id);
    if (g) g.push(r.message_id);
    else out.set(r.group_id, [r.message_id]);
  }
  return out;
}
