/**
 * Time-of-day profile: how much "expected activity" each UTC hour carries, so that hours a person never
 * posts in count for little when measuring how long they have been quiet. Weights average 1 over a day,
 * so a whole day always counts as 24 hours of effective time.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface TimeOfDayOptions {
  /** Pseudo-posts added to every hour; shrinks a short history towards a flat profile. */
  pseudoCount: number;
  /** No hour weighs less than this (relative to a flat profile = 1): night silence still counts a little. */
  minWeight: number;
}

export const DEFAULT_TIME_OF_DAY: TimeOfDayOptions = { pseudoCount: 2, minWeight: 0.15 };

/**
 * `new Date(t).getUTCHours()` without a Date (the board asks it of every post at every instant it is judged
 * at): NaN outside the Date range, the time truncated to whole ms, then its hour of the UTC day, exactly.
 */
export function utcHourOf(t: number): number {
  if (!(Math.abs(t) <= 8.64e15)) return Number.NaN;
  const inDay = (Math.trunc(t) % DAY_MS) + DAY_MS;
  return Math.floor((inDay % DAY_MS) / HOUR_MS);
}

/** 24 weights (UTC hours), mean 1, learned from post times (ms). */
export function hourWeights(times: readonly number[], opts: TimeOfDayOptions = DEFAULT_TIME_OF_DAY): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const t of times) counts[utcHourOf(t)] += 1;
  // Circular smoothing: people's habits are not sharp to the hour.
  const smooth = counts.map((c, h) => 0.5 * c + 0.25 * counts[(h + 23) % 24] + 0.25 * counts[(h + 1) % 24]);
  const total = smooth.reduce((a, b) => a + b, 0) + 24 * opts.pseudoCount;
  let w = smooth.map((c) => Math.max(opts.minWeight, (24 * (c + opts.pseudoCount)) / total));
  const mean = w.reduce((a, b) => a + b, 0) / 24;
  w = w.map((x) => x / mean);
  return w;
}

/** Effective milliseconds between two instants under hourly weights. */
export function effectiveElapsed(weights: readonly number[], from: number, to: number): number {
  if (to <= from) return 0;
  let t = from;
  let acc = 0;
  const whole = Math.floor((to - from) / DAY_MS);
  acc += whole * DAY_MS;
  t += whole * DAY_MS;
  while (t < to) {
    const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
    const end = Math.min(hourEnd, to);
    acc += (end - t) * weights[new Date(t).getUTCHours()];
    t = end;
  }
  return acc;
}

/** The wall-clock instant at which `effective` ms will have accumulated after `from`. */
export function wallAfterEffective(weights: readonly number[], from: number, effective: number): number {
  if (effective <= 0) return from;
  const whole = Math.floor(effective / DAY_MS);
  let t = from + whole * DAY_MS;
  let left = effective - whole * DAY_MS;
  while (left > 0) {
    const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
    const w = weights[new Date(t).getUTCHours()];
    const cap = (hourEnd - t) * w;
    if (cap >= left) return t + left / w;
    left -= cap;
    t = hourEnd;
  }
  return t;
}
