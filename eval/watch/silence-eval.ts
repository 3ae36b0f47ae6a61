import { judge, learnRhythm, type RhythmOptions, sessions } from '../../src/watch/rhythm.ts';
import type { History } from './histories.ts';

const MONTH_MS = 30.44 * 24 * 3_600_000;

/** Seeded PRNG (mulberry32) so every run cuts the same places. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Baseline: "silent after k usual gaps", the naive rule, measured the same way. */
export const BASELINE_K = 3;

export interface FalseAlarmResult {
  id: string;
  alarms: number;
  baselineAlarms: number;
  quietFlags: number;
  months: number;
  gaps: number;
}

/**
 * Walk an uncut history: at each session end, learn from what was known then and ask when this gap would
 * be called silent; if the next session starts later than that, it is a false alarm (the person was fine).
 */
export function falseAlarms(h: History, opts: RhythmOptions, warmupSessions: number): FalseAlarmResult {
  const sess = sessions(h.times, opts.burstMs);
  let alarms = 0;
  let baselineAlarms = 0;
  let quietFlags = 0;
  let gaps = 0;
  let from = Number.NaN;
  for (let i = warmupSessions; i < sess.length - 1; i++) {
    const known = upTo(h.times, sess[i].end);
    const r = learnRhythm(known, opts);
    const j = judge(r, sess[i].end, sess[i].end);
    if (Number.isNaN(from)) from = sess[i].end;
    gaps++;
    if (j.silentAt < sess[i + 1].start) alarms++;
    if (sess[i].end + BASELINE_K * r.medianGapMs < sess[i + 1].start) baselineAlarms++;
    if (j.quietAt < sess[i + 1].start) quietFlags++;
  }
  const to = sess[sess.length - 1]?.start ?? from;
  return {
    id: h.id,
    alarms,
    baselineAlarms,
    quietFlags,
    gaps,
    months: Number.isNaN(from) ? 0 : (to - from) / MONTH_MS,
  };
}

export interface CutResult {
  id: string;
  /** Detection delay after the cut instant, in median gaps (0 if already flagged at the cut). */
  delayFromCut: number;
  /** Time from the last post to the silent flag, in median gaps. */
  delayFromLastPost: number;
  quietDelayFromCut: number;
  baselineDelayFromCut: number;
  medianGapMs: number;
}

/** Cut the history at random instants (after a warm-up) and see when the silence is flagged. */
export function cutDelays(
  h: History,
  opts: RhythmOptions,
  warmupSessions: number,
  cuts: number,
  rand: () => number,
): CutResult[] {
  const sess = sessions(h.times, opts.burstMs);
  if (sess.length <= warmupSessions + 1) return [];
  const lo = sess[warmupSessions].end;
  const hi = sess[sess.length - 1].start;
  const out: CutResult[] = [];
  for (let k = 0; k < cuts; k++) {
    const cut = lo + rand() * (hi - lo);
    const known = upTo(h.times, cut);
    const last = known[known.length - 1];
    const r = learnRhythm(known, opts);
    const j = judge(r, last, cut);
    const m = r.medianGapMs;
    out.push({
      id: h.id,
      delayFromCut: Math.max(0, j.silentAt - cut) / m,
      delayFromLastPost: (j.silentAt - last) / m,
      quietDelayFromCut: Math.max(0, j.quietAt - cut) / m,
      baselineDelayFromCut: Math.max(0, last + BASELINE_K * m - cut) / m,
      medianGapMs: m,
    });
  }
  return out;
}

function upTo(sorted: readonly number[], t: number): number[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return sorted.slice(0, lo);
}
