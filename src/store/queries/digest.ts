import { type Kysely, type RawBuilder, sql } from 'kysely';
import { normalizeArabic } from '../../core/arabic-normalize.ts';
import type { Dialect } from '../contract.ts';
import { chunk } from '../projections/chunk.ts';
import { rowkeyRange } from '../projections/rowkey.ts';
import type { Database } from '../schema/database.ts';
import { sqliteStatements } from '../sqlite-statements.ts';

/** What a digest reads per message: the message, its effective triage, and whether a person confirmed it. */
export interface DigestRow {
  id: string;
  rowkey: number;
  seq: number;
  platform: string;
  nativeId: string;
  url: string | null;
  authorId: string;
  authorHandle: string | null;
  authorName: string | null;
  postedAt: string;
  text: string;
  lang: string | null;
  media: string;
  repostOf: string | null;
  category: string;
  modelCategory: string;
  confidence: number;
  urgency: number;
  /** JSON of the whole Analysis (casualties, places). */
  analysis: string;
  modelVersion: string;
  /** Set when a person confirmed the category (label.confirmed). */
  labelActor: string | null;
}

export interface DigestWindow {
  since: string;
  until: string;
  /** A message_places key (normalized gazetteer name). */
  placeKey?: string;
}

function windowConds(w: DigestWindow) {
  const { lo, hi } = rowkeyRange(w.since, w.until);
  const conds = [sql`m.rowkey >= ${lo}`, sql`m.rowkey <= ${hi}`, sql`m.deleted = 0`];
  if (w.placeKey)
    conds.push(
      sql`m.id in (select message_id from message_places where place_key = ${normalizeArabic(w.placeKey.trim())})`,
    );
  return sql.join(conds, sql` and `);
}

/**
 * Messages in the window whose effective category is one of `categories`, oldest first. Author-deleted
 * messages never come back. The window is walked through the time-ordered rowkey.
 */
export async function digestRows(
  db: Kysely<Database>,
  w: DigestWindow,
  categories: readonly string[],
): Promise<DigestRow[]> {
  if (!categories.length) return [];
  const res = await sql<DigestRow>`select m.id, m.rowkey, m.seq, m.platform, m.native_id as "nativeId", m.url,
      m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
      m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
      a.category, a.model_category as "modelCategory", a.confidence, a.urgency, a.analysis,
      a.model_version as "modelVersion", l.actor as "labelActor"
    from messages m join analyses a on a.message_id = m.id left join labels l on l.message_id = m.id
    where ${windowConds(w)} and a.category in (${sql.join(categories.map((c) => sql`${c}`))})
    order by m.rowkey`.execute(db);
  return res.rows.map((r) => ({
    ...r,
    rowkey: Number(r.rowkey),
    seq: Number(r.seq),
    confidence: Number(r.confidence),
    urgency: Number(r.urgency),
  }));
}

/**
 * What a digest reads of every message in its sections, to fold near-duplicates and rank them before it
 * reads any text, as columns (entry i is the i-th candidate, oldest first): a week can hold a million of them,
 * and a JS object a row costs more than the query. The near-duplicate signature kept with the analysis (the
 * text only where that is not known), the confirmed duplicate group, and how many casualty figures the
 * analysis holds.
 */
export interface DigestCandidates {
  length: number;
  rowkey: Float64Array;
  /** Index of the candidate's category in the `categories` asked for. */
  category: Uint8Array;
  urgency: Float64Array;
  /** Casualty figures in the analysis; -1 when the row predates the count (read the analysis then). */
  figures: Int32Array;
  postedAt: string[];
  /** The stored signature of this text, or null (then `text` is set). */
  copyKey: (string | null)[];
  simhash: (string | null)[];
  text: (string | null)[];
  /** A person's merge decision: the confirmed near-duplicate group. */
  groupId: (string | null)[];
  /** The analysis JSON, only where it is asked for (`withAnalysis`) or the figure count is not stored. */
  analysis: (string | null)[];
  /** The author, only where it is asked for (`withAuthor`). */
  platform: (string | null)[];
  authorId: (string | null)[];
  authorHandle: (string | null)[];
}

/** Rows as arrays of their columns, in select order: SQLite through a prepared statement in raw mode. */
async function rowArrays(db: Kysely<Database>, dialect: Dialect, query: RawBuilder<unknown>): Promise<unknown[][]> {
  const fast = dialect === 'sqlite' ? sqliteStatements(db) : undefined;
  const compiled = query.compile(db);
  if (fast)
    return fast
      .statement(compiled.sql)
      .raw(true)
      .all(...compiled.parameters) as unknown[][];
  const res = await db.executeQuery<Record<string, unknown>>(compiled);
  return res.rows.map((r) => Object.values(r));
}

/**
 * The candidates of a digest: messages in the window, not reposts, whose effective category is one of
 * `categories`, oldest first (the same rows as digestRows, without reposts, and without their text and
 * analysis JSON).
 */
export async function digestCandidates(
  db: Kysely<Database>,
  dialect: Dialect,
  w: DigestWindow,
  categories: readonly string[],
  /** Categories whose analysis JSON is read for every row without casualty figures (the places counted). */
  withAnalysis: readonly string[] = [],
  /** Categories whose author is read, or 'all'. */
  withAuthor: readonly string[] | 'all' = 'all',
): Promise<DigestCandidates> {
  const out: DigestCandidates = {
    length: 0,
    rowkey: new Float64Array(0),
    category: new Uint8Array(0),
    urgency: new Float64Array(0),
    figures: new Int32Array(0),
    postedAt: [],
    copyKey: [],
    simhash: [],
    text: [],
    groupId: [],
    analysis: [],
    platform: [],
    authorId: [],
    authorHandle: [],
  };
  if (!categories.length) return out;
  const inList = (xs: readonly string[]) => sql.join(xs.map((c) => sql`${c}`));
  // SQLite: messages in rowkey order, each analysis found by its rowid, which is the message's rowkey
  // (migration 202612052131), so both tables are walked in the same order instead of one index seek a
  // message; `cross join` keeps that order, the unary + keeps the category index out of it. PostgreSQL
  // hash-joins on message_id.
  const join =
    dialect === 'sqlite'
      ? sql`messages m cross join analyses a where a.rowid = m.rowkey and a.message_id = m.id and +a.category`
      : sql`messages m join analyses a on a.message_id = m.id where a.category`;
  const when = (xs: readonly string[] | 'all') =>
    xs === 'all' ? sql`1 = 1` : xs.length ? sql`a.category in (${inList(xs)})` : sql`1 = 0`;
  const author = (col: string) => sql`case when ${when(withAuthor)} then ${sql.ref(col)} end`;
  const rows = await rowArrays(
    db,
    dialect,
    sql`select m.rowkey, case a.category ${sql.join(
      categories.map((c, i) => sql`when ${c} then ${sql.lit(i)}`),
      sql` `,
    )} end as c, a.urgency, a.figures, m.posted_at, a.copy_key, a.simhash,
      case when a.copy_key is null or a.simhash is null or a.content_hash <> m.content_hash then m.text end as text,
      case when a.figures is null or (a.figures = 0 and ${when(withAnalysis)}) then a.analysis end as analysis,
      ${author('m.platform')} as platform, ${author('m.author_id')} as author_id,
      ${author('m.author_handle')} as author_handle
    from ${join} in (${inList(categories)}) and ${windowConds(w)} and m.repost_of is null
    order by m.rowkey`,
  );
  // A person's merge decisions in the window (few): one lookup, not one a candidate.
  const groups = new Map(
    (
      await rowArrays(
        db,
        dialect,
        sql`select m.rowkey, d.group_id from message_duplicates d join messages m on m.id = d.message_id
          where ${windowConds(w)}`,
      )
    ).map((r) => [Number(r[0]), r[1] as string]),
  );
  const n = rows.length;
  out.length = n;
  out.rowkey = new Float64Array(n);
  out.category = new Uint8Array(n);
  out.urgency = new Float64Array(n);
  out.figures = new Int32Array(n);
  const cols = [out.postedAt, out.copyKey, out.simhash, out.text, out.groupId, out.analysis];
  for (const c of cols) c.length = n;
  out.platform = new Array(n);
  out.authorId = new Array(n);
  out.authorHandle = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const rowkey = Number(r[0]);
    out.rowkey[i] = rowkey;
    out.category[i] = Number(r[1]);
    out.urgency[i] = Number(r[2]);
    out.figures[i] = r[3] === null ? -1 : Number(r[3]);
    out.postedAt[i] = r[4] as string;
    const text = r[7] as string | null;
    // An edited text: its stored signature is of another version.
    out.copyKey[i] = text === null ? (r[5] as string | null) : null;
    out.simhash[i] = text === null ? (r[6] as string | null) : null;
    out.text[i] = text;
    out.analysis[i] = r[8] as string | null;
    out.platform[i] = r[9] as string | null;
    out.authorId[i] = r[10] as string | null;
    out.authorHandle[i] = r[11] as string | null;
    out.groupId[i] = groups.size ? (groups.get(rowkey) ?? null) : null;
  }
  return out;
}

export interface WindowTotals {
  messages: number;
  accounts: number;
  reposts: number;
}

/** How many messages (not deleted) and distinct accounts the window holds. */
export async function windowTotals(db: Kysely<Database>, w: DigestWindow): Promise<WindowTotals> {
  const res = await sql<{ messages: number | string; accounts: number | string; reposts: number | string }>`
    select count(*) as messages, count(distinct m.platform || ':' || m.author_id) as accounts,
      sum(case when m.repost_of is null then 0 else 1 end) as reposts
    from messages m where ${windowConds(w)}`.execute(db);
  const r = res.rows[0];
  return { messages: Number(r?.messages ?? 0), accounts: Number(r?.accounts ?? 0), reposts: Number(r?.reposts ?? 0) };
}

/** Confirmed near-duplicate groups of these messages: message id → group id. */
export async function duplicateGroupsOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...ids], 900)) {
    const rows = await db
      .selectFrom('message_duplicates')
      .select(['message_id', 'group_id'])
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.message_id, r.group_id);
  }
  return out;
}

/** The same rows for given messages, whatever their category (a silent person's last post). Deleted ones are left out. */
export async function digestRowsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<DigestRow[]> {
  const out: DigestRow[] = [];
  for (const part of chunk([...ids], 500)) {
    const res = await sql<DigestRow>`select m.id, m.rowkey, m.seq, m.platform, m.native_id as "nativeId", m.url,
        m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
        m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
        coalesce(a.category, 'unsorted') as category, coalesce(a.model_category, 'unsorted') as "modelCategory",
        coalesce(a.confidence, 0) as confidence, coalesce(a.urgency, 0) as urgency, coalesce(a.analysis, '{}') as analysis,
        coalesce(a.model_version, '') as "modelVersion", l.actor as "labelActor"
      from messages m left join analyses a on a.message_id = m.id left join labels l on l.message_id = m.id
      where m.deleted = 0 and m.id in (${sql.join(part.map((id) => sql`${id}`))})`.execute(db);
    for (const r of res.rows)
      out.push({
        ...r,
        rowkey: Number(r.rowkey),
        seq: Number(r.seq),
        confidence: Number(r.confidence),
        urgency: Number(r.urgency),
      });
  }
  return out;
}

/**
 * Messages by rowkey (what digestCandidates returned), deleted ones left out, in rowkey order: SQLite reads
 * them front to back, all in one statement (the keys passed as one JSON array).
 */
function byRowkeys(dialect: Dialect, rowkeys: readonly number[]): { key: string; parts: number[][] }[] {
  const keys = [...new Set(rowkeys)].sort((a, b) => a - b);
  if (!keys.length) return [];
  return dialect === 'sqlite' ? [{ key: 'json', parts: [keys] }] : [{ key: 'list', parts: chunk(keys, 500) }];
}

function rowkeyIn(how: string, part: number[]) {
  return how === 'json'
    ? sql`m.rowkey in (select value from json_each(${JSON.stringify(part)}))`
    : sql`m.rowkey in (${sql.join(part.map((k) => sql`${k}`))})`;
}

/** The digest rows of messages given by rowkey (what digestCandidates returned), deleted ones left out. */
export async function digestRowsByRowkeys(
  db: Kysely<Database>,
  dialect: Dialect,
  rowkeys: readonly number[],
): Promise<DigestRow[]> {
  const out: DigestRow[] = [];
  // SQLite: an analysis row's rowid is its message's rowkey (migration 202612052131).
  const analysisJoin =
    dialect === 'sqlite' ? sql`a.rowid = m.rowkey and a.message_id = m.id` : sql`a.message_id = m.id`;
  for (const { key, parts } of byRowkeys(dialect, rowkeys))
    for (const part of parts) {
      const res = await sql<DigestRow>`select m.id, m.rowkey, m.seq, m.platform, m.native_id as "nativeId", m.url,
          m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
          m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
          coalesce(a.category, 'unsorted') as category, coalesce(a.model_category, 'unsorted') as "modelCategory",
          coalesce(a.confidence, 0) as confidence, coalesce(a.urgency, 0) as urgency, coalesce(a.analysis, '{}') as analysis,
          coalesce(a.model_version, '') as "modelVersion", l.actor as "labelActor"
        from messages m left join analyses a on ${analysisJoin} left join labels l on l.message_id = m.id
        where m.deleted = 0 and ${rowkeyIn(key, part)}`.execute(db);
      for (const r of res.rows)
        out.push({
          ...r,
          rowkey: Number(r.rowkey),
          seq: Number(r.seq),
          confidence: Number(r.confidence),
          urgency: Number(r.urgency),
        });
    }
  return out;
}

/** Message ids by rowkey (deleted messages left out). */
export async function digestIdsByRowkeys(
  db: Kysely<Database>,
  dialect: Dialect,
  rowkeys: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const { key, parts } of byRowkeys(dialect, rowkeys))
    for (const part of parts)
      for (const r of await rowArrays(
        db,
        dialect,
        sql`select m.rowkey, m.id from messages m where m.deleted = 0 and ${rowkeyIn(key, part)}`,
      ))
        out.set(Number(r[0]), r[1] as string);
  return out;
}
