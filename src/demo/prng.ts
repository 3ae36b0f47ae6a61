/**
 * Small seeded PRNG (sfc32, seeded through splitmix32) so the demo and the benchmark corpus are
 * byte-for-byte reproducible: generated data never uses the global random source or the clock.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** 32 uniform random bits as an unsigned integer. */
  u32(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  normal(): number;
  /** A new independent stream derived from this seed and a label. */
  fork(label: string | number): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a string, to turn fork labels into seed material. */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();

  const rng: Rng = {
    next: () => u32() / 4294967296,
    u32,
    int: (min, max) => min + Math.floor((u32() / 4294967296) * (max - min + 1)),
    chance: (p) => u32() / 4294967296 < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor((u32() / 4294967296) * items.length)];
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = (u32() / 4294967296) * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
    exp: (mean) => -mean * Math.log(1 - u32() / 4294967296),
    normal: () => {
      let s = 0;
      for (let i = 0; i < 6; i++) s += u32() / 4294967296;
      return (s - 3) * Math.SQRT2;
    },
    fork: (label) => createRng((hashLabel(String(label)) ^ Math.imul(seed >>> 0, 0x27d4eb2d)) >>> 0),
  };
  return rng;
}
