import { type Kysely, sql } from 'kysely';
import { normalizeArabic } from '../../core/arabic-normalize.ts';
import type { Dialect } from '../contract.ts';
import { chunk } from '../projections/chunk.ts';
import { rowkeyRange } from '../projections/rowkey.ts';
import type { Database } from '../schema/database.ts';

/** What a digest reads per message: the message, its effective triage, and whether a person confirmed it. */
export interface DigestRow {
  id: string;
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
  const res = await sql<DigestRow>`select m.id, m.seq, m.platform, m.native_id as "nativeId", m.url,
      m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
      m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
      a.category, a.model_category as "modelCategory", a.confidence, a.urgency, a.analysis,
      a.model_version as "modelVersion", l.actor as "labelActor"
    from messages m join analyses a on a.message_id = m.id left join labels l on l.message_id = m.id
    where ${windowConds(w)} and a.category in (${sql.join(categories.map((c) => sql`${c}`))})
    order by m.rowkey`.execute(db);
  return res.rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    confidence: Number(r.confidence),
    urgency: Number(r.urgency),
  }));
}

/**
 * What a digest reads of every message in its sections, to fold near-duplicates and rank them before it
 * reads any text: the near-duplicate signature kept with the analysis (the text only where that is not
 * known), the confirmed duplicate group, and how many casualty figures the analysis holds.
 */
export interface DigestCandidate {
  id: string;
  rowkey: number;
  postedAt: string;
  platform: string;
  authorId: string;
  authorHandle: string | null;
  category: string;
  urgency: number;
  /** Casualty figures in the analysis; null when the row predates the count (read the analysis then). */
  figures: number | null;
  /** The stored signature of this text, or null (then `text` is set). */
  copyKey: string | null;
  simhash: string | null;
  text: string | null;
  /** A person's merge decision: the confirmed near-duplicate group. */
  groupId: string | null;
  /** The analysis JSON, only where it is needed for every row: casualty figures, or a category counted per place. */
  analysis: string | null;
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
  /** Categories whose analysis JSON is read for every row (the places of damage and casualty reports). */
  withAnalysis: readonly string[] = [],
): Promise<DigestCandidate[]> {
  if (!categories.length) return [];
  const inList = (xs: readonly string[]) => sql.join(xs.map((c) => sql`${c}`));
  // SQLite: messages in rowkey order, each analysis found by its rowid, which is the message's rowkey
  // (migration 202612052131), so both tables are walked in the same order instead of one index seek a
  // message; `cross join` keeps that order, the unary + keeps the category index out of it. PostgreSQL
  // hash-joins on message_id.
  const join =
    dialect === 'sqlite'
      ? sql`messages m cross join analyses a left join message_duplicates d on d.message_id = m.id
        where a.rowid = m.rowkey and a.message_id = m.id and +a.category`
      : sql`messages m join analyses a on a.message_id = m.id left join message_duplicates d on d.message_id = m.id
        where a.category`;
  const res = await sql<DigestCandidate>`select m.id, m.rowkey, m.posted_at as "postedAt", m.platform,
      m.author_id as "authorId", m.author_handle as "authorHandle", a.category, a.urgency, a.figures,
      a.copy_key as "copyKey", a.simhash,
      case when a.copy_key is null or a.simhash is null or a.content_hash <> m.content_hash then m.text end as text,
      d.group_id as "groupId",
      case when a.figures is null or a.figures > 0 ${withAnalysis.length ? sql`or a.category in (${inList(withAnalysis)})` : sql``}
        then a.analysis end as analysis
    from ${join} in (${inList(categories)}) and ${windowConds(w)} and m.repost_of is null
    order by m.rowkey`.execute(db);
  for (const r of res.rows) {
    r.rowkey = Number(r.rowkey);
    r.urgency = Number(r.urgency);
    if (r.figures !== null) r.figures = Number(r.figures);
    // An edited text: its stored signature is of another version.
    if (r.text !== null) {
      r.copyKey = null;
      r.simhash = null;
    }
  }
  return res.rows;
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
    const res = await sql<DigestRow>`select m.id, m.seq, m.platform, m.native_id as "nativeId", m.url,
        m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
        m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
        coalesce(a.category, 'unsorted') as category, coalesce(a.model_category, 'unsorted') as "modelCategory",
        coalesce(a.confidence, 0) as confidence, coalesce(a.urgency, 0) as urgency, coalesce(a.analysis, '{}') as analysis,
        coalesce(a.model_version, '') as "modelVersion", l.actor as "labelActor"
      from messages m left join analyses a on a.message_id = m.id left join labels l on l.message_id = m.id
      where m.deleted = 0 and m.id in (${sql.join(part.map((id) => sql`${id}`))})`.execute(db);
    for (const r of res.rows)
      out.push({ ...r, seq: Number(r.seq), confidence: Number(r.confidence), urgency: Number(r.urgency) });
  }
  return out;
}

/**
 * The digest rows of messages given by rowkey (what digestCandidates returned), deleted ones left out. In
 * rowkey order, so SQLite reads both tables front to back (an analysis row's rowid is its message's rowkey).
 */
export async function digestRowsByRowkeys(
  db: Kysely<Database>,
  dialect: Dialect,
  rowkeys: readonly number[],
): Promise<DigestRow[]> {
  const out: DigestRow[] = [];
  const analysisJoin =
    dialect === 'sqlite' ? sql`a.rowid = m.rowkey and a.message_id = m.id` : sql`a.message_id = m.id`;
  for (const part of chunk(
    [...new Set(rowkeys)].sort((a, b) => a - b),
    500,
  )) {
    const res = await sql<DigestRow>`select m.id, m.seq, m.platform, m.native_id as "nativeId", m.url,
        m.author_id as "authorId", m.author_handle as "authorHandle", m.author_name as "authorName",
        m.posted_at as "postedAt", m.text, m.lang, m.media, m.repost_of as "repostOf",
        coalesce(a.category, 'unsorted') as category, coalesce(a.model_category, 'unsorted') as "modelCategory",
        coalesce(a.confidence, 0) as confidence, coalesce(a.urgency, 0) as urgency, coalesce(a.analysis, '{}') as analysis,
        coalesce(a.model_version, '') as "modelVersion", l.actor as "labelActor"
      from messages m left join analyses a on ${analysisJoin} left join labels l on l.message_id = m.id
      where m.deleted = 0 and m.rowkey in (${sql.join(part.map((k) => sql`${k}`))})`.execute(db);
    for (const r of res.rows)
      out.push({ ...r, seq: Number(r.seq), confidence: Number(r.confidence), urgency: Number(r.urgency) });
  }
  return out;
}
