import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * Working tier, SQLite only: the row keys of messages not yet in the trigram index (messages_tri). The
 * messages projector lists them here instead of indexing every trigram while it writes (the trigram index
 * more than doubled the cost of an insert); the first partial-word search indexes the backlog
 * (src/store/search/trigram-backlog.ts). An integer key a message is cheap to write and to walk in order.
 */
export const trigramBacklogMigration: Migration = {
  name: '202612041900-trigram-backlog',
  tier: 'working',
  tables: ['messages_tri_backlog'],
  async up(db, dialect) {
    if (dialect !== 'sqlite') return;
    await sql`create table messages_tri_backlog (rowkey integer primary key)`.execute(db);
  },
};
