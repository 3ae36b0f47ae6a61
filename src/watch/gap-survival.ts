/**
 * P(gap >= g) for one poster, from their own past gaps: the empirical distribution in the body and a
 * power-law (Pareto, Hill estimator) tail beyond the largest gaps, so a gap longer than any seen so far
 * still gets a finite, honest probability. With too few gaps, a log-normal prior centred on their
 * median carries the judgement.
 */
export interface GapSurvivalOptions {
  /** Below this many gaps the log-normal prior is used. */
  minGaps: number;
  priorMedianMs: number;
  /** Log-space spread of the prior; wide, since we know little. */
  priorSigma: number;
  /** Weight of the prior median, in pseudo-gaps. */
  priorWeight: number;
}

export const DEFAULT_GAP_SURVIVAL: GapSurvivalOptions = {
  minGaps: 8,
  priorMedianMs: 6 * 3_600_000,
  priorSigma: 1.2,
  priorWeight: 3,
};

export type GapModel =
  | { kind: 'prior'; n: number; mu: number; sigma: number }
  | {
      kind: 'empirical';
      n: number;
      /** Gaps ascending, and the UTC hour (fractional) each one started at. */
      sorted: number[];
      startHours: number[];
      tailFrom: number;
      alpha: number;
    };

/**
 * Gaps that started near the same time of day count more: a gap begun at 23:00 is compared mostly with
 * other late-evening gaps (which include the night), not with the day's short ones. Circular Gaussian
 * kernel in hours, with a floor so every gap still counts a little.
 */
export const HOUR_KERNEL_SIGMA = 2;
export const HOUR_KERNEL_FLOOR = 0.1;

function hourKernel(a: number, b: number): number {
  const d = Math.min(Math.abs(a - b), 24 - Math.abs(a - b));
  return HOUR_KERNEL_FLOOR + Math.exp(-(d * d) / (2 * HOUR_KERNEL_SIGMA * HOUR_KERNEL_SIGMA));
}

/** `startHours[i]` is the UTC hour gap i began at; without it every gap weighs the same. */
export function fitGapModel(
  gaps: readonly number[],
  opts: GapSurvivalOptions = DEFAULT_GAP_SURVIVAL,
  startHours?: readonly number[],
): GapModel {
  const pairs = gaps
    .map((g, i) => ({ g, h: startHours?.[i] ?? Number.NaN }))
    .filter((p) => p.g > 0 && Number.isFinite(p.g))
    .sort((a, b) => a.g - b.g);
  const sorted = pairs.map((p) => p.g);
  const n = sorted.length;
  if (n < opts.minGaps) {
    const logs = sorted.map(Math.log);
    const mu =
      (logs.reduce((a, b) => a + b, 0) + opts.priorWeight * Math.log(opts.priorMedianMs)) / (n + opts.priorWeight);
    return { kind: 'prior', n, mu, sigma: opts.priorSigma };
  }
  const k = Math.max(5, Math.ceil(0.1 * n));
  const u = sorted[Math.max(0, n - k - 1)];
  let sumLog = 0;
  for (let i = n - k; i < n; i++) sumLog += Math.log(sorted[i] / u);
  const alpha = Math.min(6, Math.max(0.7, sumLog > 0 ? k / sumLog : 6));
  return { kind: 'empirical', n, sorted, startHours: pairs.map((p) => p.h), tailFrom: u, alpha };
}

/** Weighted share of gaps at least g long (with half a pseudo-gap, so it is never 0). */
function empiricalSurvival(m: Extract<GapModel, { kind: 'empirical' }>, g: number, hour?: number): number {
  let all = 0;
  let longer = 0;
  for (let i = 0; i < m.n; i++) {
    const w = hour === undefined || Number.isNaN(m.startHours[i]) ? 1 : hourKernel(hour, m.startHours[i]);
    all += w;
    if (m.sorted[i] >= g) longer += w;
  }
  const unit = all / m.n;
  return (longer + 0.5 * unit) / (all + unit);
}

/** P(a gap lasts at least g) under the model; `hour` is the UTC hour the gap began at, when known. */
export function gapSurvival(model: GapModel, g: number, hour?: number): number {
  if (g <= 0) return 1;
  if (model.kind === 'prior') return 1 - normalCdf((Math.log(g) - model.mu) / model.sigma);
  if (g <= model.tailFrom) return empiricalSurvival(model, g, hour);
  return empiricalSurvival(model, model.tailFrom, hour) * (g / model.tailFrom) ** -model.alpha;
}

/**
 * gapSurvival(model, g, hour) as a function of g alone, for asking it many times at one hour: each gap's kernel
 * weight and their sum are computed once instead of on every call. The same numbers, added in the same order
 * (the longer gaps are a suffix of the sorted ones), so the same results to the bit.
 */
export function gapSurvivalAt(model: GapModel, hour?: number): (g: number) => number {
  if (model.kind === 'prior') return (g) => gapSurvival(model, g, hour);
  const m = model;
  const w = new Float64Array(m.n);
  let all = 0;
  for (let i = 0; i < m.n; i++) {
    w[i] = hour === undefined || Number.isNaN(m.startHours[i]) ? 1 : hourKernel(hour, m.startHours[i]);
    all += w[i];
  }
  const unit = all / m.n;
  const empirical = (g: number) => {
    // The first gap at least g long (the gaps ascend), then the weights from there on, in order.
    let lo = 0;
    let hi = m.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m.sorted[mid] >= g) hi = mid;
      else lo = mid + 1;
    }
    let longer = 0;
    for (let i = lo; i < m.n; i++) longer += w[i];
    return (longer + 0.5 * unit) / (all + unit);
  };
  const atTail = empirical(m.tailFrom);
  return (g) => {
    if (g <= 0) return 1;
    if (g <= m.tailFrom) return empirical(g);
    return atTail * (g / m.tailFrom) ** -m.alpha;
  };
}

/** The smallest gap whose survival is at most p (bisection in log space). */
export function gapQuantileForSurvival(model: GapModel, p: number, hour?: number): number {
  const survival = gapSurvivalAt(model, hour);
  let lo = 1;
  let hi = 1;
  while (survival(hi) > p && hi < 1e15) hi *= 2;
  for (let i = 0; i < 80 && hi - lo > 1000; i++) {
    const mid = Math.sqrt(lo * hi);
    if (survival(mid) > p) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf), good to ~1e-7. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
