import { type Kysely, sql } from 'kysely';
import { searchableText } from '../../core/arabic-normalize.ts';
import { MESSAGE_CAPTURED, type MessageCapturedPayload } from '../../core/events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import type { Dialect, Projector } from '../contract.ts';
import { copyRows, postgresClient } from '../postgres-copy.ts';
import type { Database } from '../schema/database.ts';
import type { MessagesTable } from '../schema/messages.ts';
import { placeholders, sqliteStatements } from '../sqlite-statements.ts';
import { chunk } from './chunk.ts';
import { type CountedRow, MessageCountChanges } from './message-counts.ts';
import { rowkeyFor } from './rowkey.ts';

function toRow(e: LedgerEvent<MessageCapturedPayload>, rowkey: number, versions: number, pg: boolean): MessagesTable {
  const { id, contentHash, message: m } = e.payload;
  const row: MessagesTable = {
    rowkey,
    id,
    content_hash: contentHash,
    platform: m.platform,
    native_id: m.nativeId,
    url: m.url ?? null,
    author_id: m.author.id,
    author_handle: m.author.handle ?? null,
    author_name: m.author.displayName ?? null,
    posted_at: m.postedAt,
    captured_at: m.capturedAt,
    text: m.text,
    lang: m.lang ?? null,
    media: JSON.stringify(m.media ?? []),
    reply_to: m.replyTo ? JSON.stringify(m.replyTo) : null,
    repost_of: m.repostOf ? JSON.stringify(m.repostOf) : null,
    kind: m.kind ?? null,
    geo: m.geo ? JSON.stringify(m.geo) : null,
    poll: m.poll ? JSON.stringify(m.poll) : null,
    deleted: m.deleted ? 1 : 0,
    prov_source: m.provenance.source,
    prov_blob: m.provenance.blob,
    prov_locator: m.provenance.locator,
    importer: `${m.provenance.importer.name}@${m.provenance.importer.version}`,
    seq: e.seq,
    versions,
  };
  if (pg) row.search_text = searchableText(m.text);
  return row;
}

async function storedKeys(db: Kysely<Database>, keys: number[], into: Set<number>): Promise<void> {
  for (const part of chunk(keys, 900)) {
    const rows = await db.selectFrom('messages').select('rowkey').where('rowkey', 'in', part).execute();
    for (const r of rows) into.add(Number(r.rowkey));
  }
}

/**
 * Pick free keys: bump on a collision with a stored key or another key in the batch. A bumped key is
 * checked against the store too (it may have been taken by an earlier bump), until every key is free.
 */
async function freeRowkeys(db: Kysely<Database>, wanted: number[]): Promise<number[]> {
  const taken = new Set<number>();
  const asked = new Set<number>(wanted);
  await storedKeys(db, wanted, taken);
  for (;;) {
    const inBatch = new Set<number>();
    const out: number[] = [];
    const unasked: number[] = [];
    for (let k of wanted) {
      while (taken.has(k) || inBatch.has(k)) k += 1;
      inBatch.add(k);
      out.push(k);
      if (!asked.has(k)) unasked.push(k);
    }
    if (unasked.length === 0) return out;
    for (const k of unasked) asked.add(k);
    const before = taken.size;
    await storedKeys(db, unasked, taken);
    if (taken.size === before) return out;
  }
}

/**
 * Word index now; the trigram index later: the key goes on messages_tri_backlog and the first partial-word
 * search indexes it (search/trigram-backlog.ts). FTS5 flushes its pending terms whenever a rowid is not above
 * the last one, so keys go in ascending order and a whole batch lands in one segment.
 */
async function indexText(db: Kysely<Database>, dialect: Dialect, rows: { rowkey: number; text: string }[]) {
  if (dialect !== 'sqlite' || rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => a.rowkey - b.rowkey);
  const fast = sqliteStatements(db);
  if (fast) {
    const fts = fast.statement('insert into messages_fts (rowid, body) values (?, ?)');
    const backlog = fast.statement('insert or ignore into messages_tri_backlog (rowkey) values (?)');
    for (const r of sorted) fts.run(r.rowkey, searchableText(r.text));
    for (const r of sorted) backlog.run(r.rowkey);
    return;
  }
  for (const part of chunk(sorted, 400)) {
    await sql`insert into messages_fts(rowid, body) values ${sql.join(part.map((r) => sql`(${r.rowkey}, ${searchableText(r.text)})`))}`.execute(
      db,
    );
    await sql`insert or ignore into messages_tri_backlog (rowkey) values ${sql.join(part.map((r) => sql`(${r.rowkey})`))}`.execute(
      db,
    );
  }
}

async function unindexText(db: Kysely<Database>, dialect: Dialect, rowkeys: number[]) {
  if (dialect !== 'sqlite' || rowkeys.length === 0) return;
  // A key still on the backlog has no trigram rows; deleting absent rows is a no-op for FTS5 here.
  for (const part of chunk(rowkeys, 900)) {
    await sql`delete from messages_fts where rowid in (${sql.join(part)})`.execute(db);
    await sql`delete from messages_tri where rowid in (${sql.join(part)})`.execute(db);
  }
}

/** New rows, in key order: SQLite through one prepared statement, PostgreSQL by COPY in a write transaction. */
async function insertRows(db: Kysely<Database>, rows: MessagesTable[], pg: boolean): Promise<void> {
  if (rows.length === 0) return;
  const fast = sqliteStatements(db);
  if (fast) {
    const columns = Object.keys(rows[0]) as (keyof MessagesTable)[];
    const insert = fast.statement(
      `insert into messages (${columns.join(', ')}) values (${placeholders(columns.length)})`,
    );
    for (const r of rows) insert.run(columns.map((c) => r[c]));
    return;
  }
  const client = postgresClient(db);
  if (client) {
    const columns = Object.keys(rows[0]) as (keyof MessagesTable)[];
    await copyRows(
      client,
      'messages',
      columns,
      rows.map((r) => columns.map((c) => r[c])),
    );
    return;
  }
  for (const part of chunk(rows, pg ? 1000 : 400)) await db.insertInto('messages').values(part).execute();
}

type VersionRow = { id: string; content_hash: string; seq: number; captured_at: string };

/**
 * Rows of message_versions. `earlier` are versions that were alone until now (their only copy was the
 * messages row), written with "or ignore" because a store from before the one-version rule holds them already.
 */
async function insertVersions(db: Kysely<Database>, versions: VersionRow[], earlier: VersionRow[]): Promise<void> {
  const fast = sqliteStatements(db);
  if (fast) {
    const columns = '(id, content_hash, seq, captured_at) values (?, ?, ?, ?)';
    const before = fast.statement(`insert or ignore into message_versions ${columns}`);
    for (const v of earlier) before.run(v.id, v.content_hash, v.seq, v.captured_at);
    const insert = fast.statement(`insert into message_versions ${columns}`);
    for (const v of versions) insert.run(v.id, v.content_hash, v.seq, v.captured_at);
    return;
  }
  for (const part of chunk(earlier, 1000))
    await db
      .insertInto('message_versions')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (const part of chunk(versions, 1000)) await db.insertInto('message_versions').values(part).execute();
}

export const messagesProjector: Projector = {
  name: 'messages',
  kinds: [MESSAGE_CAPTURED],
  async apply(db, events, dialect) {
    const pg = dialect === 'postgres';
    // Last event per id wins within a batch (an edit captured right after the original).
    const latest = new Map<string, { e: LedgerEvent<MessageCapturedPayload>; count: number }>();
    for (const raw of events) {
      const e = raw as LedgerEvent<MessageCapturedPayload>;
      const prev = latest.get(e.payload.id);
      latest.set(e.payload.id, { e, count: (prev?.count ?? 0) + 1 });
    }
    const ids = [...latest.keys()];
    const existing = new Map<
      string,
      { rowkey: number; versions: number; deleted: boolean; counted: CountedRow; version: VersionRow }
    >();
    for (const part of chunk(ids, 900)) {
      const rows = await db
        .selectFrom('messages')
        .select([
          'id',
          'rowkey',
          'versions',
          'deleted',
          'platform',
          'lang',
          'author_id',
          'content_hash',
          'seq',
          'captured_at',
        ])
        .where('id', 'in', part)
        .execute();
      for (const r of rows)
        existing.set(r.id, {
          rowkey: Number(r.rowkey),
          versions: Number(r.versions),
          deleted: Number(r.deleted) === 1,
          counted: r,
          version: { id: r.id, content_hash: r.content_hash, seq: Number(r.seq), captured_at: r.captured_at },
        });
    }
    const counts = new MessageCountChanges();

    const fresh = [...latest.values()].filter(({ e }) => !existing.has(e.payload.id));
    const keys = await freeRowkeys(
      db,
      fresh.map(({ e }) => rowkeyFor(e.payload.message.postedAt, e.payload.id)),
    );
    const newRows = fresh.map(({ e, count }, i) => toRow(e, keys[i], count, pg)).sort((a, b) => a.rowkey - b.rowkey);
    for (const r of newRows) counts.added(r);
    await insertRows(db, newRows, pg);
    await indexText(db, dialect, newRows);

    const edits = [...latest.values()].filter(({ e }) => existing.has(e.payload.id));
    for (const { e, count } of edits) {
      const prev = existing.get(e.payload.id)!;
      const { rowkey: _k, id: _id, ...row } = toRow(e, prev.rowkey, prev.versions + count, pg);
      // A deletion stays: an author's deletion is not undone by capturing an older copy again.
      if (prev.deleted) row.deleted = 1;
      counts.removed(prev.counted);
      counts.added(row);
      await db.updateTable('messages').set(row).where('id', '=', e.payload.id).execute();
    }
    await unindexText(
      db,
      dialect,
      edits.map(({ e }) => existing.get(e.payload.id)!.rowkey),
    );
    await indexText(
      db,
      dialect,
      edits.map(({ e }) => ({ rowkey: existing.get(e.payload.id)!.rowkey, text: e.payload.message.text })),
    );
    await counts.write(db, dialect);

    // message_versions lists the versions of messages captured more than once (every one of them, oldest
    // first by seq). A message with one version has no rows: its messages row (content_hash, seq,
    // captured_at) is that version, so the row would repeat it (about 260 bytes a message, issue 18).
    // Readers go through queries/message-versions.ts, which falls back to the messages row.
    const versions: VersionRow[] = [];
    for (const raw of events) {
      const e = raw as LedgerEvent<MessageCapturedPayload>;
      const total = (existing.get(e.payload.id)?.versions ?? 0) + latest.get(e.payload.id)!.count;
      if (total > 1)
        versions.push({
          id: e.payload.id,
          content_hash: e.payload.contentHash,
          seq: e.seq,
          captured_at: e.payload.message.capturedAt,
        });
    }
    const earlier = edits.flatMap(({ e }) => {
      const prev = existing.get(e.payload.id)!;
      return prev.versions === 1 ? [prev.version] : [];
    });
    await insertVersions(db, versions, earlier);
  },
};
