import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect, SearchHit, SearchQuery } from '../contract.ts';
import { rowkeyRange } from '../projections/rowkey.ts';
import type { Database } from '../schema/database.ts';
import type { MessagesTable } from '../schema/messages.ts';
import { fts5Match, fts5TrigramMatch, parseQuery, type QueryTerm, tsQuery } from './query-terms.ts';
import { makeSnippet } from './snippet.ts';

/** Ranked search scores at most this many of the newest matches, so common words stay fast. */
export const RANK_WINDOW = 1000;

type Row = Pick<
  MessagesTable,
  'rowkey' | 'id' | 'platform' | 'author_id' | 'author_handle' | 'author_name' | 'posted_at' | 'text' | 'lang'
> & { score?: number | null };

const COLUMNS = sql`m.rowkey, m.id, m.platform, m.author_id, m.author_handle, m.author_name, m.posted_at, m.text, m.lang`;

/** Extra WHERE conditions contributed by other domains (triage filters); registered at import time. */
export type FilterContributor = (q: SearchQuery, dialect: Dialect) => RawBuilder<unknown>[];
const contributors: FilterContributor[] = [];
export function addSearchFilter(c: FilterContributor): void {
  contributors.push(c);
}

function filters(q: SearchQuery, dialect: Dialect): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (!q.includeDeleted) out.push(sql`m.deleted = 0`);
  if (q.platform) out.push(sql`m.platform = ${q.platform.toLowerCase()}`);
  if (q.author) {
    const a = q.author.replace(/^@/, '');
    out.push(sql`(m.author_id = ${a} or m.author_handle = ${a} or m.author_handle = ${`@${a}`})`);
  }
  if (q.lang) out.push(sql`m.lang = ${q.lang}`);
  const { lo, hi } = rowkeyRange(q.since, q.until);
  if (lo !== undefined) out.push(sql`m.rowkey >= ${lo}`);
  if (hi !== undefined) out.push(sql`m.rowkey <= ${hi}`);
  for (const c of contributors) out.push(...c(q, dialect));
  return out;
}

const where = (conds: RawBuilder<unknown>[]) => (conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``);

function toHit(r: Row, terms: QueryTerm[]): SearchHit {
  return {
    id: r.id,
    platform: r.platform,
    author: { id: r.author_id, handle: r.author_handle ?? undefined, displayName: r.author_name ?? undefined },
    postedAt: r.posted_at,
    text: r.text,
    lang: r.lang ?? undefined,
    snippet: makeSnippet(r.text, terms),
    score: r.score == null ? undefined : Number(r.score),
  };
}

async function sqliteMatches(
  db: Kysely<Database>,
  table: 'messages_fts' | 'messages_tri',
  match: string,
  conds: RawBuilder<unknown>[],
  limit: number,
  offset: number,
): Promise<Row[]> {
  const t = sql.table(table);
  const all = [sql`${t} match ${match}`, ...conds];
  const res = await sql<Row>`select ${COLUMNS}, bm25(${t}) as score from ${t} join messages m on m.rowkey = ${t}.rowid
    ${where(all)} order by ${t}.rowid desc limit ${limit} offset ${offset}`.execute(db);
  return res.rows;
}

async function postgresMatches(
  db: Kysely<Database>,
  terms: QueryTerm[],
  trigram: boolean,
  conds: RawBuilder<unknown>[],
  limit: number,
  offset: number,
): Promise<Row[]> {
  const q = tsQuery(terms);
  const match = trigram
    ? terms.map((t) => sql`m.search_text like ${`%${t.stem.replace(/[%_\\]/g, '\\$&')}%`}`)
    : [sql`m.search @@ to_tsquery('simple', ${q})`];
  const score = trigram ? sql`0` : sql`ts_rank(m.search, to_tsquery('simple', ${q}))`;
  const res = await sql<Row>`select ${COLUMNS}, ${score} as score from messages m
    ${where([...match, ...conds])} order by m.rowkey desc limit ${limit} offset ${offset}`.execute(db);
  return res.rows;
}

export async function searchMessages(db: Kysely<Database>, dialect: Dialect, q: SearchQuery): Promise<SearchHit[]> {
  const limit = Math.max(1, Math.min(q.limit ?? 20, 1000));
  const offset = Math.max(0, q.offset ?? 0);
  const terms = parseQuery(q.text);
  const conds = filters(q, dialect);

  if (terms.length === 0) {
    const res = await sql<Row>`select ${COLUMNS} from messages m ${where(conds)}
      order by m.rowkey desc limit ${limit} offset ${offset}`.execute(db);
    return res.rows.map((r) => toHit(r, terms));
  }

  const ranked = q.order === 'relevance';
  // Ranked: score the newest RANK_WINDOW matches, then order those by score.
  const fetchLimit = ranked ? RANK_WINDOW : limit;
  const fetchOffset = ranked ? 0 : offset;
  let rows: Row[];
  if (dialect === 'sqlite') {
    // Whole words first (fast on common words); prefixes fill in when they find fewer than wanted.
    rows = await sqliteMatches(db, 'messages_fts', fts5Match(terms, false), conds, fetchLimit, fetchOffset);
    if (rows.length < fetchLimit) {
      rows = await sqliteMatches(db, 'messages_fts', fts5Match(terms, true), conds, fetchLimit, fetchOffset);
    }
    const tri = fts5TrigramMatch(terms);
    if (rows.length === 0 && offset === 0 && tri) {
      rows = await sqliteMatches(db, 'messages_tri', tri, conds, fetchLimit, fetchOffset);
    }
  } else {
    rows = await postgresMatches(db, terms, false, conds, fetchLimit, fetchOffset);
    if (rows.length === 0 && offset === 0 && terms.every((t) => [...t.stem].length >= 3)) {
      rows = await postgresMatches(db, terms, true, conds, fetchLimit, fetchOffset);
    }
  }
  if (ranked) {
    // bm25: lower is better; ts_rank: higher is better. Normalize to "higher is better".
    const sign = dialect === 'sqlite' ? -1 : 1;
    rows = rows
      .map((r) => ({ ...r, score: sign * Number(r.score ?? 0) }))
      .sort((a, b) => b.score - a.score || Number(b.rowkey) - Number(a.rowkey))
      .slice(offset, offset + limit);
  }
  return rows.map((r) => toHit(ranked ? r : { ...r, score: undefined }, terms));
}
