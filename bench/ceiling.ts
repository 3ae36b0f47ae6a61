import { join } from 'node:path';
import Database from 'better-sqlite3';
import { searchableText } from '../src/core/arabic-normalize.ts';
import { canonicalJson } from '../src/core/canonical-json.ts';
import { MESSAGE_CAPTURED } from '../src/core/events.ts';
import { contentHash, identityHash } from '../src/core/hash.ts';
import { chainEvents, GENESIS_HASH } from '../src/core/ledger-event.ts';
import type { Message } from '../src/core/message.ts';
import { domainProjectors } from '../src/pipeline/open-vigil-store.ts';
import { parseMinimal } from '../src/sources/minimal-message.ts';
import { readFileLines } from '../src/sources/read-lines.ts';
import { rowkeyFor } from '../src/store/projections/rowkey.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';

/**
 * The SQLite ceiling: rows prepared in memory beforehand (hashes, canonical payloads, index text),
 * then inserted with prepared statements into the very schema the store uses (ledger, messages and
 * its indexes, both FTS tables, versions), 1000 rows a transaction. No pipeline, no Kysely.
 */
export async function measureCeiling(
  corpus: string,
  dir: string,
  rows: number,
): Promise<{ rows: number; perSecond: number }> {
  const file = join(dir, 'ceiling.db');
  const store = await openSqliteStore(file, domainProjectors); // creates the schema with the real migrations
  await store.close();

  const prepared: { ledger: unknown[]; message: unknown[]; version: unknown[]; body: string; rowkey: number }[] = [];
  const blob = 'b'.repeat(64);
  const drafts = [];
  const msgs: { id: string; ch: string; m: Message }[] = [];
  for await (const l of readFileLines(corpus)) {
    if (!l.ok) continue;
    const p = parseMinimal(JSON.parse(l.text));
    if (!p.ok) continue;
    const m = {
      ...p.message,
      media: p.message.media ?? [],
      capturedAt: '2026-01-01T00:00:00.000Z',
      provenance: { source: 'jsonl', blob, locator: `#line=${l.line}`, importer: { name: 'jsonl', version: '1' } },
    } as Message;
    const id = identityHash(m);
    const ch = contentHash(m);
    msgs.push({ id, ch, m });
    drafts.push({
      kind: MESSAGE_CAPTURED,
      at: m.capturedAt,
      actor: 'bench',
      payload: { id, contentHash: ch, message: m },
    });
    if (msgs.length >= rows) break;
  }
  const events = chainEvents({ seq: 0, hash: GENESIS_HASH }, drafts);
  const seen = new Set<number>();
  events.forEach((e, i) => {
    const { id, ch, m } = msgs[i];
    let rowkey = rowkeyFor(m.postedAt, id);
    while (seen.has(rowkey)) rowkey++;
    seen.add(rowkey);
    prepared.push({
      ledger: [e.seq, e.at, e.actor, e.kind, canonicalJson(e.payload), e.prevHash, e.hash],
      message: [
        rowkey,
        id,
        ch,
        m.platform,
        m.nativeId,
        m.url ?? null,
        m.author.id,
        m.author.handle ?? null,
        m.author.displayName ?? null,
        m.postedAt,
        m.capturedAt,
        m.text,
        m.lang ?? null,
        JSON.stringify(m.media),
        null,
        null,
        0,
        m.provenance.source,
        m.provenance.blob,
        m.provenance.locator,
        'jsonl@1',
        e.seq,
        1,
      ],
      version: [id, ch, e.seq, m.capturedAt],
      body: searchableText(m.text),
      rowkey,
    });
  });

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  const insLedger = db.prepare(
    'insert into ledger (seq, at, actor, kind, payload, prev_hash, hash) values (?,?,?,?,?,?,?)',
  );
  const insMsg = db.prepare(
    `insert into messages (rowkey, id, content_hash, platform, native_id, url, author_id, author_handle, author_name,
     posted_at, captured_at, text, lang, media, reply_to, repost_of, deleted, prov_source, prov_blob, prov_locator,
     importer, seq, versions) values (${Array(23).fill('?').join(',')})`,
  );
  const insVer = db.prepare('insert into message_versions (id, content_hash, seq, captured_at) values (?,?,?,?)');
  const insFts = db.prepare('insert into messages_fts (rowid, body) values (?, ?)');
  const insTri = db.prepare('insert into messages_tri (rowid, body) values (?, ?)');
  const batch = db.transaction((part: typeof prepared) => {
    for (const r of part) {
      insLedger.run(...r.ledger);
      insMsg.run(...r.message);
      insVer.run(...r.version);
      insFts.run(r.rowkey, r.body);
      insTri.run(r.rowkey, r.body);
    }
  });
  // Each batch in key order, as the store's projection writes it (FTS5 wants ascending rowids).
  const batches: (typeof prepared)[] = [];
  for (let i = 0; i < prepared.length; i += 1000)
    batches.push(prepared.slice(i, i + 1000).sort((a, b) => a.rowkey - b.rowkey));
  const started = performance.now();
  for (const b of batches) batch(b);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rows: prepared.length, perSecond: prepared.length / seconds };
}
