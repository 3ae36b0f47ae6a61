import type { Migration } from './migration.ts';

export const ledgerMigration: Migration = {
  name: '202611261800-ledger',
  tier: 'evidence',
  tables: ['ledger'],
  async up(db) {
    await db.schema
      .createTable('ledger')
      .ifNotExists()
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_kind').ifNotExists().on('ledger').columns(['kind', 'seq']).execute();
  },
};
