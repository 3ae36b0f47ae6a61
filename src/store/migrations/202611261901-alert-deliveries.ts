import type { Migration } from './migration.ts';

/** System tier: the delivery log of alerts (webhook attempts, emails). Operational, not evidence; kept by rebuild. */
export const alertDeliveriesMigration: Migration = {
  name: '202611261901-alert-deliveries',
  tier: 'system',
  tables: ['alert_deliveries'],
  async up(db) {
    await db.schema
      .createTable('alert_deliveries')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('alert_deliveries_alert')
      .ifNotExists()
      .on('alert_deliveries')
      .column('alert_id')
      .execute();
  },
};
