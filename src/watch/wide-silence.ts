import type { AreaMember } from './outage.ts';
import { describeDuration, describeOdds, describeTime } from './reason.ts';
import { DEFAULT_RHYTHM, judge, learnRhythm, type RhythmOptions } from './rhythm.ts';

/**
 * Everyone on the watchlist silent at once. When the combined stream of all watched people's posts stops
 * for a gap it almost never has, the likeliest cause is not the people: Vigil's own collection stopped (an
 * expired API token, an importer nobody ran) or a blackout wider than any one area. One alert says so,
 * instead of one per area and one per person, and nobody's status pretends to know more.
 */
export interface WideSilenceOptions {
  /** Rhythm of the combined stream; false turns the test off. */
  rhythm: RhythmOptions | false;
  /** At least this many people must have been posting just before it. */
  minPeople: number;
  /** "Just before": within this window before the last post, widened to `windowMedians` of each one's usual gap. */
  windowMs: number;
  windowMedians: number;
}

export const DEFAULT_WIDE_SILENCE: WideSilenceOptions = {
  rhythm: DEFAULT_RHYTHM,
  minPeople: 3,
  windowMs: 12 * 3_600_000,
  windowMedians: 3,
};

export interface WideSilence {
  /** The newest post from anyone on the watchlist. */
  lastPostAt: number;
  currentGapMs: number;
  /** Median gap of the combined stream. */
  usualGapMs: number;
  /** P(gap >= current) for the combined stream, time of day considered. */
  pGap: number;
  /** People who had been posting just before it (ids), and how many people have posted at all. */
  people: string[];
  of: number;
  reason: string;
}

export function detectWideSilence(
  members: readonly AreaMember[],
  at: number,
  opts: WideSilenceOptions = DEFAULT_WIDE_SILENCE,
): WideSilence | undefined {
  if (!opts.rhythm) return undefined;
  const posted = members.filter((m) => m.status.lastSeen !== undefined && m.times !== undefined);
  if (posted.length < opts.minPeople) return undefined;
  const times = posted.flatMap((m) => (m.times ?? []).filter((t) => t <= at));
  if (times.length === 0) return undefined;
  const rhythm = learnRhythm(times, opts.rhythm);
  const last = Math.max(...times);
  const j = judge(rhythm, last, at);
  if (j.liveness !== 'silent') return undefined;
  const recent = posted.filter((m) => {
    const usual = m.status.judgement?.usualGapMs;
    const allow = Math.max(opts.windowMs, Number.isFinite(usual) ? opts.windowMedians * (usual as number) : 0);
    return (m.status.lastSeen ?? 0) >= last - allow;
  });
  if (recent.length < opts.minPeople) return undefined;
  // All of them in one area: that area's outage says it better (and "wider than one area" would be wrong).
  // People with no area count as areas of their own: no area test can group them.
  if (new Set(recent.map((m) => m.area ?? `person:${m.personId}`)).size < 2) return undefined;
  return {
    lastPostAt: last,
    currentGapMs: j.currentGapMs,
    usualGapMs: j.usualGapMs,
    pGap: j.pGap,
    people: recent.map((m) => m.personId),
    of: posted.length,
    reason:
      `nobody on the watchlist has posted since ${describeTime(last)} (${describeDuration(j.currentGapMs)}); ` +
      `together the ${posted.length} people usually post every ${describeDuration(j.usualGapMs)}, and a pause this long ` +
      `is ${describeOdds(j.pGap)} for them as a group. Check that collection is still running (a source or importer ` +
      'may have stopped); otherwise a blackout wider than one area is likely',
  };
}
