import { sql } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * Indexes for finding a watched account's posts by handle or id in any letter case
 * (src/store/queries/people.ts, postsOfAccounts). Without them every board, which `vigil watch` computes
 * each tick and the dashboard on each view, read every message of the account's platform once per
 * account. Same SQL on both stores: SQLite and PostgreSQL both index expressions.
 */
export const accountLookupMigration: Migration = {
  name: '202612021000-account-lookup',
  tier: 'working',
  tables: [],
  async up(db) {
    await sql`create index if not exists messages_platform_handle_ci on messages (platform, lower(author_handle))`.execute(
      db,
    );
    await sql`create index if not exists messages_platform_author_ci on messages (platform, lower(author_id))`.execute(
      db,
    );
  },
};
