import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../contract.ts';
import { rowkeyRange } from '../projections/rowkey.ts';
import type { Database } from '../schema/database.ts';
import { type DigestCandidates, type DigestWindow, eachRow, grow, windowConds } from './digest.ts';

/**
 * What a quote needs of every candidate with casualty figures (each is quoted), as columns in rowkey order:
 * the rows digestCandidates reads with `quoteColumns`, read apart so that another thread can read them beside
 * the candidate pass (columns of strings and numbers cost less to pass between threads than objects).
 */
export interface QuotedColumns {
  rowkey: Float64Array;
  seq: Float64Array;
  urgency: Float64Array;
  id: string[];
  platform: string[];
  url: (string | null)[];
  authorId: string[];
  authorHandle: (string | null)[];
  authorName: (string | null)[];
  postedAt: string[];
  text: string[];
  lang: (string | null)[];
  media: string[];
  category: string[];
  analysis: string[];
  labelActor: (string | null)[];
}

/** The quoted rows of a digest's candidates (see QuotedColumns): same window, categories, no reposts, figures > 0. */
export async function digestQuotedColumns(
  db: Kysely<Database>,
  dialect: Dialect,
  w: DigestWindow,
  categories: readonly string[],
): Promise<QuotedColumns> {
  const q: QuotedColumns = {
    rowkey: new Float64Array(0),
    seq: new Float64Array(0),
    urgency: new Float64Array(0),
    id: [],
    platform: [],
    url: [],
    authorId: [],
    authorHandle: [],
    authorName: [],
    postedAt: [],
    text: [],
    lang: [],
    media: [],
    category: [],
    analysis: [],
    labelActor: [],
  };
  if (!categories.length) return q;
  // SQLite: the analyses of the window walked by rowid (their messages' rowkeys), each message found by its
  // rowkey only where the analysis has figures (a tenth of them), instead of walking both tables.
  const { lo, hi } = rowkeyRange(w.since, w.until);
  const join =
    dialect === 'sqlite'
      ? sql`analyses a cross join messages m where a.rowid >= ${lo} and a.rowid <= ${hi} and a.figures > 0
          and m.rowkey = a.rowid and a.message_id = m.id and +a.category`
      : sql`messages m join analyses a on a.message_id = m.id where a.category`;
  const order = dialect === 'sqlite' ? sql`a.rowid` : sql`m.rowkey`;
  let n = 0;
  await eachRow(
    db,
    dialect,
    sql`select m.rowkey, m.seq, a.urgency, m.id, m.platform, m.url, m.author_id, m.author_handle, m.author_name,
      m.posted_at, m.text, m.lang, m.media, a.category, a.analysis,
      (select l.actor from labels l where l.message_id = m.id)
    from ${join} in (${sql.join(categories.map((c) => sql`${c}`))}) and ${windowConds(w)}
      and m.repost_of is null and a.figures > 0
    order by ${order}`,
    (r) => {
      const i = n++;
      if (n > q.rowkey.length) {
        q.rowkey = grow(q.rowkey, n);
        q.seq = grow(q.seq, n);
        q.urgency = grow(q.urgency, n);
      }
      q.rowkey[i] = Number(r[0]);
      q.seq[i] = Number(r[1]);
      q.urgency[i] = Number(r[2]);
      q.id.push(r[3] as string);
      q.platform.push(r[4] as string);
      q.url.push(r[5] as string | null);
      q.authorId.push(r[6] as string);
      q.authorHandle.push(r[7] as string | null);
      q.authorName.push(r[8] as string | null);
      q.postedAt.push(r[9] as string);
      q.text.push(r[10] as string);
      q.lang.push(r[11] as string | null);
      q.media.push(r[12] as string);
      q.category.push(r[13] as string);
      q.analysis.push(r[14] as string);
      q.labelActor.push(r[15] as string | null);
    },
  );
  q.rowkey = q.rowkey.slice(0, n);
  q.seq = q.seq.slice(0, n);
  q.urgency = q.urgency.slice(0, n);
  return q;
}

/**
 * Fills the quote row and the author of every candidate with casualty figures from `q` (candidates read
 * without `quoteColumns`), both in rowkey order. A candidate `q` does not hold (the store changed between the
 * two reads) keeps no quote row: the digest reads it by rowkey like the other rows it quotes.
 */
export function fillQuotedRows(c: DigestCandidates, q: QuotedColumns): void {
  const m = q.rowkey.length;
  let k = 0;
  for (let i = 0; i < c.length; i++) {
    if (!(c.figures[i] > 0)) continue;
    const rowkey = c.rowkey[i];
    while (k < m && q.rowkey[k] < rowkey) k++;
    if (k >= m || q.rowkey[k] !== rowkey) continue;
    const platform = q.platform[k];
    const authorId = q.authorId[k];
    const authorHandle = q.authorHandle[k];
    c.author.set(i, { platform, authorId, authorHandle });
    c.row.set(i, {
      id: q.id[k],
      rowkey,
      seq: q.seq[k],
      platform,
      url: q.url[k],
      authorId,
      authorHandle,
      authorName: q.authorName[k],
      postedAt: q.postedAt[k],
      text: q.text[k],
      lang: q.lang[k],
      media: q.media[k],
      category: q.category[k],
      urgency: q.urgency[k],
      analysis: q.analysis[k],
      labelActor: q.labelActor[k],
    });
  }
}
