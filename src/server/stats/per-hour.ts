import { rowkeyRange } from '../../store/projections/rowkey.ts';
import type { ServerContext } from '../context.ts';

const HOUR = 3600_000;

/** Categories per message id when the analysis module has stored them; empty until then. */
export type CategoryLookup = (ids: string[]) => Promise<Map<string, string>>;

/**
 * Messages per UTC hour over the `hours` before the newest message (not before now: a replayed
 * archive from 2016 should still chart), split by category when analysis results exist.
 */
export async function messagesPerHour(ctx: ServerContext, hours: number, categories?: CategoryLookup) {
  const newest = await ctx.store.db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return { hours: [] as string[], series: {} as Record<string, number[]> };
  const oldest = await ctx.store.db
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
  // rowkey is posted-time ordered, so the window is a key range.
  const rows = await ctx.store.db
    .selectFrom('messages')
    .select(['id', 'posted_at'])
    .where('deleted', '=', 0)
    .where('rowkey', '>=', rowkeyRange(new Date(start).toISOString()).lo!)
    .orderBy('rowkey', 'desc')
    .limit(200_000)
    .execute();
  const cats = categories ? await categories(rows.map((r) => r.id)) : new Map<string, string>();
  const labels =
    hours <= 24 * 60 ? Array.from({ length: hours }, (_, i) => new Date(start + i * HOUR).toISOString()) : [];
  const series: Record<string, number[]> = { all: new Array(hours).fill(0) };
  for (const r of rows) {
    const i = Math.floor((Date.parse(r.posted_at) - start) / HOUR);
    if (i < 0 || i >= hours) continue;
    series.all[i] += 1;
    const c = cats.get(r.id);
    if (c) {
      series[c] ??= new Array(hours).fill(0);
      series[c][i] += 1;
    }
  }
  return { hours: labels, series };
}
