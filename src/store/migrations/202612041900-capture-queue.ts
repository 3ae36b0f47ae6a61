import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * System tier: the capture queue. One row per (message, URL) to fetch as evidence. It is fed from
 * capture.requested events and closed by capture.completed / capture.failed (so a rebuild re-derives
 * the same rows and keeps their state); leases, tries and the next try time are the worker's own.
 */
export const captureQueueMigration: Migration = {
  name: '202612041900-capture-queue',
  tier: 'system',
  tables: ['capture_jobs'],
  async up(db) {
    await db.schema
      .createTable('capture_jobs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_try_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('requested_seq', 'integer', (c) => c.notNull())
      .addColumn('result_seq', 'integer')
      .addColumn('result', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await sql`create index if not exists capture_jobs_due on capture_jobs (state, next_try_at)`.execute(db);
    await sql`create index if not exists capture_jobs_message on capture_jobs (message_id)`.execute(db);
  },
};
