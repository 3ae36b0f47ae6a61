import type { Analysis } from '../../core/analysis.ts';
import { chunk } from '../../store/projections/chunk.ts';
import type { ServerContext } from '../context.ts';
import type { CategoryLookup } from './per-hour.ts';

export const categoryLookup =
  (ctx: ServerContext): CategoryLookup =>
  async (ids) => {
    const out = new Map<string, string>();
    for (const part of chunk(ids, 500)) {
      const rows = await ctx.store.db
        .selectFrom('analyses')
        .select(['message_id', 'category'])
        .where('message_id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.message_id, r.category);
    }
    return out;
  };

/** Casualty figures reported, newest first, each with the message (its source) it came from. */
export async function casualtyFigures(ctx: ServerContext, limit = 60) {
  const rows = await ctx.store.db
    .selectFrom('analyses')
    .innerJoin('messages', 'messages.id', 'analyses.message_id')
    .select([
      'analyses.message_id',
      'analyses.analysis',
      'messages.posted_at',
      'messages.platform',
      'messages.author_handle',
      'messages.author_id',
    ])
    .where('messages.deleted', '=', 0)
    .where('analyses.analysis', 'like', '%"casualties":[{%')
    .orderBy('messages.rowkey', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const a = JSON.parse(r.analysis) as Analysis;
    const source = `${r.platform}:@${(r.author_handle ?? r.author_id).replace(/^@/, '')}`;
    return a.casualties.map((c) => ({
      messageId: r.message_id,
      postedAt: r.posted_at,
      kind: c.kind,
      count: c.count,
      group: c.group,
      source,
    }));
  });
}

/** Places mentioned, with how many messages name each. */
export async function placeCounts(ctx: ServerContext, limit = 300) {
  const rows = await ctx.store.db
    .selectFrom('message_places')
    .innerJoin('messages', 'messages.id', 'message_places.message_id')
    .select((eb) => [
      'message_places.place',
      eb.fn.min('message_places.lat').as('lat'),
      eb.fn.min('message_places.lon').as('lon'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('messages.deleted', '=', 0)
    .groupBy('message_places.place')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.place, lat: Number(r.lat), lon: Number(r.lon), count: Number(r.n) }));
}
