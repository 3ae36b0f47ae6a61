import type { Kysely } from 'kysely';
import { NotFoundError, UsageError } from '../../core/errors.ts';
import type { StoredMessage, StoreStats } from '../contract.ts';
import { chunk } from '../projections/chunk.ts';
import type { Database } from '../schema/database.ts';
import type { MessagesTable } from '../schema/messages.ts';

export function rowToMessage(r: MessagesTable): StoredMessage {
  const [name, version] = r.importer.split('@');
  return {
    id: r.id,
    contentHash: r.content_hash,
    seq: Number(r.seq),
    versions: Number(r.versions),
    platform: r.platform,
    nativeId: r.native_id,
    url: r.url ?? undefined,
    author: { id: r.author_id, handle: r.author_handle ?? undefined, displayName: r.author_name ?? undefined },
    postedAt: r.posted_at,
    capturedAt: r.captured_at,
    text: r.text,
    lang: r.lang ?? undefined,
    media: JSON.parse(r.media),
    replyTo: r.reply_to ? JSON.parse(r.reply_to) : undefined,
    repostOf: r.repost_of ? JSON.parse(r.repost_of) : undefined,
    kind: (r.kind ?? undefined) as StoredMessage['kind'],
    geo: r.geo ? JSON.parse(r.geo) : undefined,
    poll: r.poll ? JSON.parse(r.poll) : undefined,
    deleted: r.deleted ? true : undefined,
    provenance: {
      source: r.prov_source,
      blob: r.prov_blob,
      locator: r.prov_locator,
      importer: { name, version: version ?? '' },
    },
  };
}

/** A message by full identity hash or a unique prefix (at least 6 hex digits). */
export async function getMessage(db: Kysely<Database>, idOrPrefix: string): Promise<StoredMessage | undefined> {
  const id = idOrPrefix.toLowerCase();
  if (!/^[0-9a-f]{6,64}$/.test(id)) throw new UsageError(`not a message id: ${idOrPrefix}`, idOrPrefix);
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '>=', id)
    .where('id', '<=', `${id}g`)
    .limit(2)
    .execute();
  if (rows.length > 1)
    throw new UsageError(`message id prefix ${idOrPrefix} is ambiguous; give more digits`, idOrPrefix);
  return rows[0] ? rowToMessage(rows[0] as MessagesTable) : undefined;
}

export async function requireMessage(db: Kysely<Database>, idOrPrefix: string): Promise<StoredMessage> {
  const m = await getMessage(db, idOrPrefix);
  if (!m) throw new NotFoundError(`no message ${idOrPrefix}`, idOrPrefix);
  return m;
}

export async function contentHashes(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk(ids, 900)) {
    const rows = await db.selectFrom('messages').select(['id', 'content_hash']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.content_hash);
  }
  return out;
}

/**
 * Totals from message_counts and message_authors (kept by the messages projector) and the first and last
 * message by row key, which both stores read from the primary key's ends: no scan of `messages`.
 */
export async function messageStats(db: Kysely<Database>): Promise<Omit<StoreStats, 'ledgerEvents'>> {
  const counts = await db
    .selectFrom('message_counts')
    .select(['kind', 'value', 'messages'])
    .orderBy('messages', 'desc')
    .orderBy('value')
    .execute();
  const byPlatform: Record<string, number> = {};
  const byLanguage: Record<string, number> = {};
  for (const c of counts) {
    if (c.kind === 'platform') byPlatform[c.value] = Number(c.messages);
    else {
      const lang = c.kind === 'no-lang' ? 'und' : c.value;
      byLanguage[lang] = (byLanguage[lang] ?? 0) + Number(c.messages);
    }
  }
  const authors = await db
    .selectFrom('message_authors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const end = async (direction: 'asc' | 'desc') =>
    (await db.selectFrom('messages').select('posted_at').orderBy('rowkey', direction).limit(1).executeTakeFirst())
      ?.posted_at;
  return {
    messages: Object.values(byPlatform).reduce((a, b) => a + b, 0),
    authors: Number(authors.n),
    byPlatform,
    byLanguage,
    firstPostedAt: await end('asc'),
    lastPostedAt: await end('desc'),
  };
}
