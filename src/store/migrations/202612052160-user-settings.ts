import type { Migration } from './migration.ts';

/**
 * System tier: each user's own settings of the dashboard (such as revealing graphic media by default), one
 * JSON value per user and key. Not derived from the ledger (each change is also a setting.changed event
 * there, for the audit log); kept by rebuild.
 */
export const userSettingsMigration: Migration = {
  name: '202612052160-user-settings',
  tier: 'system',
  tables: ['user_settings'],
  async up(db) {
    await db.schema
      .createTable('user_settings')
      .ifNotExists()
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_settings_pk', ['username', 'key'])
      .execute();
  },
};
