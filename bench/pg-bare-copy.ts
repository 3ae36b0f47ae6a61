// The bare PostgreSQL COPY the team store's import is a ratio to (issue 18): the corpus' rows, built and
// encoded beforehand, COPYed into `messages` as Vigil's migrations make it (every index: the id's unique
// index, the column indexes, the GIN indexes of the search vector and of pg_trgm; the search vector is
// generated from search_text), 1000 rows a transaction in key order, as bench/bare-insert.ts does for
// SQLite. No ledger, no hashing, no other table.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { searchableText } from '../src/core/arabic-normalize.ts';
import { openVigilStore } from '../src/pipeline/open-vigil-store.ts';
import { readFileLines } from '../src/sources/read-lines.ts';
import { copyText } from '../src/store/postgres-copy.ts';

const COLUMNS = [
  'rowkey',
  'id',
  'content_hash',
  'platform',
  'native_id',
  'author_id',
  'author_handle',
  'author_name',
  'posted_at',
  'captured_at',
  'text',
  'lang',
  'media',
  'prov_source',
  'prov_blob',
  'prov_locator',
  'importer',
  'seq',
  'versions',
  'search_text',
];

/** COPY `rows` messages of `corpus` into the (empty, migrated) Vigil database at `url`; rows a second. */
export async function measureBareCopy(
  corpus: string,
  url: string,
  dataDir: string,
  rows: number,
): Promise<{ rows: number; perSecond: number }> {
  const store = await openVigilStore({ dataDir, databaseUrl: url });
  await store.close();
  const now = new Date().toISOString();
  const blob = createHash('sha256').update(corpus).digest('hex');
  const built: { rowkey: number; line: string }[] = [];
  for await (const l of readFileLines(corpus)) {
    if (!l.ok) continue;
    const m = JSON.parse(l.text);
    const id = createHash('sha256').update(`${m.platform}\0${m.author?.id}\0${m.id}\0${l.line}`).digest('hex');
    const rowkey = Math.floor(Date.parse(m.postedAt) / 1000) * 2 ** 20 + Number.parseInt(id.slice(0, 5), 16);
    const values = [
      rowkey,
      id,
      createHash('sha256').update(l.text).digest('hex'),
      m.platform,
      String(m.id),
      m.author?.id,
      m.author?.handle ?? null,
      m.author?.displayName ?? null,
      m.postedAt,
      now,
      m.text,
      m.lang ?? null,
      '[]',
      'jsonl',
      blob,
      `#${l.line}`,
      'jsonl@1.0.0',
      built.length + 1,
      1,
      searchableText(m.text),
    ];
    built.push({ rowkey, line: values.map(copyText).join('\t') });
    if (built.length >= rows) break;
  }
  // Encoded beforehand, so the timing is PostgreSQL's (and the socket's).
  const batches: Buffer[] = [];
  for (let i = 0; i < built.length; i += 1000)
    batches.push(
      Buffer.from(
        `${built
          .slice(i, i + 1000)
          .sort((a, b) => a.rowkey - b.rowkey)
          .map((r) => r.line)
          .join('\n')}\n`,
      ),
    );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    for (const b of batches) {
      await client.query('begin');
      const stream = client.query(copyFrom(`copy messages (${COLUMNS.join(', ')}) from stdin`));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(b);
      });
      await client.query('commit');
    }
    const seconds = (performance.now() - started) / 1000;
    return { rows: built.length, perSecond: built.length / seconds };
  } finally {
    await client.end();
  }
}
