import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * Below every rowkey (they stay within ±2^53): the rowids of analysis rows whose message is not stored, so
 * they can never take a message's rowkey.
 */
export const ORPHAN_ROWID_BELOW = '-9007199254740993';

/**
 * Working tier, SQLite only: each analysis row's rowid becomes its message's rowkey, as the analysis
 * projector now writes it. A digest walks a week of messages in rowkey order and joins each to its analysis;
 * through the message_id index that is one random seek a message (three quarters of the digest's time at
 * 200,000), on the rowid it walks both tables in the same order. Rows are copied out and back in rowkey
 * order. An analysis whose message is not stored gets a rowid below every rowkey. PostgreSQL joins with a
 * hash and has no rowid: nothing to do there.
 */
export const analysesInTimeOrderMigration: Migration = {
  name: '202612052131-analyses-in-time-order',
  tier: 'working',
  tables: [],
  async up(db, dialect) {
    if (dialect !== 'sqlite') return;
    const cols = (await sql<{ name: string }>`select name from pragma_table_info('analyses')`.execute(db)).rows.map(
      (r) => `"${r.name}"`,
    );
    const list = sql.raw(cols.join(', '));
    await sql`create temp table analyses_moved as
      select m.rowkey as new_rowid, ${sql.raw(cols.map((c) => `a.${c}`).join(', '))}
      from analyses a left join messages m on m.id = a.message_id`.execute(db);
    await sql`delete from analyses`.execute(db);
    await sql`insert into analyses (rowid, ${list})
      select new_rowid, ${list} from analyses_moved where new_rowid is not null order by new_rowid`.execute(db);
    await sql`insert into analyses (rowid, ${list})
      select ${sql.raw(ORPHAN_ROWID_BELOW)} - row_number() over (order by message_id), ${list}
      from analyses_moved where new_rowid is null`.execute(db);
    await sql`drop table analyses_moved`.execute(db);
  },
};
