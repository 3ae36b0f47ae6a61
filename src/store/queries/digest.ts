import { type Kysely, type RawBuilder, sql } from 'kysely';
import { normalizeArabic } from '../../core/arabic-normalize.ts';
import { parseCopyKey, parseSimhash } from '../../core/signature-hex.ts';
import type { Dialect } from '../contract.ts';
import { chunk } from '../projections/chunk.ts';
import { rowkeyRange } from '../projections/rowkey.ts';
import type { Database } from '../schema/database.ts';
import { type SqliteStatements, sqliteStatements } from '../sqlite-statements.ts';

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

export function windowConds(w: DigestWindow) {
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

/** What a quote needs of a message (a DigestRow without the model's own fields). */
export type QuoteRow = Pick<
  DigestRow,
  | 'id'
  | 'rowkey'
  | 'seq'
  | 'platform'
  | 'url'
  | 'authorId'
  | 'authorHandle'
  | 'authorName'
  | 'postedAt'
  | 'text'
  | 'lang'
  | 'media'
  | 'category'
  | 'urgency'
  | 'analysis'
  | 'labelActor'
>;

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
  /** Date.parse of the posting time (its string is not kept: a million of them weigh on the heap). */
  time: Float64Array;
  /** 1 when the signature of this text is stored (copy*, sim*); 0: it is not known, `text` is set. */
  signed: Uint8Array;
  /** The stored copy key: 0 '', 1 16 hex digits in copyHi/copyLo, 2 another string in `copyOther`. */
  copyKind: Uint8Array;
  copyHi: Uint32Array;
  copyLo: Uint32Array;
  copyOther: Map<number, string>;
  /** The stored SimHash: 0 '', 1 its halves in simHi/simLo (as parseInt of each 8 digits reads them). */
  simKind: Uint8Array;
  simHi: Uint32Array;
  simLo: Uint32Array;
  /** By candidate index, only where set. The text where no signature is stored. */
  text: Map<number, string>;
  /** A person's merge decision: the confirmed near-duplicate group. */
  groupId: Map<number, string>;
  /**
   * The analysis JSON where the figure count is not stored, and (PostgreSQL) where the places are asked for
   * (`withPlaces`).
   */
  analysis: Map<number, string>;
  /**
   * SQLite: where the places are asked for (`withPlaces`) and the analysis has no figures, the index of the
   * JSON of its places in `placesJson` (distinct values, each kept once); else -1.
   */
  places: Int32Array;
  placesJson: string[];
  /** The author, where it is asked for (`withAuthor`) or the row is quoted. */
  author: Map<number, { platform: string; authorId: string; authorHandle: string | null }>;
  /** What a quote needs, read in the same pass for every row with casualty figures (each is quoted). */
  row: Map<number, QuoteRow>;
}

/**
 * Each row as an array of its columns, in select order: SQLite through a prepared statement in raw mode,
 * stepped (a million rows are never held as arrays at once).
 */
export async function eachRow(
  db: Kysely<Database>,
  dialect: Dialect,
  query: RawBuilder<unknown>,
  fn: (r: unknown[]) => void,
): Promise<void> {
  const fast = dialect === 'sqlite' ? sqliteStatements(db) : undefined;
  const compiled = query.compile(db);
  if (fast) {
    const st = fast.statement(compiled.sql).raw(true);
    for (const r of st.iterate(...compiled.parameters) as Iterable<unknown[]>) fn(r);
    return;
  }
  const res = await db.executeQuery<Record<string, unknown>>(compiled);
  for (const r of res.rows) fn(Object.values(r));
}

/** A Float64Array (or another typed array) that grows. */
export function grow<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 1024));
  b.set(a);
  return b;
}

/** No candidates; the typed columns grow as rows come (only the first `length` entries count). */
export function emptyCandidates(): DigestCandidates {
  return {
    length: 0,
    rowkey: new Float64Array(0),
    category: new Uint8Array(0),
    urgency: new Float64Array(0),
    figures: new Int32Array(0),
    time: new Float64Array(0),
    signed: new Uint8Array(0),
    copyKind: new Uint8Array(0),
    copyHi: new Uint32Array(0),
    copyLo: new Uint32Array(0),
    copyOther: new Map(),
    simKind: new Uint8Array(0),
    simHi: new Uint32Array(0),
    simLo: new Uint32Array(0),
    text: new Map(),
    groupId: new Map(),
    analysis: new Map(),
    places: new Int32Array(0),
    placesJson: [],
    author: new Map(),
    row: new Map(),
  };
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
  /** Categories whose places are read for every row without casualty figures (the places counted). */
  withPlaces: readonly string[] = [],
  /** Categories whose author is read, or 'all'. */
  withAuthor: readonly string[] | 'all' = 'all',
  /**
   * Whether what a quote needs is read in this pass for the rows with casualty figures; when not, the caller
   * fills it in from `digestQuotedColumns` (digest-quoted.ts, read beside, on another connection) with `fillQuotedRows`.
   */
  quoteColumns = true,
): Promise<DigestCandidates> {
  const out = emptyCandidates();
  if (!categories.length) return out;
  const inList = (xs: readonly string[]) => sql.join(xs.map((c) => sql`${c}`));
  // SQLite: messages in rowkey order, each analysis found by its rowid, which is the message's rowkey
  // (migration 202612052131), so both tables are walked in the same order instead of one index seek a
  // message; `cross join` keeps that order, the unary + keeps the category index out of it. PostgreSQL
  // hash-joins on message_id.
  const sqlite = dialect === 'sqlite';
  const join = sqlite
    ? sql`messages m cross join analyses a where a.rowid = m.rowkey and a.message_id = m.id and +a.category`
    : sql`messages m join analyses a on a.message_id = m.id where a.category`;
  const when = (xs: readonly string[] | 'all') =>
    xs === 'all' ? sql`1 = 1` : xs.length ? sql`a.category in (${inList(xs)})` : sql`1 = 0`;
  const author = (col: string) => sql`case when ${when(withAuthor)} then ${sql.ref(col)} end`;
  const placesWanted = sql`a.figures = 0 and ${when(withPlaces)}`;
  // SQLite hands over only the places (`->` gives JSON text; an unreadable analysis has none); PostgreSQL the
  // whole analysis.
  const places = sqlite
    ? sql`case when ${placesWanted} then case when json_valid(a.analysis) then coalesce(a.analysis -> '$.places', '[]') else '[]' end end`
    : sql`null`;
  const analysis = sqlite
    ? sql`case when a.figures is null then a.analysis end`
    : sql`case when a.figures is null or (${placesWanted}) then a.analysis end`;
  // Every row with figures is quoted (casualty reports): what the quote needs comes in the same pass, unless
  // another thread reads it (`quoteColumns` false).
  const quoted = (col: RawBuilder<unknown>) => sql`case when a.figures > 0 then ${col} end`;
  const quoteCols = [
    sql`m.id`,
    sql`m.seq`,
    sql`m.url`,
    sql`m.author_name`,
    sql`m.text`,
    sql`m.lang`,
    sql`m.media`,
    sql`a.analysis`,
    sql`(select l.actor from labels l where l.message_id = m.id)`,
    sql`m.platform`,
    sql`m.author_id`,
    sql`m.author_handle`,
  ].map(quoted);
  const quotes = quoteColumns
    ? sql`, ${sql.join(
        quoteCols.map((c, i) => sql`${c} as ${sql.ref(`q${i}`)}`),
        sql`, `,
      )}`
    : sql``;
  const groups = new Map<number, string>();
  // A person's merge decisions in the window (few): one lookup, not one a candidate.
  await eachRow(
    db,
    dialect,
    sql`select m.rowkey, d.group_id from message_duplicates d join messages m on m.id = d.message_id
      where ${windowConds(w)}`,
    (r) => groups.set(Number(r[0]), r[1] as string),
  );
  let n = 0;
  const placesIndex = new Map<string, number>();
  await eachRow(
    db,
    dialect,
    sql`select m.rowkey, case a.category ${sql.join(
      categories.map((c, i) => sql`when ${c} then ${sql.lit(i)}`),
      sql` `,
    )} end as c, a.urgency, a.figures, m.posted_at, a.copy_key, a.simhash,
      case when a.copy_key is null or a.simhash is null or a.content_hash <> m.content_hash then m.text end as text,
      ${analysis} as analysis, ${places} as places,
      ${author('m.platform')} as platform, ${author('m.author_id')} as author_id,
      ${author('m.author_handle')} as author_handle${quotes}
    from ${join} in (${inList(categories)}) and ${windowConds(w)} and m.repost_of is null
    order by m.rowkey`,
    (r) => {
      const i = n++;
      if (n > out.rowkey.length) {
        const need = n;
        out.rowkey = grow(out.rowkey, need);
        out.category = grow(out.category, need);
        out.urgency = grow(out.urgency, need);
        out.figures = grow(out.figures, need);
        out.time = grow(out.time, need);
        out.signed = grow(out.signed, need);
        out.copyKind = grow(out.copyKind, need);
        out.copyHi = grow(out.copyHi, need);
        out.copyLo = grow(out.copyLo, need);
        out.simKind = grow(out.simKind, need);
        out.simHi = grow(out.simHi, need);
        out.simLo = grow(out.simLo, need);
        out.places = grow(out.places, need);
      }
      const rowkey = Number(r[0]);
      out.rowkey[i] = rowkey;
      out.category[i] = Number(r[1]);
      const urgency = Number(r[2]);
      out.urgency[i] = urgency;
      const figures = r[3] === null ? -1 : Number(r[3]);
      out.figures[i] = figures;
      const postedAt = r[4] as string;
      out.time[i] = Date.parse(postedAt);
      const text = r[7] as string | null;
      const copyKey = r[5] as string | null;
      const simhash = r[6] as string | null;
      // An edited text: its stored signature is of another version.
      if (text === null && copyKey !== null && simhash !== null) {
        out.signed[i] = 1;
        parseCopyKey(copyKey, i, out.copyKind, out.copyHi, out.copyLo);
        if (out.copyKind[i] === 2) out.copyOther.set(i, copyKey);
        out.simKind[i] = parseSimhash(simhash, i, out.simHi, out.simLo) ? 1 : 0;
      } else {
        out.signed[i] = 0;
        out.text.set(i, text ?? '');
      }
      if (r[8] !== null) out.analysis.set(i, r[8] as string);
      if (r[9] === null) out.places[i] = -1;
      else {
        const json = r[9] as string;
        let p = placesIndex.get(json);
        if (p === undefined) {
          p = out.placesJson.length;
          out.placesJson.push(json);
          placesIndex.set(json, p);
        }
        out.places[i] = p;
      }
      if (groups.size) {
        const g = groups.get(rowkey);
        if (g !== undefined) out.groupId.set(i, g);
      }
      if (figures > 0 && quoteColumns) {
        const platform = r[22] as string;
        const authorId = r[23] as string;
        const authorHandle = r[24] as string | null;
        out.author.set(i, { platform, authorId, authorHandle });
        out.row.set(i, {
          id: r[13] as string,
          rowkey,
          seq: Number(r[14]),
          platform,
          url: r[15] as string | null,
          authorId,
          authorHandle,
          authorName: r[16] as string | null,
          postedAt,
          text: r[17] as string,
          lang: r[18] as string | null,
          media: r[19] as string,
          category: categories[Number(r[1])],
          urgency,
          analysis: r[20] as string,
          labelActor: r[21] as string | null,
        });
      } else if (r[10] !== null)
        out.author.set(i, {
          platform: r[10] as string,
          authorId: r[11] as string,
          authorHandle: r[12] as string | null,
        });
    },
  );
  out.length = n;
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

/**
 * Whether the window's time range holds at least `n` messages (deleted ones and the place left aside): a
 * size estimate that steps over at most `n` rows, not a count of the window. SQLite only, and synchronous,
 * so what it decides can start before the caller's next statement.
 */
export function sqliteWindowHoldsAtLeast(statements: SqliteStatements, w: DigestWindow, n: number): boolean {
  const { lo, hi } = rowkeyRange(w.since, w.until);
  const [row] = statements.all<{ n: number }>(
    'select count(*) as n from (select 1 from messages where rowkey >= ? and rowkey <= ? limit ?)',
    lo,
    hi,
    n,
  );
  return (row?.n ?? 0) >= n;
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

/** The columns of a digest row, over `messages m`, `analyses a` and `labels l`. */
const DIGEST_ROW_COLUMNS = sql`m.id, m.rowkey, m.seq, m.platform, m.native_id as "nativeId", m.url,
  m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
  m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
  coalesce(a.category, 'unsorted') as category, coalesce(a.model_category, 'unsorted') as "modelCategory",
  coalesce(a.confidence, 0) as confidence, coalesce(a.urgency, 0) as urgency, coalesce(a.analysis, '{}') as analysis,
  coalesce(a.model_version, '') as "modelVersion", l.actor as "labelActor"`;

/** PostgreSQL returns bigint and numeric columns as strings. */
function digestRow(r: DigestRow): DigestRow {
  return {
    ...r,
    rowkey: Number(r.rowkey),
    seq: Number(r.seq),
    confidence: Number(r.confidence),
    urgency: Number(r.urgency),
  };
}

/** The same rows for given messages, whatever their category (a silent person's last post). Deleted ones are left out. */
export async function digestRowsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<DigestRow[]> {
  const out: DigestRow[] = [];
  for (const part of chunk([...ids], 500)) {
    const res = await sql<DigestRow>`select ${DIGEST_ROW_COLUMNS}
      from messages m left join analyses a on a.message_id = m.id left join labels l on l.message_id = m.id
      where m.deleted = 0 and m.id in (${sql.join(part.map((id) => sql`${id}`))})`.execute(db);
    for (const r of res.rows) out.push(digestRow(r));
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
      const res = await sql<DigestRow>`select ${DIGEST_ROW_COLUMNS}
        from messages m left join analyses a on ${analysisJoin} left join labels l on l.message_id = m.id
        where m.deleted = 0 and ${rowkeyIn(key, part)}`.execute(db);
      for (const r of res.rows) out.push(digestRow(r));
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
      await eachRow(
        db,
        dialect,
        sql`select m.rowkey, m.id from messages m where m.deleted = 0 and ${rowkeyIn(key, part)}`,
        (r) => out.set(Number(r[0]), r[1] as string),
      );
  return out;
}
