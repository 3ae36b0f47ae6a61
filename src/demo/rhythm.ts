import type { Rhythm } from './cast.ts';
import type { Rng } from './prng.ts';
import { DAY, HOUR, localHour, localMidnight, MINUTE } from './time.ts';

export function isAsleep(rhythm: Rhythm, ms: number): boolean {
  if (!rhythm.sleep) return false;
  const [from, to] = rhythm.sleep;
  const h = localHour(ms);
  return from < to ? h >= from && h < to : h >= from || h < to;
}

function wakeAfter(rhythm: Rhythm, ms: number): number {
  const to = rhythm.sleep ? rhythm.sleep[1] : 0;
  let wake = localMidnight(ms) + to * HOUR;
  if (wake <= ms) wake += DAY;
  return wake;
}

/**
 * Posting times (epoch ms, ascending, whole seconds) in [startMs, endMs) for one person's rhythm:
 * log-normal gaps around the mean while awake, a jump to waking time when asleep (with the odd
 * sleepless night post), or one post around the same hour each day for once-a-day posters.
 */
export function postingTimes(rhythm: Rhythm, rng: Rng, startMs: number, endMs: number): number[] {
  const out: number[] = [];
  if (rhythm.dailyAt !== undefined) {
    for (let day = localMidnight(startMs); day < endMs; day += DAY) {
      const t = day + rhythm.dailyAt * HOUR + rng.normal() * 50 * MINUTE;
      out.push(t);
      if (rng.chance(0.15)) out.push(t + rng.int(20, 180) * MINUTE);
    }
  } else {
    let t = startMs + rng.exp(rhythm.meanGapMin / 2) * MINUTE;
    while (t < endMs) {
      if (isAsleep(rhythm, t)) {
        if (rng.chance(0.08)) out.push(t);
        t = wakeAfter(rhythm, t) + rng.exp(40) * MINUTE;
        continue;
      }
      out.push(t);
      const gap = rhythm.meanGapMin * Math.exp(0.55 * rng.normal() - 0.15);
      t += Math.max(4, gap) * MINUTE;
    }
  }
  return out
    .map((t) => Math.floor(t / 1000) * 1000)
    .filter((t) => t >= startMs && t < endMs)
    .sort((a, b) => a - b);
}
