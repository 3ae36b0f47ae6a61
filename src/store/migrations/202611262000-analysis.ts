import type { Migration } from './migration.ts';

/** Working tier: triage results (message.analyzed), places they name, and people's labels (label.confirmed). */
export const analysisMigration: Migration = {
  name: '202611262000-analysis',
  tier: 'working',
  tables: ['analyses', 'message_places', 'labels'],
  async up(db) {
    await db.schema
      .createTable('analyses')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('model_category', 'text', (c) => c.notNull())
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('urgency', 'real', (c) => c.notNull())
      .addColumn('eyewitness', 'integer', (c) => c.notNull())
      .addColumn('analysis', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('analyses_category').on('analyses').columns(['category', 'urgency']).execute();
    await db.schema.createIndex('analyses_urgency').on('analyses').column('urgency').execute();
    await db.schema
      .createTable('message_places')
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('place_key', 'text', (c) => c.notNull())
      .addColumn('lat', 'real', (c) => c.notNull())
      .addColumn('lon', 'real', (c) => c.notNull())
      .addPrimaryKeyConstraint('message_places_pk', ['message_id', 'place'])
      .execute();
    await db.schema.createIndex('message_places_key').on('message_places').column('place_key').execute();
    await db.schema
      .createTable('labels')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('previous', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
  },
};
