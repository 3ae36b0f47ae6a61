import type { Analysis } from '../../core/analysis.ts';
import type { ServerContext } from '../context.ts';

/** Casualty figures reported, newest first, each with the message (its source) it came from. */
export async function casualtyFigures(ctx: Pick<ServerContext, 'store'>, limit = 60) {
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

/**
 * Places mentioned, with how many messages name each: the most named first (then by name), `limit` of them.
 * Counted over message_places alone, as rows per place and coordinates, less the rows of deleted messages
 * (found through their partial index, so this costs what they do): no join to `messages` per row, which took
 * seconds at 200,000 messages. The coordinates are the least over the rows left, as before. Every row of
 * message_places is of a stored message (analyses are of captured messages, and no message row is removed).
 */
export async function placeCounts(ctx: Pick<ServerContext, 'store'>, limit = 300) {
  const db = ctx.store.db;
  const triples = (deletedOnly: boolean) => {
    let q = db
      .selectFrom('message_places')
      .select((eb) => ['place', 'lat', 'lon', eb.fn.countAll<number>().as('n')])
      .groupBy(['place', 'lat', 'lon']);
    if (deletedOnly) q = q.where('message_id', 'in', db.selectFrom('messages').select('id').where('deleted', '=', 1));
    return q.execute();
  };
  const key = (r: { place: string; lat: number; lon: number }) => `${r.place}\u0000${r.lat}\u0000${r.lon}`;
  const deleted = new Map((await triples(true)).map((r) => [key(r), Number(r.n)]));
  const places = new Map<string, { name: string; lat: number; lon: number; count: number }>();
  for (const r of await triples(false)) {
    const n = Number(r.n) - (deleted.get(key(r)) ?? 0);
    if (n <= 0) continue;
    const lat = Number(r.lat);
    const lon = Number(r.lon);
    const p = places.get(r.place);
    if (!p) places.set(r.place, { name: r.place, lat, lon, count: n });
    else {
      p.lat = Math.min(p.lat, lat);
      p.lon = Math.min(p.lon, lon);
      p.count += n;
    }
  }
  return [...places.values()]
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}
