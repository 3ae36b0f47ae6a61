import type { Kysely } from 'kysely';
import { UsageError } from '../../core/errors.ts';
import type { Dialect, SearchHit, SearchQuery } from '../contract.ts';
import type { Database } from '../schema/database.ts';
import { matchRows, type Row, type RowWindow } from './match-rows.ts';
import { parseQuery, partialUsable, type QueryTerm } from './query-terms.ts';
import { type MatchMode, readCursor, type SearchCursor, searchFingerprint, writeCursor } from './search-cursor.ts';
import { searchFilters } from './search-filters.ts';
import { makeExcerpt, withBrackets } from './snippet.ts';

/** Ranked search scores at most this many of the newest matches, so common words stay fast. */
export const RANK_WINDOW = 1000;

function toHit(r: Row, terms: QueryTerm[], cursor: string, ranked: boolean): SearchHit {
  const excerpt = makeExcerpt(r.text, terms);
  return {
    id: r.id,
    platform: r.platform,
    author: { id: r.author_id, handle: r.author_handle ?? undefined, displayName: r.author_name ?? undefined },
    postedAt: r.posted_at,
    text: r.text,
    lang: r.lang ?? undefined,
    snippet: withBrackets(excerpt),
    excerpt: excerpt.excerpt,
    marks: excerpt.marks,
    score: ranked && r.score != null ? Number(r.score) : undefined,
    cursor,
  };
}

/**
 * The match mode of a search, decided once from its words, filters and page size (never from the
 * page asked for): whole words when they fill a first page (`want` rows), else prefixes, else partial
 * words when prefixes find nothing. Whole words stream in key order and stop at `want`; prefix queries
 * merge every posting list first, so they run only when whole words find too few. Returns the probe's
 * rows too: they are the first `want` rows of that mode.
 */
async function chooseMode(
  terms: QueryTerm[],
  want: number,
  probe: (mode: MatchMode) => Promise<Row[]>,
): Promise<{ mode: MatchMode; first?: Row[] }> {
  const words = await probe('word');
  if (words.length >= want) return { mode: 'word', first: words };
  // Every whole-word match is a prefix match, so prefixes find something too.
  if (words.length > 0) return { mode: 'prefix' };
  const prefixes = await probe('prefix');
  if (prefixes.length > 0 || !partialUsable(terms)) return { mode: 'prefix', first: prefixes };
  return { mode: 'partial' };
}

/** bm25: lower is better; ts_rank: higher is better. Sorted "higher is better", newest first on ties. */
function byScore(rows: Row[], dialect: Dialect): Row[] {
  const sign = dialect === 'sqlite' ? -1 : 1;
  return rows
    .map((r) => ({ ...r, score: sign * Number(r.score ?? 0) }))
    .sort((a, b) => b.score - a.score || Number(b.rowkey) - Number(a.rowkey));
}

/**
 * One page of a search. Pages continue either by `offset` (consistent while `limit` stays the same)
 * or by `after`, a hit's cursor, which carries the match mode and the position, so the next page
 * continues the same result set even when new messages arrive.
 */
export async function searchMessages(db: Kysely<Database>, dialect: Dialect, q: SearchQuery): Promise<SearchHit[]> {
  const limit = Math.max(1, Math.min(q.limit ?? 20, 1000));
  const offset = Math.max(0, q.offset ?? 0);
  const terms = parseQuery(q.text);
  const conds = searchFilters(q, dialect);
  const fingerprint = searchFingerprint(q, terms);
  const after = q.after ? readCursor(q.after, fingerprint) : undefined;
  if (after && offset > 0)
    throw new UsageError('after and offset cannot be combined: a cursor already holds the position', q.offset);
  const rows = (mode: MatchMode, w: RowWindow) => matchRows(db, dialect, mode, terms, conds, w);

  const ranked = terms.length > 0 && q.order === 'relevance';
  // Ranked: score the newest RANK_WINDOW matches, then order those by score.
  const want = ranked ? RANK_WINDOW : limit;
  let mode: MatchMode = terms.length === 0 ? 'all' : (after?.m ?? 'word');
  let first: Row[] | undefined;
  if (terms.length > 0 && !after) ({ mode, first } = await chooseMode(terms, want, (m) => rows(m, { limit: want })));
  const cursor = (c: Omit<SearchCursor, 'f' | 'm'>) => writeCursor({ f: fingerprint, m: mode, ...c });

  if (!ranked) {
    const page = first && offset === 0 ? first : await rows(mode, { limit, offset, below: after?.k });
    return page.map((r) => toHit(r, terms, cursor({ k: Number(r.rowkey) }), false));
  }
  // Later pages score the same window: the newest RANK_WINDOW matches at or below the first page's top key.
  const window =
    first ?? (await rows(mode, { limit: RANK_WINDOW, below: after?.top === undefined ? undefined : after.top + 1 }));
  const top = after?.top ?? (window.length ? Number(window[0].rowkey) : undefined);
  const from = after?.o ?? offset;
  return byScore(window, dialect)
    .slice(from, from + limit)
    .map((r, i) => toHit(r, terms, cursor({ top, o: from + i + 1 }), true));
}
