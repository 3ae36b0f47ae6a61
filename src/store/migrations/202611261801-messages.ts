import { sql } from 'kysely';
import type { Migration } from './migration.ts';

export const messagesMigration: Migration = {
  name: '202611261801-messages',
  tier: 'working',
  tables: ['messages', 'messages_fts', 'messages_tri', 'message_versions'],
  async up(db, dialect) {
    const pg = dialect === 'postgres';
    let t = db.schema
      .createTable('messages')
      .addColumn('rowkey', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('native_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_handle', 'text')
      .addColumn('author_name', 'text')
      .addColumn('posted_at', 'text', (c) => c.notNull())
      .addColumn('captured_at', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('media', 'text', (c) => c.notNull())
      .addColumn('reply_to', 'text')
      .addColumn('repost_of', 'text')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('prov_source', 'text', (c) => c.notNull())
      .addColumn('prov_blob', 'text', (c) => c.notNull())
      .addColumn('prov_locator', 'text', (c) => c.notNull())
      .addColumn('importer', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('versions', 'integer', (c) => c.notNull());
    if (pg) {
      t = t
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('search', sql`tsvector`, (c) =>
          c.generatedAlwaysAs(sql`to_tsvector('simple', search_text)`).stored(),
        );
    }
    await t.execute();
    for (const col of ['platform', 'author_id', 'author_handle', 'lang']) {
      await db.schema.createIndex(`messages_${col}`).on('messages').columns([col, 'rowkey']).execute();
    }
    if (pg) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index messages_search on messages using gin (search)`.execute(db);
      await sql`create index messages_trgm on messages using gin (search_text gin_trgm_ops)`.execute(db);
    } else {
      // Contentless: the text lives in `messages`; snippets are made from it in code.
      await sql`create virtual table messages_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3')`.execute(
        db,
      );
      await sql`create virtual table messages_tri using fts5(body, content='', contentless_delete=1, tokenize='trigram')`.execute(
        db,
      );
    }
    await db.schema
      .createTable('message_versions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('captured_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('message_versions_pk', ['id', 'seq'])
      .execute();
  },
};
