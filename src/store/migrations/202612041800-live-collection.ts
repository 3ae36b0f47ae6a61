import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * System tier: what live collection follows, where each follow has got to (its cursor), how each is
 * doing (health), and a short log of items collected (for "items in the last hour and day"). None of it
 * is derived from the ledger: the messages collected are, and re-capturing them is idempotent, so a
 * cursor that lags after a crash costs a re-read, never a gap or a duplicate.
 */
export const liveCollectionMigration: Migration = {
  name: '202612041800-live-collection',
  tier: 'system',
  tables: ['follows', 'source_cursors', 'source_health', 'collect_log'],
  async up(db) {
    await db.schema
      .createTable('follows')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('base_url', 'text')
      .addColumn('person_id', 'text')
      .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('source_cursors')
      .ifNotExists()
      .addColumn('follow_key', 'text', (c) => c.primaryKey())
      .addColumn('cursor', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('source_health')
      .ifNotExists()
      .addColumn('follow_key', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_success_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'text')
      .addColumn('next_try_at', 'text')
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('collect_log')
      .ifNotExists()
      .addColumn('follow_key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('items', 'integer', (c) => c.notNull())
      .execute();
    await sql`create index if not exists collect_log_key_at on collect_log (follow_key, at)`.execute(db);
  },
};
