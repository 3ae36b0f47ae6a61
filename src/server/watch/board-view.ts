import { listNotes } from '../../store/queries/people.ts';
import { areaNameAr } from '../../watch/area.ts';
import { evaluateBoard, statusJson } from '../../watch/board.ts';
import { outageFacts, wideSilenceFacts } from '../../watch/explanation.ts';
import { type BoardInstant, boardInstant, readReplayClock } from '../../watch/replay-clock.ts';
import type { WatchPost } from '../../watch/state.ts';
import { loadWatchlist } from '../../watch/watchlist.ts';
import type { ServerContext } from '../context.ts';

const DAY = 86_400_000;
export const SPARK_DAYS = 14;

/**
 * Where the board is judged: at `?at=` when a request asks, else at the data folder's replay clock when it
 * is on (the demo turns it on), else at real now. Either replay is reported, so the dashboard can say so.
 */
export async function boardTime(ctx: ServerContext, at?: string): Promise<BoardInstant> {
  if (at) return { at: Date.parse(at), replay: { mode: 'at', at: new Date(Date.parse(at)).toISOString() } };
  const { clock } = await readReplayClock(ctx.store.db);
  return boardInstant(ctx.store.db, clock, ctx.now().getTime());
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
  const { at, replay } = await boardTime(ctx, atParam);
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
      areaAr: areaNameAr(row.person.area) ?? null,
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
    replay,
    rows,
    outages: board.outages.map((o) => ({
      area: o.area,
      people: o.people,
      from: new Date(o.from).toISOString(),
      to: new Date(o.to).toISOString(),
      of: o.of,
      reason: o.reason,
      explanation: outageFacts(o),
    })),
    wideSilence: board.wideSilence
      ? {
          people: board.wideSilence.people,
          reason: board.wideSilence.reason,
          explanation: wideSilenceFacts(board.wideSilence),
        }
      : null,
  };
}

export async function loadPerson(ctx: ServerContext, personId: string, atParam?: string) {
  const board = await loadBoard(ctx, atParam);
  const row = board.rows.find((r) => r.personId === personId);
  if (!row) return undefined;
  const notes = await listNotes(ctx.store.db, personId);
  return { at: board.at, replay: board.replay, status: row, notes };
}
