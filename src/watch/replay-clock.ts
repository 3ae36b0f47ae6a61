import type { Kysely } from 'kysely';
import { z } from 'zod';
import { UsageError } from '../core/errors.ts';
import type { Store } from '../store/contract.ts';
import type { Database } from '../store/schema/database.ts';

/**
 * The watchlist's replay clock, a setting of the data folder. Off (the default), the board is judged at
 * real now: if every source stops, everyone goes quiet and then silent, as they should. On, the board is
 * judged at a fixed instant or at the newest message, to replay an archive such as the 2016 demo, and the
 * dashboard says so.
 */
export const ReplayClock = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }),
  z.object({ mode: z.literal('newest') }),
  z.object({
    mode: z.literal('at'),
    at: z
      .string()
      .max(40)
      .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time'),
  }),
]);
export type ReplayClock = z.infer<typeof ReplayClock>;

export interface ReplayClockSetting {
  clock: ReplayClock;
  /** Who set it and when; absent while it has never been set. */
  updatedAt?: string;
  updatedBy?: string;
}

/** Where the board is judged, and whether that is a replay rather than now. */
export interface BoardInstant {
  at: number;
  replay: { mode: 'newest' | 'at'; at: string } | null;
}

const KEY = 'watch.replay_clock';

export async function readReplayClock(db: Kysely<Database>): Promise<ReplayClockSetting> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', KEY).executeTakeFirst();
  if (!row) return { clock: { mode: 'off' } };
  const parsed = ReplayClock.safeParse(JSON.parse(row.value));
  return {
    clock: parsed.success ? parsed.data : { mode: 'off' },
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** "off", "newest" or an ISO 8601 instant, as typed on a command line. */
export function parseReplayClock(s: string): ReplayClock {
  if (s === 'off' || s === 'newest') return { mode: s };
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UsageError(`replay clock: expected off, newest or an ISO 8601 date-time, got ${s}`, s);
  return { mode: 'at', at: new Date(t).toISOString() };
}

/** The ledger kind recording a change of a data-folder setting: who, when, which setting, what value. */
export const SETTING_CHANGED = 'setting.changed';

/** Set the clock; the setting row and its ledger record are written in one transaction. */
export async function setReplayClock(
  store: Pick<Store, 'appendWith'>,
  clock: ReplayClock,
  by: string,
  now: Date = new Date(),
): Promise<ReplayClockSetting> {
  const value = clock.mode === 'at' ? { mode: 'at' as const, at: new Date(Date.parse(clock.at)).toISOString() } : clock;
  const row = { key: KEY, value: JSON.stringify(value), updated_at: now.toISOString(), updated_by: by };
  await store.appendWith(async (db) => {
    await db
      .insertInto('settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: by }),
      )
      .execute();
    return {
      drafts: [{ kind: SETTING_CHANGED, at: row.updated_at, actor: by, payload: { key: KEY, value } }],
      result: undefined,
    };
  });
  return { clock: value, updatedAt: row.updated_at, updatedBy: by };
}

/** Posting time of the newest message that is not deleted. */
async function newestMessageAt(db: Kysely<Database>): Promise<number | undefined> {
  const newest = await db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest ? Date.parse(newest.posted_at) : undefined;
}

/** The instant the board is judged at under this clock: now when off (or with nothing to replay). */
export async function boardInstant(db: Kysely<Database>, clock: ReplayClock, now: number): Promise<BoardInstant> {
  if (clock.mode === 'off') return { at: now, replay: null };
  const at = clock.mode === 'at' ? Date.parse(clock.at) : await newestMessageAt(db);
  if (at === undefined) return { at: now, replay: null };
  return { at, replay: { mode: clock.mode, at: new Date(at).toISOString() } };
}
