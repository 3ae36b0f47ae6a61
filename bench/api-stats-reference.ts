// The parts of GET /api/stats as they were at 072d5a9, before they were pushed into SQL: bench/api-stats.ts
// times them as "before" and checks that the current src/server/stats functions return the same.
import type { Analysis } from '../src/core/analysis.ts';
import type { Store } from '../src/store/contract.ts';
import { chunk } from '../src/store/projections/chunk.ts';
import { rowkeyRange } from '../src/store/projections/rowkey.ts';

const HOUR = 3600_000;

export async function categoryLookupBefore(store: Store, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk(ids, 500)) {
    const rows = await store.db
      .selectFrom('analyses')
      .select(['message_id', 'category'])
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.message_id, r.category);
  }
  return out;
}

export async function messagesPerHourBefore(store: Store, hours: number) {
  const newest = await store.db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return { hours: [] as string[], series: {} as Record<string, number[]> };
  const oldest = await store.db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const end = Math.floor(Date.parse(newest.posted_at) / HOUR) * HOUR + HOUR;
  hours = Math.max(
    1,
    Math.min(hours, Math.round((end - Math.floor(Date.parse(oldest.posted_at) / HOUR) * HOUR) / HOUR)),
  );
  const start = end - hours * HOUR;
  const rows = await store.db
    .selectFrom('messages')
    .select(['id', 'posted_at'])
    .where('deleted', '=', 0)
    .where('rowkey', '>=', rowkeyRange(new Date(start).toISOString()).lo!)
    .orderBy('rowkey', 'desc')
    .limit(200_000)
    .execute();
  const cats = await categoryLookupBefore(
    store,
    rows.map((r) => r.id),
  );
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

export async function casualtyFiguresBefore(store: Store, limit = 60) {
  const rows = await store.db
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

export async function placeCountsBefore(store: Store, limit = 300) {
  const rows = await store.db
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
