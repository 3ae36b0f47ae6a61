import { normalizeArabic } from '../core/arabic-normalize.ts';

/** Text as compared for near-duplicates: normalized, without URLs, mentions, RT marks and punctuation. */
export function dupText(text: string): string {
  return normalizeArabic(text)
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** 64-bit SimHash as two 32-bit halves, over word 1- and 2-grams. */
export function simhash(text: string): [number, number] {
  const words = dupText(text).split(' ').filter(Boolean);
  const feats: string[] = [...words];
  for (let i = 0; i + 1 < words.length; i++) feats.push(`${words[i]} ${words[i + 1]}`);
  const v = new Int32Array(64);
  for (const f of feats) {
    const a = fnv(f, 0x811c9dc5);
    const b = fnv(f, 0x9747b28c);
    for (let i = 0; i < 32; i++) {
      v[i] += (a >>> i) & 1 ? 1 : -1;
      v[32 + i] += (b >>> i) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (v[i] > 0) hi |= 1 << i;
    if (v[32 + i] > 0) lo |= 1 << i;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount(x: number): number {
  let n = x >>> 0;
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming(a: [number, number], b: [number, number]): number {
  return popcount(a[0] ^ b[0]) + popcount(a[1] ^ b[1]);
}

export function simhashHex(h: [number, number]): string {
  return h[0].toString(16).padStart(8, '0') + h[1].toString(16).padStart(8, '0');
}

export interface DupItem {
  id: string;
  text: string;
}

export interface DupCluster {
  /** The earliest member (first in input order) stands for the cluster. */
  representative: string;
  members: string[];
}

/**
 * Suggest clusters of reposts, forwards and copy-paste variants: SimHash within `maxDistance` bits,
 * candidates found through 4 bands of 16 bits (so any pair within 3 bits is always compared).
 * Only clusters of two or more are returned. These are suggestions; people merge or split.
 */
export function clusterNearDuplicates(items: DupItem[], maxDistance = 3): DupCluster[] {
  const hashes = items.map((it) => simhash(it.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const bands = new Map<string, number[]>();
  hashes.forEach((h, i) => {
    const parts = [h[0] >>> 16, h[0] & 0xffff, h[1] >>> 16, h[1] & 0xffff];
    parts.forEach((p, b) => {
      const key = `${b}:${p}`;
      const list = bands.get(key);
      if (list) list.push(i);
      else bands.set(key, [i]);
    });
  });
  for (const list of bands.values()) {
    if (list.length < 2 || list.length > 5000) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        if (find(i) === find(j)) continue;
        if (dupText(items[i].text) === '' || hamming(hashes[i], hashes[j]) > maxDistance) continue;
        const [a, b] = [find(i), find(j)];
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(it.id);
    else groups.set(r, [it.id]);
  });
  return [...groups.values()].filter((m) => m.length > 1).map((members) => ({ representative: members[0], members }));
}
