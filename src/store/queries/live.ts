import type { Kysely } from 'kysely';
import type { Database } from '../schema/database.ts';

export interface Follow {
  key: string;
  platform: string;
  target: string;
  baseUrl?: string;
  personId?: string;
  auto: boolean;
  addedAt: string;
  addedBy: string;
}

export type HealthState = 'ok' | 'degraded' | 'failing' | 'auth_needed' | 'rate_limited';

export interface SourceHealth {
  followKey: string;
  state: HealthState;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  nextTryAt?: string;
  failures: number;
  updatedAt: string;
}

/** Adds a follow; false when the key is already followed (nothing changes then). */
export async function addFollow(db: Kysely<Database>, f: Follow): Promise<boolean> {
  const r = await db
    .insertInto('follows')
    .values({
      key: f.key,
      platform: f.platform,
      target: f.target,
      base_url: f.baseUrl ?? null,
      person_id: f.personId ?? null,
      auto: f.auto ? 1 : 0,
      added_at: f.addedAt,
      added_by: f.addedBy,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a follow with its cursor, health and log; false when it was not followed. */
export async function removeFollow(db: Kysely<Database>, key: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('follows').where('key', '=', key).executeTakeFirst();
    await trx.deleteFrom('source_cursors').where('follow_key', '=', key).execute();
    await trx.deleteFrom('source_health').where('follow_key', '=', key).execute();
    await trx.deleteFrom('collect_log').where('follow_key', '=', key).execute();
    return Number(r.numDeletedRows) > 0;
  });
}

/** Whose account a follow is (an automatic follow moves to another person who has the same account). */
export async function setFollowPerson(db: Kysely<Database>, key: string, personId: string): Promise<void> {
  await db.updateTable('follows').set({ person_id: personId }).where('key', '=', key).execute();
}

export async function listFollows(db: Kysely<Database>): Promise<Follow[]> {
  const rows = await db.selectFrom('follows').selectAll().orderBy('key').execute();
  return rows.map((r) => ({
    key: r.key,
    platform: r.platform,
    target: r.target,
    ...(r.base_url ? { baseUrl: r.base_url } : {}),
    ...(r.person_id ? { personId: r.person_id } : {}),
    auto: Number(r.auto) === 1,
    addedAt: r.added_at,
    addedBy: r.added_by,
  }));
}

export async function getCursor(db: Kysely<Database>, key: string): Promise<unknown> {
  const r = await db.selectFrom('source_cursors').select('cursor').where('follow_key', '=', key).executeTakeFirst();
  return r ? JSON.parse(r.cursor) : undefined;
}

export async function saveCursor(db: Kysely<Database>, key: string, cursor: unknown, at: string): Promise<void> {
  const value = JSON.stringify(cursor);
  await db
    .insertInto('source_cursors')
    .values({ follow_key: key, cursor: value, updated_at: at })
    .onConflict((oc) => oc.column('follow_key').doUpdateSet({ cursor: value, updated_at: at }))
    .execute();
}

export async function putHealth(db: Kysely<Database>, h: SourceHealth): Promise<void> {
  const row = {
    state: h.state,
    last_success_at: h.lastSuccessAt ?? null,
    last_error: h.lastError ?? null,
    last_error_at: h.lastErrorAt ?? null,
    next_try_at: h.nextTryAt ?? null,
    failures: h.failures,
    updated_at: h.updatedAt,
  };
  await db
    .insertInto('source_health')
    .values({ follow_key: h.followKey, ...row })
    .onConflict((oc) => oc.column('follow_key').doUpdateSet(row))
    .execute();
}

function toHealth(r: Database['source_health']): SourceHealth {
  return {
    followKey: r.follow_key,
    state: r.state as HealthState,
    ...(r.last_success_at ? { lastSuccessAt: r.last_success_at } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.last_error_at ? { lastErrorAt: r.last_error_at } : {}),
    ...(r.next_try_at ? { nextTryAt: r.next_try_at } : {}),
    failures: Number(r.failures),
    updatedAt: r.updated_at,
  };
}

export async function getHealth(db: Kysely<Database>, key: string): Promise<SourceHealth | undefined> {
  const r = await db.selectFrom('source_health').selectAll().where('follow_key', '=', key).executeTakeFirst();
  return r ? toHealth(r) : undefined;
}

export async function listHealth(db: Kysely<Database>): Promise<SourceHealth[]> {
  const rows = await db.selectFrom('source_health').selectAll().orderBy('follow_key').execute();
  return rows.map(toHealth);
}

/** Records a round's captured items and prunes rows older than two days before `at`. */
export async function logItems(db: Kysely<Database>, key: string, at: string, items: number): Promise<void> {
  const cutoff = new Date(Date.parse(at) - 2 * 86_400_000).toISOString();
  await db.deleteFrom('collect_log').where('at', '<', cutoff).execute();
  if (items > 0) await db.insertInto('collect_log').values({ follow_key: key, at, items }).execute();
}

/** Items captured per follow since `since` (ISO). */
export async function itemsSince(db: Kysely<Database>, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('collect_log')
    .select(['follow_key', (eb) => eb.fn.sum<number>('items').as('n')])
    .where('at', '>=', since)
    .groupBy('follow_key')
    .execute();
  return new Map(rows.map((r) => [r.follow_key, Number(r.n)]));
}

/**
 * Ids of messages from provenance source `source` whose current version has no analysis yet: captured
 * by a live stream that analyses after the commit, then stopped before it got to them.
 */
export async function unanalyzedIds(db: Kysely<Database>, source: string, limit = 10_000): Promise<string[]> {
  const rows = await db
    .selectFrom('messages as m')
    .leftJoin('analyses as a', (j) =>
      j.onRef('a.message_id', '=', 'm.id').onRef('a.content_hash', '=', 'm.content_hash'),
    )
    .select('m.id')
    .where('m.prov_source', '=', source)
    .where('a.message_id', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
