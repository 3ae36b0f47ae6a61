import type { Migration } from './migration.ts';

/**
 * Working tier: a message's kind (media, location, call...), the place it shared (geo), a poll's options
 * and counts, as JSON text on both stores; and the system notices an import recognized (WhatsApp's
 * "X added Y", the encryption notice), one row each, so they are kept and a re-import adds none twice.
 */
export const messageKindGeoEventsMigration: Migration = {
  name: '202612041800-message-kind-geo-events',
  tier: 'working',
  tables: ['source_events'],
  async up(db) {
    await db.schema.alterTable('messages').addColumn('kind', 'text').execute();
    await db.schema.alterTable('messages').addColumn('geo', 'text').execute();
    await db.schema.alterTable('messages').addColumn('poll', 'text').execute();
    await db.schema
      .createTable('source_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('native_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('posted_at', 'text')
      .addColumn('actor', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('prov_blob', 'text', (c) => c.notNull())
      .addColumn('prov_locator', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
