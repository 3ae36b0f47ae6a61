import type { Migration } from './migration.ts';

/** Working tier: the watchlist, its notes and raised alerts, all projected from person.* and alert.* events. */
export const peopleAlertsMigration: Migration = {
  name: '202611261900-people-alerts',
  tier: 'working',
  tables: ['people', 'person_accounts', 'notes', 'alerts'],
  async up(db) {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ar', 'text')
      .addColumn('area', 'text')
      .addColumn('area_key', 'text')
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('person_accounts')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('handle_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_accounts_pk', ['person_id', 'platform', 'handle_key'])
      .execute();
    await db.schema
      .createIndex('person_accounts_handle')
      .on('person_accounts')
      .columns(['platform', 'handle_key'])
      .execute();
    await db.schema
      .createTable('notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('author_made_contact', 'integer')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('supersedes', 'text')
      .addColumn('superseded_by', 'text')
      .addColumn('evidence', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notes_person').on('notes').columns(['person_id', 'at']).execute();
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text')
      .addColumn('area', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('alert', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addColumn('ack_comment', 'text')
      .execute();
    await db.schema.createIndex('alerts_subject').on('alerts').columns(['subject', 'at']).execute();
  },
};
