import { listNotes } from '../../store/queries/people.ts';
import { evaluateBoard, statusJson } from '../../watch/board.ts';
import type { WatchPost } from '../../watch/state.ts';
import { loadWatchlist } from '../../watch/watchlist.ts';
import type { ServerContext } from '../context.ts';

const DAY = 86_400_000;
export const SPARK_DAYS = 14;

/**
 * When the newest message is older than this, the board is evaluated at that message's time instead
 * of now: an archive (such as the December 2016 demo) is replayed, not declared ten years silent.
 */
const ARCHIVE_AFTER_MS = 2 * DAY;

export async function boardTime(ctx: ServerContext, at?: string): Promise<{ at: number; archive: boolean }> {
  if (at) return { at: Date.parse(at), archive: false };
  const now = ctx.now().getTime();
  const newest = await ctx.store.db
    .selectFrom('messages')
    .select('posted_at')
    .where('deleted', '=', 0)
    .orderBy('rowkey', 'desc')
    .limit(1)
    .executeTakeFirst();
  const last = newest ? Date.parse(newest.posted_at) : undefined;
  if (last !== undefined && now - last > ARCHIVE_AFTER_MS) return { at: last, archive: true };
  return { at: now, archive: false };
}

/** Posts per day over the SPARK_DAYS days before `at`, oldest first. */
export function sparkline(posts: readonly WatchPost[], at: number): number[] {
  const out = new Array(SPARK_DAYS).fill(0);
  for (const p of posts) {
    const d = Math.floor((at - p.at) / DAY);
    if (d >= 0 && d < SPARK_DAYS) out[SPARK_DAYS - 1 - d] += 1;
  }
  return out;
}

export async function loadBoard(ctx: ServerContext, atParam?: string) {
  const { at, archive } = await boardTime(ctx, atParam);
  const withPosts = await loadWatchlist(ctx.store);
  const board = evaluateBoard(withPosts, at);
  const notes = await listNotes(ctx.store.db);
  const rows = board.rows.map((row, i) => {
    const mine = notes.filter((n) => n.personId === row.person.id && !n.supersededBy);
    const latestStatus = [...mine].reverse().find((n) => n.status);
    const j = row.status.judgement;
    return {
      ...statusJson(row),
      nameAr: row.person.nameAr ?? null,
      accounts: row.person.accounts,
      tags: row.person.tags,
      usualGapMs: j?.usualGapMs ?? null,
      currentGapMs: j?.currentGapMs ?? null,
      pGap: j?.pGap ?? null,
      posts: withPosts[i].posts.length,
      sparkline: sparkline(withPosts[i].posts, at),
      notes: mine.length,
      pfifStatus: latestStatus?.status ?? null,
      lastNote: mine.at(-1) ? { text: mine.at(-1)!.text, author: mine.at(-1)!.author, at: mine.at(-1)!.at } : null,
    };
  });
  return {
    at: new Date(at).toISOString(),
    archive,
    rows,
    outages: board.outages.map((o) => ({
      area: o.area,
      people: o.people,
      from: new Date(o.from).toISOString(),
      to: new Date(o.to).toISOString(),
      of: o.of,
      reason: o.reason,
    })),
  };
}

export async function loadPerson(ctx: ServerContext, personId: string, atParam?: string) {
  const board = await loadBoard(ctx, atParam);
  const row = board.rows.find((r) => r.personId === personId);
  if (!row) return undefined;
  const notes = await listNotes(ctx.store.db, personId);
  return { at: board.at, archive: board.archive, status: row, notes };
}
