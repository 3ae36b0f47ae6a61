import { sql } from 'kysely';
import { rowkeyRange } from '../../store/projections/rowkey.ts';
import type { ServerContext } from '../context.ts';

const HOUR = 3600_000;
/** An hour of row keys: rowkey = unix seconds * 2^20 + slot. */
const ROWKEY_HOUR = 3600 * 2 ** 20;

/**
 * Messages per UTC hour over the `hours` before the newest message (not before now: a replayed
 * archive from 2016 should still chart), split by category when analysis results exist (a confirmed
 * label is already the category in `analyses`). Counted in SQL, a row per hour and category.
 */
export async function messagesPerHour(ctx: Pick<ServerContext, 'store'>, hours: number) {
  const db = ctx.store.db;
  const newest = await db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return { hours: [] as string[], series: {} as Record<string, number[]> };
  const oldest = await db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const end = Math.floor(Date.parse(newest.posted_at) / HOUR) * HOUR + HOUR;
  // No empty lead-in before the first message.
  hours = Math.max(
    1,
    Math.min(hours, Math.round((end - Math.floor(Date.parse(oldest.posted_at) / HOUR) * HOUR) / HOUR)),
  );
  const start = end - hours * HOUR;
  // rowkey is posted-time ordered, so the window is a key range and (rowkey - lo) / ROWKEY_HOUR the hour in
  // it. Both are inlined integers: SQLite binds a JavaScript number as a REAL, which would make the division
  // fractional; as integer literals the division is integer division in SQLite and on PostgreSQL's bigint,
  // exact and, with rowkey >= lo, rounding down.
  const lo = rowkeyRange(new Date(start).toISOString()).lo!;
  const hour = sql<number>`(messages.rowkey - ${sql.lit(lo)}) / ${sql.lit(ROWKEY_HOUR)}`;
  const rows = await db
    .selectFrom('messages')
    .leftJoin('analyses', 'analyses.message_id', 'messages.id')
    .select((eb) => [hour.as('i'), 'analyses.category', eb.fn.countAll<number>().as('n')])
    .where('messages.deleted', '=', 0)
    .where('messages.rowkey', '>=', lo)
    .groupBy([hour, 'analyses.category'])
    .execute();
  const labels =
    hours <= 24 * 60 ? Array.from({ length: hours }, (_, i) => new Date(start + i * HOUR).toISOString()) : [];
  const all: number[] = new Array(hours).fill(0);
  const byCategory: Record<string, number[]> = {};
  for (const r of rows) {
    const i = Number(r.i);
    if (i >= hours) continue;
    const n = Number(r.n);
    all[i] += n;
    if (r.category) {
      byCategory[r.category] ??= new Array(hours).fill(0);
      byCategory[r.category][i] += n;
    }
  }
  const series: Record<string, number[]> = { all };
  for (const c of Object.keys(byCategory).sort()) series[c] = byCategory[c];
  return { hours: labels, series };
}
