import type { Person } from '../../src/core/person.ts';
import type { WatchPost } from '../../src/watch/state.ts';

export const H = 3_600_000;
export const MIN = 60_000;
export const T0 = Date.parse('2016-12-01T00:00:00Z');

/** Posts at the given times (ms), with optional texts by index. */
export function posts(
  times: number[],
  texts: Record<number, string> = {},
  category: Record<number, string> = {},
): WatchPost[] {
  return times.map((at, i) => ({
    id: `m${i}`.padEnd(16, '0'),
    at,
    platform: 'twitter',
    handle: 'x',
    text: texts[i] ?? 'shelling again tonight',
    category: category[i],
  }));
}

/** Every `gapMs` from `from` until `to`, skipping UTC hours in `sleep` ([from, to) hours). */
export function regular(from: number, to: number, gapMs: number, sleep?: [number, number]): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += gapMs) {
    const h = new Date(t).getUTCHours();
    if (sleep && h >= sleep[0] && h < sleep[1]) continue;
    out.push(t);
  }
  return out;
}

/** Deterministic jitter so histories are not perfectly regular. */
export function jitter(times: number[], spreadMs: number, seed = 7): number[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return times.map((t) => t + Math.round((rnd() - 0.5) * spreadMs)).sort((a, b) => a - b);
}

export function person(id: string, area?: string): Person {
  return { id, name: `Person ${id}`, accounts: [{ platform: 'twitter', handle: id }], area, tags: [] };
}
