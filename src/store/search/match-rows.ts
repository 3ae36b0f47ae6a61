import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../contract.ts';
import type { Database } from '../schema/database.ts';
import type { MessagesTable } from '../schema/messages.ts';
import { fts5Match, fts5TrigramMatch, partialUsable, type QueryTerm, tsQuery } from './query-terms.ts';
import type { MatchMode } from './search-cursor.ts';
import { where } from './search-filters.ts';
import { indexTrigramBacklog } from './trigram-backlog.ts';

export type Row = Pick<
  MessagesTable,
  'rowkey' | 'id' | 'platform' | 'author_id' | 'author_handle' | 'author_name' | 'posted_at' | 'text' | 'lang'
> & { score?: number | null };

/** Which matching rows, newest first: `below` keeps keys under it (keyset paging), then offset and limit. */
export interface RowWindow {
  limit: number;
  offset?: number;
  below?: number;
}

const COLUMNS = sql`m.rowkey, m.id, m.platform, m.author_id, m.author_handle, m.author_name, m.posted_at, m.text, m.lang`;

async function allRows(db: Kysely<Database>, conds: RawBuilder<unknown>[], w: RowWindow): Promise<Row[]> {
  const below = w.below === undefined ? [] : [sql`m.rowkey < ${w.below}`];
  const res = await sql<Row>`select ${COLUMNS} from messages m ${where([...below, ...conds])}
    order by m.rowkey desc limit ${w.limit} offset ${w.offset ?? 0}`.execute(db);
  return res.rows;
}

/** SQLite walks the FTS index by rowid (= row key), newest first, and stops at the limit. */
async function sqliteRows(
  db: Kysely<Database>,
  mode: Exclude<MatchMode, 'all'>,
  terms: QueryTerm[],
  conds: RawBuilder<unknown>[],
  w: RowWindow,
): Promise<Row[]> {
  const match = mode === 'partial' ? fts5TrigramMatch(terms) : fts5Match(terms, mode === 'prefix');
  if (!match) return [];
  if (mode === 'partial') await indexTrigramBacklog(db);
  const t = sql.table(mode === 'partial' ? 'messages_tri' : 'messages_fts');
  // The key bound goes on the FTS rowid itself so FTS5 starts its walk there.
  const below = w.below === undefined ? [] : [sql`${t}.rowid < ${w.below}`];
  const res = await sql<Row>`select ${COLUMNS}, bm25(${t}) as score from ${t} join messages m on m.rowkey = ${t}.rowid
    ${where([sql`${t} match ${match}`, ...below, ...conds])}
    order by ${t}.rowid desc limit ${w.limit} offset ${w.offset ?? 0}`.execute(db);
  return res.rows;
}

/** PostgreSQL: the simple tsvector for words and prefixes, pg_trgm (LIKE) for partial words. */
async function postgresRows(
  db: Kysely<Database>,
  mode: Exclude<MatchMode, 'all'>,
  terms: QueryTerm[],
  conds: RawBuilder<unknown>[],
  w: RowWindow,
): Promise<Row[]> {
  let match: RawBuilder<unknown>[];
  let score: RawBuilder<unknown>;
  if (mode === 'partial') {
    if (!partialUsable(terms)) return [];
    match = terms.map((t) => sql`m.search_text like ${`%${t.stem.replace(/[%_\\]/g, '\\$&')}%`}`);
    score = sql`0`;
  } else {
    const q = tsQuery(terms, mode === 'prefix');
    match = [sql`m.search @@ to_tsquery('simple', ${q})`];
    score = sql`ts_rank(m.search, to_tsquery('simple', ${q}))`;
  }
  const below = w.below === undefined ? [] : [sql`m.rowkey < ${w.below}`];
  const res = await sql<Row>`select ${COLUMNS}, ${score} as score from messages m
    ${where([...match, ...below, ...conds])} order by m.rowkey desc limit ${w.limit} offset ${w.offset ?? 0}`.execute(
    db,
  );
  return res.rows;
}

/** The rows a search's words match in one mode, newest first. */
export function matchRows(
  db: Kysely<Database>,
  dialect: Dialect,
  mode: MatchMode,
  terms: QueryTerm[],
  conds: RawBuilder<unknown>[],
  w: RowWindow,
): Promise<Row[]> {
  if (mode === 'all') return allRows(db, conds, w);
  return dialect === 'sqlite' ? sqliteRows(db, mode, terms, conds, w) : postgresRows(db, mode, terms, conds, w);
}
