import { type Kysely, sql } from 'kysely';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { Note, Person, PfifStatus } from '../../core/person.ts';
import { accountKey, parseAccount } from '../../core/person.ts';
import { chunk } from '../projections/chunk.ts';
import type { Database } from '../schema/database.ts';
import type { NotesTable } from '../schema/notes.ts';
import { sqliteStatements } from '../sqlite-statements.ts';

export async function listPeople(db: Kysely<Database>): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().orderBy('name').execute();
  const accounts = await db.selectFrom('person_accounts').selectAll().execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameAr: r.name_ar ?? undefined,
    area: r.area ?? undefined,
    areaKey: r.area_key ?? undefined,
    tags: JSON.parse(r.tags) as string[],
    accounts: accounts.filter((a) => a.person_id === r.id).map((a) => ({ platform: a.platform, handle: a.handle })),
  }));
}

/** A person by id (or id prefix), exact name (Latin or Arabic, any case), or platform:handle. */
export async function findPerson(db: Kysely<Database>, ref: string): Promise<Person> {
  const people = await listPeople(db);
  const r = ref.trim();
  const lower = r.toLowerCase();
  let hits = people.filter((p) => p.id === r || (r.startsWith('p-') && r.length >= 6 && p.id.startsWith(r)));
  if (hits.length === 0) hits = people.filter((p) => p.name.toLowerCase() === lower || p.nameAr === r);
  if (hits.length === 0 && /^[a-z]+:/i.test(r)) {
    const a = parseAccount(r);
    const key = accountKey(a.platform, a.handle);
    hits = people.filter((p) => p.accounts.some((x) => accountKey(x.platform, x.handle) === key));
  }
  if (hits.length === 0) throw new NotFoundError(`no person "${ref}" on the watchlist`, ref);
  if (hits.length > 1)
    throw new UsageError(
      `"${ref}" matches ${hits.length} people; use the id (${hits.map((h) => h.id).join(', ')})`,
      ref,
    );
  return hits[0];
}

function rowToNote(r: NotesTable): Note & { supersededBy?: string } {
  return {
    id: r.id,
    personId: r.person_id,
    status: (r.status ?? undefined) as PfifStatus | undefined,
    authorMadeContact: r.author_made_contact === null ? undefined : r.author_made_contact === 1,
    text: r.text,
    author: r.author,
    at: r.at,
    supersedes: r.supersedes ?? undefined,
    supersededBy: r.superseded_by ?? undefined,
    evidence: r.evidence ? JSON.parse(r.evidence) : undefined,
  };
}

/** Notes oldest first; for one person or everyone. Superseded notes are included and marked. */
export async function listNotes(
  db: Kysely<Database>,
  personId?: string,
): Promise<(Note & { supersededBy?: string })[]> {
  let q = db.selectFrom('notes').selectAll();
  if (personId) q = q.where('person_id', '=', personId);
  const rows = await q.orderBy('seq').execute();
  return rows.map((r) => rowToNote(r as NotesTable));
}

/** A message of a watched account, as much as the watchlist needs. */
export interface AccountPost {
  id: string;
  /** The message's time-ordered key. */
  rowkey: number;
  postedAt: string;
  platform: string;
  handle: string | null;
  url: string | null;
  text: string;
  /** A repost of someone else's message. */
  repost: boolean;
}

/**
 * Messages written by any of the accounts (platform + handle or account id, case-insensitive, @ ignored).
 * Author-deleted messages are left out: they are not shown in working views.
 */
export async function postsOfAccounts(
  db: Kysely<Database>,
  accounts: readonly { platform: string; handle: string }[],
): Promise<AccountPost[]> {
  const out: AccountPost[] = [];
  for (const a of accounts) {
    const key = accountKey(a.platform, a.handle).slice(a.platform.length + 1);
    // Two lookups, each on its own (platform, lower(...)) index (migration 202612021000-account-lookup):
    // SQLite uses only the platform part of an index for an OR across two columns.
    const posts = db
      .selectFrom('messages')
      .select(['id', 'rowkey', 'posted_at', 'platform', 'author_handle', 'url', 'text', 'repost_of'])
      .where('platform', '=', a.platform.toLowerCase())
      .where('deleted', '=', 0);
    const rows = [
      ...(await posts.where(sql`lower(author_handle)`, 'in', [key, `@${key}`]).execute()),
      ...(await posts.where(sql`lower(author_id)`, '=', key).execute()),
    ];
    for (const r of rows)
      out.push({
        id: r.id,
        rowkey: Number(r.rowkey),
        postedAt: r.posted_at,
        platform: r.platform,
        handle: r.author_handle,
        url: r.url,
        text: r.text,
        repost: r.repost_of !== null,
      });
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    return true;
  });
}

/**
 * messageCategories of these messages, found on SQLite through their rowkeys (an analysis row's rowid is its
 * message's rowkey, migration 202612052131): one statement over the keys in order instead of a lookup of
 * the message_id index per message. A message whose analysis is not found that way is looked up by id.
 */
export async function messageCategoriesOf(
  db: Kysely<Database>,
  posts: readonly { id: string; rowkey: number }[],
): Promise<Map<string, string>> {
  const fast = sqliteStatements(db);
  if (!fast) return messageCategories(db, new Set(posts.map((p) => p.id)));
  const out = new Map<string, string>();
  const keys = [...new Set(posts.map((p) => p.rowkey))].sort((a, b) => a - b);
  const rows = fast
    .statement('select message_id, category from analyses where rowid in (select value from json_each(?))')
    .raw(true)
    .all(JSON.stringify(keys)) as [string, string][];
  for (const [id, category] of rows) out.set(id, category);
  const missing = new Set(posts.flatMap((p) => (out.has(p.id) ? [] : [p.id])));
  if (missing.size) for (const [id, category] of await messageCategories(db, missing)) out.set(id, category);
  return out;
}

/** Triage categories of messages (a person's confirmed label outranks the model, see projections/analysis.ts). */
export async function messageCategories(db: Kysely<Database>, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...ids], 900)) {
    const rows = await db
      .selectFrom('analyses')
      .select(['message_id', 'category'])
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.message_id, r.category);
  }
  return out;
}
