import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../contract.ts';
import type { Database } from '../schema/database.ts';

/**
 * The pHash of every image captured for these messages (finished captures whose answer was an image).
 * The hash is taken out of the stored payload by the database, so a page's text (up to 200,000
 * characters in the same payload) is never read here.
 */
export async function capturedImageHashes(
  db: Kysely<Database>,
  dialect: Dialect,
  messageIds: string[],
): Promise<{ messageId: string; phash: string }[]> {
  const phash =
    dialect === 'postgres'
      ? sql<string | null>`(result::jsonb #>> '{image,phash}')`
      : sql<string | null>`json_extract(result, '$.image.phash')`;
  const out: { messageId: string; phash: string }[] = [];
  // in chunks: SQLite allows a limited number of bound parameters
  for (let i = 0; i < messageIds.length; i += 500) {
    const rows = await db
      .selectFrom('capture_jobs')
      .select(['message_id', phash.as('phash')])
      .where('state', '=', 'done')
      .where('message_id', 'in', messageIds.slice(i, i + 500))
      .orderBy('requested_seq')
      .execute();
    for (const r of rows) if (r.phash) out.push({ messageId: r.message_id, phash: r.phash });
  }
  return out;
}
