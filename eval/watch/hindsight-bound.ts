import { median } from '../../src/watch/gap-survival.ts';
import { sessions } from '../../src/watch/rhythm.ts';
import { effectiveElapsed, hourWeights, wallAfterEffective } from '../../src/watch/time-of-day.ts';
import type { History } from './histories.ts';

const MONTH_MS = 30.44 * 24 * 3_600_000;

/**
 * How well could ANY "silent once the gap passes a threshold" rule do on this history, if it were allowed
 * to cheat? The thresholds here are chosen with hindsight: for each period (say 3 months) the rule knows
 * that period's whole gap distribution in advance (in time-of-day weighted time, as the detector uses), and
 * calls silence at the gap every period shares as its (1 - p) quantile. Sweeping p traces the best trade-off
 * between false alarms and delay such rules can reach. It is not a strict lower bound for an online
 * detector (whose window rolls, and whose delay is counted in the median gap known at the cut), but if it
 * misses a target by far, tuning a threshold will not meet it on this history.
 *
 * Delay is measured as the evaluation does: the cut falls at a uniformly random instant, so it lands inside
 * gap g with probability proportional to g, at a uniform offset u; the flag comes max(0, T - u) after it.
 */
export interface BoundPoint {
  /** Share of each period's gaps that exceed its threshold. */
  p: number;
  falseAlarmsPerMonth: number;
  /** Median over cut instants, in the period's own median gaps. */
  medianDelay: number;
}

export function hindsightFrontier(
  h: History,
  periodMonths: number,
  burstMs: number,
  shares: readonly number[] = [0.2, 0.15, 0.1, 0.07, 0.05, 0.035, 0.025, 0.02, 0.015, 0.01, 0.005],
): BoundPoint[] {
  const sess = sessions(h.times, burstMs);
  if (sess.length < 3) return [];
  const t0 = sess[0].end;
  const periodOf = (t: number) => Math.floor((t - t0) / (periodMonths * MONTH_MS));
  const gaps = sess
    .slice(1)
    .map((s, i) => ({ from: sess[i].end, wall: s.start - sess[i].end, period: periodOf(sess[i].end) }));
  const periods = [...new Set(gaps.map((g) => g.period))];
  const weights = new Map(periods.map((p) => [p, hourWeights(h.times.filter((t) => periodOf(t) === p))]));
  const medians = new Map(periods.map((p) => [p, median(gaps.filter((g) => g.period === p).map((g) => g.wall))]));
  const eff = gaps.map((g) => effectiveElapsed(weights.get(g.period) as number[], g.from, g.from + g.wall));
  const months = (sess[sess.length - 1].start - t0) / MONTH_MS;
  const totalWall = gaps.reduce((a, g) => a + g.wall, 0);

  return shares.map((p) => {
    const threshold = new Map<number, number>();
    for (const period of periods) {
      const sorted = eff.filter((_, i) => gaps[i].period === period).sort((a, b) => a - b);
      threshold.set(period, sorted[Math.min(sorted.length - 1, Math.floor((1 - p) * sorted.length))]);
    }
    const wallThreshold = gaps.map(
      (g) => wallAfterEffective(weights.get(g.period) as number[], g.from, threshold.get(g.period) as number) - g.from,
    );
    const falseAlarms = gaps.filter((g, i) => g.wall > wallThreshold[i]).length;
    // Share of cut instants flagged within d of their period's median gaps after the cut.
    const shareWithin = (d: number) =>
      gaps.reduce(
        (a, g, i) => a + Math.max(0, g.wall - Math.max(0, wallThreshold[i] - d * (medians.get(g.period) as number))),
        0,
      ) / totalWall;
    let lo = 0;
    let hi = 1e4;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (shareWithin(mid) >= 0.5) hi = mid;
      else lo = mid;
    }
    return { p, falseAlarmsPerMonth: falseAlarms / months, medianDelay: hi };
  });
}

/** The smallest median delay on the frontier with at most `budget` false alarms a month. */
export function bestDelayWithin(points: readonly BoundPoint[], budget: number): BoundPoint | undefined {
  return points.filter((x) => x.falseAlarmsPerMonth <= budget).sort((a, b) => a.medianDelay - b.medianDelay)[0];
}

/** How often this history has a gap longer than `k` of its median gaps, or than `hours`, per month. */
export function longGapsPerMonth(h: History, burstMs: number, k: number, hours: number): { k: number; hours: number } {
  const sess = sessions(h.times, burstMs);
  const gaps = sess.slice(1).map((s, i) => s.start - sess[i].end);
  const months = (sess[sess.length - 1].start - sess[0].end) / MONTH_MS;
  const m = median(gaps);
  return {
    k: gaps.filter((g) => g > k * m).length / months,
    hours: gaps.filter((g) => g > hours * 3_600_000).length / months,
  };
}

/**
 * Does anything known when a gap starts tell how long it will be? Spearman rank correlation between the
 * gap and: the previous gap, the mean log of the previous three, and the number of sessions in the 7 days before.
 */
export function gapPredictability(
  h: History,
  burstMs: number,
): { previous: number; previousThree: number; week: number } {
  const sess = sessions(h.times, burstMs);
  const gaps = sess.slice(1).map((s, i) => s.start - sess[i].end);
  const idx = gaps.map((_, i) => i).filter((i) => i >= 3);
  const next = idx.map((i) => gaps[i]);
  const previous = idx.map((i) => gaps[i - 1]);
  const previousThree = idx.map((i) => Math.log(gaps[i - 1]) + Math.log(gaps[i - 2]) + Math.log(gaps[i - 3]));
  const week = idx.map((i) => {
    let n = 0;
    for (let j = i; j >= 0 && sess[i].end - sess[j].end < 7 * 24 * 3_600_000; j--) n++;
    return n;
  });
  return {
    previous: spearman(previous, next),
    previousThree: spearman(previousThree, next),
    week: spearman(week, next),
  };
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && order[e + 1].x === order[k].x) e++;
    for (let j = k; j <= e; j++) r[order[j].i] = (k + e) / 2;
    k = e + 1;
  }
  return r;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const ma = ra.reduce((x, y) => x + y, 0) / n;
  const mb = rb.reduce((x, y) => x + y, 0) / n;
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    s += (ra[i] - ma) * (rb[i] - mb);
    sa += (ra[i] - ma) ** 2;
    sb += (rb[i] - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}
