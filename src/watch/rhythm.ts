import {
  DEFAULT_GAP_SURVIVAL,
  fitGapModel,
  type GapModel,
  type GapSurvivalOptions,
  gapQuantileForSurvival,
  gapSurvival,
  median,
  quantile,
} from './gap-survival.ts';
import {
  DEFAULT_TIME_OF_DAY,
  effectiveElapsed,
  HOUR_MS,
  hourWeights,
  type TimeOfDayOptions,
  wallAfterEffective,
} from './time-of-day.ts';

/**
 * A poster's rhythm: gaps between their sessions (posts closer than `burstMs` are one session), measured
 * in effective time (time-of-day weighted), with a survival model over them. Judging a current gap asks
 * how likely a gap at least this long is under their own history.
 */
export interface RhythmOptions {
  /** Posts closer together than this form one session; a thread is one appearance, not ten. */
  burstMs: number;
  /** Learn from at most this many recent gaps: rhythms change. */
  windowGaps: number;
  timeOfDay: TimeOfDayOptions;
  gapSurvival: GapSurvivalOptions;
  /** Never "silent" before this much wall time, whatever the history says. */
  floorMs: number;
  /** Nor before this many usual (median) gaps. */
  floorMedians: number;
  /** "quiet" once P(gap >= current) falls below this. */
  quietP: number;
  /**
   * Expected false alarms per month the silent threshold is tuned to: silentP = budget / gaps-per-month,
   * so a prolific poster needs a rarer gap than a weekly one before we call them silent.
   */
  alarmBudgetPerMonth: number;
  silentPMin: number;
  silentPMax: number;
}

export const DEFAULT_RHYTHM: RhythmOptions = {
  burstMs: 10 * 60_000,
  windowGaps: 300,
  timeOfDay: DEFAULT_TIME_OF_DAY,
  gapSurvival: DEFAULT_GAP_SURVIVAL,
  floorMs: 3 * HOUR_MS,
  floorMedians: 2,
  quietP: 0.1,
  alarmBudgetPerMonth: 1,
  silentPMin: 0.002,
  silentPMax: 0.05,
};

const MONTH_MS = 30.44 * 24 * HOUR_MS;

export interface Rhythm {
  posts: number;
  sessions: number;
  /** Gaps the model was fit on. */
  gaps: number;
  /** Median wall-clock gap between sessions (NaN with no gap). */
  medianGapMs: number;
  p90GapMs: number;
  weights: number[];
  model: GapModel;
  gapsPerMonth: number;
  /** Survival below which a gap is "silent" for this poster. */
  silentP: number;
  quietP: number;
  /** Wall-clock floor before "silent": max(floorMs, floorMedians × median). */
  silentFloorMs: number;
}

export type Liveness = 'active' | 'quiet' | 'silent';

export interface Judgement {
  liveness: Liveness;
  lastPostAt: number;
  currentGapMs: number;
  effectiveGapMs: number;
  /** P(gap >= current gap) under their history, time-of-day adjusted. */
  pGap: number;
  usualGapMs: number;
  /** Wall instants at which this silence becomes quiet, then silent. */
  quietAt: number;
  silentAt: number;
}

/** Session boundaries: for each session, its first and last post time. */
export function sessions(sortedTimes: readonly number[], burstMs: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const t of sortedTimes) {
    const cur = out[out.length - 1];
    if (cur && t - cur.end < burstMs) cur.end = t;
    else out.push({ start: t, end: t });
  }
  return out;
}

export function learnRhythm(times: readonly number[], opts: RhythmOptions = DEFAULT_RHYTHM): Rhythm {
  const sorted = [...times].sort((a, b) => a - b);
  const all = sessions(sorted, opts.burstMs);
  const sess = all.slice(Math.max(0, all.length - opts.windowGaps - 1));
  const windowFrom = sess[0]?.start ?? 0;
  const weights = hourWeights(
    sorted.filter((t) => t >= windowFrom),
    opts.timeOfDay,
  );
  const wall: number[] = [];
  const eff: number[] = [];
  const startHours: number[] = [];
  for (let i = 1; i < sess.length; i++) {
    wall.push(sess[i].start - sess[i - 1].end);
    eff.push(effectiveElapsed(weights, sess[i - 1].end, sess[i].start));
    startHours.push(utcHour(sess[i - 1].end));
  }
  const model = fitGapModel(eff, opts.gapSurvival, startHours);
  const span = sess.length > 1 ? sess[sess.length - 1].end - sess[0].start : 0;
  const gapsPerMonth = span > 0 ? wall.length / Math.max(span / MONTH_MS, 7 / 30.44) : 0;
  const silentP =
    gapsPerMonth > 0
      ? Math.min(opts.silentPMax, Math.max(opts.silentPMin, opts.alarmBudgetPerMonth / gapsPerMonth))
      : opts.silentPMax;
  const medianGapMs = wall.length ? median(wall) : model.kind === 'prior' ? Math.exp(model.mu) : Number.NaN;
  const floorBase = Number.isFinite(medianGapMs) ? medianGapMs : 0;
  return {
    posts: sorted.length,
    sessions: all.length,
    gaps: wall.length,
    medianGapMs,
    p90GapMs: wall.length ? quantile(wall, 0.9) : Number.NaN,
    weights,
    model,
    gapsPerMonth,
    silentP,
    quietP: opts.quietP,
    silentFloorMs: Math.max(opts.floorMs, opts.floorMedians * floorBase),
  };
}

function utcHour(t: number): number {
  return (t % 86_400_000) / 3_600_000;
}

export function judge(rhythm: Rhythm, lastPostAt: number, at: number): Judgement {
  const currentGapMs = Math.max(0, at - lastPostAt);
  const effectiveGapMs = effectiveElapsed(rhythm.weights, lastPostAt, at);
  const usual = Number.isFinite(rhythm.medianGapMs) ? rhythm.medianGapMs : 0;
  const hour = utcHour(lastPostAt);
  const quietEff = gapQuantileForSurvival(rhythm.model, rhythm.quietP, hour);
  const silentEff = gapQuantileForSurvival(rhythm.model, rhythm.silentP, hour);
  const quietAt = Math.max(wallAfterEffective(rhythm.weights, lastPostAt, quietEff), lastPostAt + usual);
  const silentAt = Math.max(
    wallAfterEffective(rhythm.weights, lastPostAt, silentEff),
    lastPostAt + rhythm.silentFloorMs,
    quietAt,
  );
  const liveness: Liveness = at >= silentAt ? 'silent' : at >= quietAt ? 'quiet' : 'active';
  return {
    liveness,
    lastPostAt,
    currentGapMs,
    effectiveGapMs,
    pGap: gapSurvival(rhythm.model, effectiveGapMs, hour),
    usualGapMs: rhythm.medianGapMs,
    quietAt,
    silentAt,
  };
}
