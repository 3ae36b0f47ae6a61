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

export async function messageStats(db: Kysely<Database>): Promise<Omit<StoreStats, 'ledgerEvents'>> {
  const totals = await db
    .selectFrom('messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('messages'),
      eb.fn.count<number>('author_id').distinct().as('authors'),
      eb.fn.min('rowkey').as('first'),
      eb.fn.max('rowkey').as('last'),
    ])
    .executeTakeFirstOrThrow();
  const group = async (col: 'platform' | 'lang') => {
    const rows = await db
      .selectFrom('messages')
      .select([col, (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(col)
      .execute();
    return Object.fromEntries(rows.map((r) => [(r as Record<string, unknown>)[col] ?? 'und', Number(r.n)]));
  };
  const postedAt = async (rowkey: unknown) =>
    rowkey == null
      ? undefined
      : (await db.selectFrom('messages').select('posted_at').where('rowkey', '=', Number(rowkey)).executeTakeFirst())
          ?.posted_at;
  return {
    messages: Number(totals.messages),
    authors: Number(totals.authors),
    byPlatform: await group('platform'),
    byLanguage: await group('lang'),
    firstPostedAt: await postedAt(totals.first),
    lastPostedAt: await postedAt(totals.last),
  };
}
