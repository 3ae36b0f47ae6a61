import type { Judgement, Rhythm } from './rhythm.ts';

/** "2016-12-13 14:02 UTC" */
export function describeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "45 min", "7.5 h", "3.2 days" */
export function describeDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const min = ms / 60_000;
  if (min < 90) return `${Math.round(min)} min`;
  const h = min / 60;
  if (h < 48) return `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

/** "12%", "1 in 250", "1 in 10^9" */
export function describeOdds(p: number): string {
  if (p >= 0.1) return `${Math.round(p * 100)}%`;
  const n = 1 / Math.max(p, 1e-300);
  if (n >= 1e9) return 'less than 1 in a billion';
  if (n >= 1e6) return `1 in 10^${Math.floor(Math.log10(n))}`;
  return `1 in ${Math.max(10, Math.round(n))}`;
}

/** The silence in words and numbers: last post, usual gap, current gap, how unlikely. */
export function describeSilence(j: Judgement, r: Rhythm): string {
  const last = `last post ${describeTime(j.lastPostAt)}, ${describeDuration(j.currentGapMs)} ago`;
  const usual = Number.isFinite(r.medianGapMs)
    ? `usually every ${describeDuration(r.medianGapMs)} (median of ${r.gaps} gap${r.gaps === 1 ? '' : 's'}${r.model.kind === 'prior' ? ', too few to be sure' : ''})`
    : 'too few posts to know their rhythm';
  const odds = `chance of a gap this long for them: ${describeOdds(j.pGap)}, time of day considered`;
  if (j.liveness === 'silent') return `silent: ${last}; ${usual}; ${odds}`;
  if (j.liveness === 'quiet') return `quieter than usual: ${last}; ${usual}; ${odds}`;
  return `${last}; ${usual}`;
}
