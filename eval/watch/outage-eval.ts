import type { Person } from '../../src/core/person.ts';
import { type BoardOptions, DEFAULT_BOARD, evaluateBoard } from '../../src/watch/board.ts';
import { sessions } from '../../src/watch/rhythm.ts';
import type { WatchPost } from '../../src/watch/state.ts';
import type { History } from './histories.ts';

const H = 3_600_000;

export interface OutageTrial {
  kind: 'outage' | 'individual';
  /** An area outage was reported at some evaluation within the horizon. */
  outageReported: boolean;
  /** Hours after the cut when it was first reported. */
  reportedAfterH?: number;
  /** For individual cuts: the cut person was eventually called silent. */
  cutPersonSilent?: boolean;
  /** The whole watchlist was reported silent at once (everyone stopped), and when. */
  wideReported: boolean;
  wideAfterH?: number;
}

export interface OutageEvalOptions {
  trials: number;
  areaSize: number;
  horizonH: number;
  stepH: number;
  warmupSessions: number;
  /** Give every simulated person an area of their own (so only the watchlist-wide test can group them). */
  separateAreas?: boolean;
}

/**
 * Simulated areas: `areaSize` real posting histories, each cut at its own random point and shifted in
 * time so the cut points coincide at T (each history keeps its own time-of-day pattern relative to its
 * shift). "outage": everyone's posts after T are removed. "individual": only one person's are; the
 * others go on posting as they really did. The board is evaluated every `stepH` hours after T.
 */
export function outageTrials(
  pool: readonly History[],
  rand: () => number,
  o: OutageEvalOptions,
  board: BoardOptions = DEFAULT_BOARD,
): OutageTrial[] {
  const eligible = pool.filter((h) => sessions(h.times, 10 * 60_000).length > o.warmupSessions + 10);
  const T = Date.parse('2030-01-01T12:00:00Z');
  const out: OutageTrial[] = [];
  for (let trial = 0; trial < o.trials; trial++) {
    const members = Array.from({ length: o.areaSize }, (_, i) => {
      // Each member is a random history at its own random moment: one account can stand for several people.
      const h = eligible[Math.floor(rand() * eligible.length)];
      const sess = sessions(h.times, 10 * 60_000);
      // Cut somewhere with history before and posts after (so "individual" has others still posting).
      const lo = sess[o.warmupSessions].end;
      const hi = sess[sess.length - 5].start;
      // A cut the person would have posted soon after (within a day), so that "the others keep posting"
      // is true in the individual trials; otherwise an individual cut cannot be told from an outage.
      let cut = lo + rand() * (hi - lo);
      for (let tries = 0; tries < 50 && !h.times.some((t) => t > cut && t <= cut + 24 * H); tries++)
        cut = lo + rand() * (hi - lo);
      const shift = T - cut;
      const shifted = h.times.map((t) => t + shift);
      return { person: fakePerson(i, o.separateAreas ? `Simulated area ${i}` : 'Simulated area'), times: shifted };
    });
    for (const kind of ['outage', 'individual'] as const) {
      const people = members.map((m, i) => {
        const cutHere = kind === 'outage' || i === 0;
        const times = cutHere ? m.times.filter((t) => t < T) : m.times.filter((t) => t < T + o.horizonH * H);
        return { person: m.person, posts: times.map((t, k) => post(t, k)) };
      });
      let reportedAfterH: number | undefined;
      let wideAfterH: number | undefined;
      let cutPersonSilent = false;
      for (let h = o.stepH; h <= o.horizonH; h += o.stepH) {
        const b = evaluateBoard(people, T + h * H, board);
        if (b.outages.length > 0 && reportedAfterH === undefined) reportedAfterH = h;
        if (b.wideSilence && wideAfterH === undefined) wideAfterH = h;
        if (b.rows[0].status.liveness === 'silent') cutPersonSilent = true;
        const found = o.separateAreas ? wideAfterH : reportedAfterH;
        if (found !== undefined && (kind === 'outage' || cutPersonSilent)) break;
      }
      out.push({
        kind,
        outageReported: reportedAfterH !== undefined,
        reportedAfterH,
        cutPersonSilent: kind === 'individual' ? cutPersonSilent : undefined,
        wideReported: wideAfterH !== undefined,
        wideAfterH,
      });
    }
  }
  return out;
}

function fakePerson(i: number, area: string): Person {
  return {
    id: `p-${String(i).padStart(12, '0')}`,
    name: `sim ${i}`,
    accounts: [{ platform: 'sim', handle: `sim${i}` }],
    area,
    tags: [],
  };
}

function post(t: number, k: number): WatchPost {
  // Category set so the text fallback never runs: the evaluation is about timing only.
  return { id: String(k), at: t, platform: 'sim', category: 'other_relevant' };
}
