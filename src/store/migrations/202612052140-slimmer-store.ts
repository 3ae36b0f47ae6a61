import { sql } from 'kysely';
import { searchableText } from '../../core/arabic-normalize.ts';
import type { Migration } from './migration.ts';

const STEP = 500;

/**
 * Working tier, issue 18 (disk a message; measured with bench/disk-usage.ts at 200,000 messages):
 * - SQLite: the word index keeps the prefix index for 3 letters only (prefix='3' instead of '2 3'), 483 → 337
 *   bytes a message (none at all: 202, but a 3-letter prefix search then took up to 144 ms instead of 1 ms at
 *   200,000 messages on a loaded machine). Prefixes of 4 letters or more never used these indexes (FTS5 walks
 *   the terms starting with them: about 1 ms); 2-letter terms now match as whole words only
 *   (search/query-terms.ts, MIN_PREFIX_LETTERS). The table is made again and every message's text indexed
 *   again (a store made before this migration).
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
    await sql`create virtual table messages_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')`.execute(
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
