import type { Migration } from './migration.ts';

export const blobsMigration: Migration = {
  name: '202611261802-blobs',
  tier: 'working',
  tables: ['blobs'],
  async up(db) {
    await db.schema
      .createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('mime', 'text')
      .addColumn('source', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('captured_at', 'text', (c) => c.notNull())
      .execute();
  },
};
