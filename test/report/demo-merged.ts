import { sql } from 'kysely';
import { DUPLICATES_MERGED, type DuplicatesPayload } from '../../src/core/analysis-events.ts';
import { buildDigest } from '../../src/report/build-digest.ts';
import { renderDigest } from '../../src/report/render.ts';
import { digestOptions } from '../../src/report/window.ts';
import type { Store } from '../../src/store/contract.ts';

/** The window of the merged-groups digest, and the categories whose first posts are merged. */
const WINDOW = { since: '2016-12-12', until: '2016-12-14' };
const MERGED: [category: string, count: number, withFigures: boolean][] = [
  ['farewell', 3, false],
  ['request_for_help', 3, false],
  ['injured_or_dead', 2, true],
  ['infrastructure_damage', 2, false],
  ['evacuation_or_ceasefire', 2, false],
];

/**
 * People's merge decisions (`vigil dups merge`) on the demo: for each category above, its first posts of the
 * window (by rowkey, not reposts) confirmed as one group, then the digest of the window as JSON. Pinned as a
 * fixture written by the code before the digest was made columnar, so the merged groups fold the same.
 */
export async function mergedDemoDigest(store: Store): Promise<string> {
  const options = digestOptions(WINDOW);
  for (const [category, count, withFigures] of MERGED) {
    const res = await sql<{ id: string }>`select m.id from messages m join analyses a on a.message_id = m.id
      where a.category = ${category} and m.repost_of is null and m.posted_at >= ${options.since}
        and m.posted_at <= ${options.until} ${withFigures ? sql`and a.figures > 0` : sql``}
      order by m.rowkey limit ${count}`.execute(store.db);
    const payload: DuplicatesPayload = { messageIds: res.rows.map((r) => r.id) };
    await store.append([{ kind: DUPLICATES_MERGED, at: '2026-12-05T00:00:00.000Z', actor: 'test', payload }]);
  }
  const d = await buildDigest(store, options, { now: () => new Date('2026-12-05T00:00:00Z') });
  return (await renderDigest(d, 'json')).toString('utf8');
}
