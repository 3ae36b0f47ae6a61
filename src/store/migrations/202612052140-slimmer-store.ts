import { sql } from 'kysely';
import { searchableText } from '../../core/arabic-normalize.ts';
import type { Migration } from './migration.ts';

const STEP = 500;

/**
 * Working tier, issue 18 (disk a message; measured with bench/disk-usage.ts at 200,000 messages):
 * - SQLite: the word index without its prefix indexes (prefix='2 3'), 483 → 202 bytes a message. Those
 *   indexes only served 2- and 3-letter prefixes, and prefix queries run only when whole words find too
 *   little; FTS5 answers them without the index by walking the terms that start with the prefix. The table
 *   is made again and every message's text indexed again (a store made before this migration).
 * - Both: message_versions loses the row of every message captured once. That row repeated the messages row
 *   (id, content_hash, seq, captured_at; about 260 bytes a message with its key); readers take the messages
 *   row as the one version (queries/message-versions.ts), and the projector writes every version's row once
 *   a message has a second.
 */
export const slimmerStoreMigration: Migration = {
  name: '202612052140-slimmer-store',
  tier: 'working',
  tables: [],
  async up(db, dialect) {
    await sql`delete from message_versions where id in (select id from messages where versions = 1)`.execute(db);
    if (dialect !== 'sqlite') return;
    await sql`drop table messages_fts`.execute(db);
    await sql`create virtual table messages_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    // Key order, so FTS5 writes few segments.
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = (
        await sql<{ rowkey: number; text: string }>`select rowkey, text from messages where rowkey > ${after}
          order by rowkey limit ${STEP}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      await sql`insert into messages_fts (rowid, body) values ${sql.join(
        rows.map((r) => sql`(${r.rowkey}, ${searchableText(r.text)})`),
      )}`.execute(db);
      after = Number(rows[rows.length - 1].rowkey);
    }
  },
};
