import { placeAncestors } from '../analysis/extract/places.ts';
import { normalizeArabic } from '../core/arabic-normalize.ts';
import type { Person } from '../core/person.ts';
import { areaNameAr } from '../watch/area.ts';
import { evaluateBoard } from '../watch/board.ts';
import type { WatchPost } from '../watch/state.ts';
import type { OutageEntry, WatchEntry, WatchKind } from './digest-model.ts';

/** Board states a digest reports, and the kind of line each becomes. */
const REPORTED: Record<string, WatchKind> = {
  silent: 'silent',
  farewell: 'farewell',
  farewell_then_active: 'farewell_then_active',
  alive_and_safe: 'alive_and_safe',
};

/** At most this many board evaluations per window: each one judges every watched person. */
export const MAX_STEPS = 36;

/** The instants the board is judged at: evenly spread over the window, the end included. */
export function boardInstants(since: number, until: number, maxSteps = MAX_STEPS): number[] {
  const hours = Math.max(0, (until - since) / 3_600_000);
  const n = Math.max(1, Math.min(maxSteps, Math.ceil(hours / 2)));
  return Array.from({ length: n }, (_, i) => Math.round(since + ((i + 1) * (until - since)) / n));
}

/** A person whose area is the place asked for, or inside it. */
export function inPlace(person: Person, placeKey: string | undefined): boolean {
  if (!placeKey) return true;
  const area = person.areaKey ?? person.area;
  if (!area) return false;
  const keys = [area, ...placeAncestors(area).map((p) => p.name)].map((n) => normalizeArabic(n));
  return keys.includes(placeKey);
}

export interface WatchlistFindings {
  entries: (WatchEntry & { messageId?: string })[];
  outages: OutageEntry[];
}

/**
 * The watchlist over a window: the board judged at instants across it (an outage that began and ended
 * inside the window is seen, not only the state at its end). Each person's reported state is listed once,
 * from the first instant it showed, with the board's reason in words; `atEnd` says whether it still held.
 */
export function watchlistFindings(
  people: readonly { person: Person; posts: readonly WatchPost[] }[],
  since: number,
  until: number,
): WatchlistFindings {
  const found = new Map<string, WatchEntry & { messageId?: string }>();
  const outages = new Map<string, OutageEntry>();
  const best = new Map<string, number>();
  const instants = boardInstants(since, until);
  let last: ReturnType<typeof evaluateBoard> | undefined;
  for (const t of instants) {
    const board = evaluateBoard(people, t);
    last = board;
    for (const row of board.rows) {
      const kind = REPORTED[row.status.state];
      if (!kind) continue;
      const key = `${row.person.id}\n${kind}`;
      if (found.has(key)) continue;
      const s = row.status;
      // A safe message from before the window is old news; a silence or farewell still holding is not.
      if (kind === 'alive_and_safe' && (s.since ?? t) < since) continue;
      const messageId = kind === 'silent' ? s.lastMessages[0]?.id : (s.signal?.messageId ?? s.lastMessages[0]?.id);
      const areaAr = areaNameAr(row.person.area);
      found.set(key, {
        personId: row.person.id,
        name: row.person.name,
        ...(row.person.nameAr ? { nameAr: row.person.nameAr } : {}),
        ...(row.person.area ? { area: row.person.area } : {}),
        ...(areaAr ? { areaAr } : {}),
        kind,
        at: new Date(s.since ?? t).toISOString(),
        reason: s.reason,
        ...(s.explanation ? { explanation: s.explanation } : {}),
        atEnd: false,
        ...(messageId ? { messageId } : {}),
      });
    }
    for (const o of board.outages) {
      const names = board.rows.filter((r) => o.people.includes(r.person.id));
      const prev = outages.get(o.area);
      const areaAr = areaNameAr(o.area);
      const people = new Map((prev?.people ?? []).map((p) => [p.id, p]));
      for (const r of names)
        people.set(r.person.id, {
          id: r.person.id,
          name: r.person.name,
          ...(r.person.nameAr ? { nameAr: r.person.nameAr } : {}),
        });
      const wider = !prev || (best.get(o.area) ?? 0) <= names.length;
      outages.set(o.area, {
        area: o.area,
        ...(areaAr ? { areaAr } : {}),
        seenFrom: prev?.seenFrom ?? new Date(t).toISOString(),
        seenTo: new Date(t).toISOString(),
        people: [...people.values()],
        // The widest observation explains it best.
        reason: wider ? o.reason : prev.reason,
      });
      if (wider) best.set(o.area, names.length);
    }
  }
  if (last)
    for (const row of last.rows) {
      const kind = REPORTED[row.status.state];
      const e = kind ? found.get(`${row.person.id}\n${kind}`) : undefined;
      if (e) e.atEnd = true;
    }
  return { entries: [...found.values()], outages: [...outages.values()] };
}
