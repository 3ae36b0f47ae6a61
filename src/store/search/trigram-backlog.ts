import type { Kysely } from 'kysely';
import { searchableText } from '../../core/arabic-normalize.ts';
import type { Database } from '../schema/database.ts';
import { sqliteStatements } from '../sqlite-statements.ts';

const STEP = 5000;

/**
 * Index the messages on messages_tri_backlog into the trigram index, in key order, and empty the backlog:
 * what the messages projector left for later (see migrations/202612041900-trigram-backlog.ts). Run before a
 * partial-word search; a no-op when the backlog is empty. One write transaction, on the store's connection.
 * Returns how many messages it indexed.
 */
export async function indexTrigramBacklog(db: Kysely<Database>): Promise<number> {
  const fast = sqliteStatements(db);
  if (!fast) return 0;
  if (fast.all('select 1 from messages_tri_backlog limit 1').length === 0) return 0;
  // Through Kysely's connection so no other query of this process interleaves with the transaction.
  return db.connection().execute(async () => {
    const next = fast.statement(
      `select b.rowkey, m.text from messages_tri_backlog b join messages m on m.rowkey = b.rowkey
       where b.rowkey > ? order by b.rowkey limit ${STEP}`,
    );
    const insert = fast.statement('insert into messages_tri (rowid, body) values (?, ?)');
    const run = fast.raw.transaction(() => {
      let done = 0;
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = next.all(after) as { rowkey: number; text: string }[];
        for (const r of rows) insert.run(r.rowkey, searchableText(r.text));
        done += rows.length;
        if (rows.length < STEP) break;
        after = rows[rows.length - 1].rowkey;
      }
      fast.run('delete from messages_tri_backlog');
      return done;
    });
    return fast.raw.inTransaction ? run() : run.immediate();
  });
}
