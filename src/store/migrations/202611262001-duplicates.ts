import type { Migration } from './migration.ts';

/** Working tier: near-duplicate groups people confirmed (duplicates.merged / duplicates.split). */
export const duplicatesMigration: Migration = {
  name: '202611262001-duplicates',
  tier: 'working',
  tables: ['message_duplicates'],
  async up(db) {
    await db.schema
      .createTable('message_duplicates')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('message_duplicates_group').on('message_duplicates').column('group_id').execute();
  },
};
