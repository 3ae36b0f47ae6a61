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
  | { kind: 'empirical'; n: number; sorted: number[]; tailFrom: number; tailSurvival: number; alpha: number };

export function fitGapModel(gaps: readonly number[], opts: GapSurvivalOptions = DEFAULT_GAP_SURVIVAL): GapModel {
  const sorted = gaps.filter((g) => g > 0 && Number.isFinite(g)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n < opts.minGaps) {
    const logs = sorted.map(Math.log);
    const mu = (logs.reduce((a, b) => a + b, 0) + opts.priorWeight * Math.log(opts.priorMedianMs)) / (n + opts.priorWeight);
    return { kind: 'prior', n, mu, sigma: opts.priorSigma };
  }
  const k = Math.max(5, Math.ceil(0.1 * n));
  const u = sorted[Math.max(0, n - k - 1)];
  let sumLog = 0;
  for (let i = n - k; i < n; i++) sumLog += Math.log(sorted[i] / u);
  const alpha = Math.min(6, Math.max(0.7, sumLog > 0 ? k / sumLog : 6));
  const tailSurvival = empiricalSurvival(sorted, u);
  return { kind: 'empirical', n, sorted, tailFrom: u, tailSurvival, alpha };
}

function countAtLeast(sorted: readonly number[], g: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < g) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

function empiricalSurvival(sorted: readonly number[], g: number): number {
  return (countAtLeast(sorted, g) + 0.5) / (sorted.length + 1);
}

/** P(a gap lasts at least g) under the model. */
export function gapSurvival(model: GapModel, g: number): number {
  if (g <= 0) return 1;
  if (model.kind === 'prior') return 1 - normalCdf((Math.log(g) - model.mu) / model.sigma);
  if (g <= model.tailFrom) return empiricalSurvival(model.sorted, g);
  return model.tailSurvival * (g / model.tailFrom) ** -model.alpha;
}

/** The smallest gap whose survival is at most p (bisection in log space). */
export function gapQuantileForSurvival(model: GapModel, p: number): number {
  let lo = 1;
  let hi = 1;
  while (gapSurvival(model, hi) > p && hi < 1e15) hi *= 2;
  for (let i = 0; i < 80 && hi - lo > 1000; i++) {
    const mid = Math.sqrt(lo * hi);
    if (gapSurvival(model, mid) > p) lo = mid;
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
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
