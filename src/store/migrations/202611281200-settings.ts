import type { Migration } from './migration.ts';

/**
 * System tier: settings of this data folder (such as the watchlist's replay clock), one JSON value per key,
 * with who set it and when. Not derived from the ledger; kept by rebuild.
 */
export const settingsMigration: Migration = {
  name: '202611281200-settings',
  tier: 'system',
  tables: ['settings'],
  async up(db) {
    await db.schema
      .createTable('settings')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
