import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { searchableText } from '../src/core/arabic-normalize.ts';
import { readFileLines } from '../src/sources/read-lines.ts';

/**
 * The bare SQLite insert every import figure is a ratio to (issue 18): the corpus' rows, parsed and
 * given their index text beforehand, into one table (a row key, the message's columns, a unique index on
 * the id) and one FTS5 index (the store's word tokenizer), with one prepared statement each, 1000 rows a
 * transaction in key order. No ledger, no hashing, no secondary indexes, no trigram index.
 */
export async function measureBareInsert(
  corpus: string,
  dir: string,
  rows: number,
): Promise<{ rows: number; perSecond: number }> {
  const prepared: unknown[][] = [];
  const bodies: string[] = [];
  for await (const l of readFileLines(corpus)) {
    if (!l.ok) continue;
    const m = JSON.parse(l.text);
    const id = createHash('sha256').update(`${m.platform}\0${m.author?.id}\0${m.id}\0${l.line}`).digest('hex');
    const rowkey = Math.floor(Date.parse(m.postedAt) / 1000) * 2 ** 20 + Number.parseInt(id.slice(0, 5), 16);
    prepared.push([
      rowkey,
      id,
      m.platform,
      String(m.id),
      m.author?.id,
      m.author?.handle ?? null,
      m.postedAt,
      m.text,
      m.lang ?? null,
    ]);
    bodies.push(searchableText(m.text));
    if (prepared.length >= rows) break;
  }
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(`create table messages (rowkey integer primary key, id text not null unique, platform text not null,
    native_id text not null, author_id text not null, author_handle text, posted_at text not null, text text not null, lang text)`);
  db.exec(
    "create virtual table messages_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')",
  );
  const insRow = db.prepare('insert or ignore into messages values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insFts = db.prepare('insert into messages_fts (rowid, body) values (?, ?)');
  const order = prepared.map((_, i) => i);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += 1000)
    batches.push(order.slice(i, i + 1000).sort((a, b) => (prepared[a][0] as number) - (prepared[b][0] as number)));
  const batch = db.transaction((part: number[]) => {
    for (const i of part) if (insRow.run(prepared[i]).changes > 0) insFts.run(prepared[i][0], bodies[i]);
  });
  const started = performance.now();
  for (const b of batches) batch(b);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rows: prepared.length, perSecond: prepared.length / seconds };
}
