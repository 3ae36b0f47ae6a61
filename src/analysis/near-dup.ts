import { hash } from 'node:crypto';
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
 * What near-duplicate detection keeps of a text, so it can be stored with the message's analysis and a
 * digest over a week never re-hashes its texts. Both are '' when the text has nothing to compare.
 */
export interface DupSignature {
  /** Exact copies share it: 16 hex digits of SHA-256 over `copyText`. */
  copyKey: string;
  /** simhashHex of the text; '' when dupText is empty (such a text is never a near-duplicate). */
  simhash: string;
}

/**
 * Text as compared for exact copies: lowercased, without URLs, mentions, RT marks and punctuation. Cheaper
 * than dupText (no Arabic folding), so copies are grouped before any SimHash is computed.
 */
export function copyText(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function copyKeyOf(text: string): string {
  const t = copyText(text);
  return t === '' ? '' : hash('sha256', t, 'hex').slice(0, 16);
}

export function simhashOf(text: string): string {
  return dupText(text) === '' ? '' : simhashHex(simhash(text));
}

export function dupSignature(text: string): DupSignature {
  const copyKey = copyKeyOf(text);
  // A text with no copy key is never compared, so its SimHash is not worth computing.
  return { copyKey, simhash: copyKey === '' ? '' : simhashOf(text) };
}

/**
 * One item to cluster: its text, or its stored signature (then the text is never read). Without a stored
 * SimHash only the first text of each group of exact copies is hashed.
 */
export type DupInput = { id: string; text: string } | { id: string; signature: DupSignature };

/**
 * Candidates sharing one 16-bit band are compared pairwise; a band this crowded is a template family (a
 * week of a large crisis holds thousands of near-identical reports), and comparing all its pairs would cost
 * minutes. Such a band is skipped; its members still meet in their other three bands, and exact copies
 * are grouped before any band.
 */
export const DIGEST_MAX_BAND = 256;
/** `vigil dups` compares a few thousand recent messages: only bands past this are skipped. */
export const SUGGEST_MAX_BAND = 5000;

/**
 * Near-duplicate clusters (two members or more, members in input order, clusters in order of their first
 * member): exact copies (same copyText) first, then SimHash within `maxDistance` bits, candidates found
 * through 4 bands of 16 bits (so any pair within 3 bits shares a band). Texts with nothing to compare stay
 * alone. Each text is normalized and hashed at most once, never once per compared pair.
 */
export function nearDuplicateClusters(
  items: readonly DupInput[],
  maxDistance = 3,
  maxBand = DIGEST_MAX_BAND,
): string[][] {
  const n = items.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  // Exact copies first (cheap): only the first text of each is hashed.
  const firstOfKey = new Map<string, number>();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) {
    const it = items[i];
    const k = 'signature' in it ? it.signature.copyKey : copyKeyOf(it.text);
    if (k === '') continue;
    const f = firstOfKey.get(k);
    if (f === undefined) {
      firstOfKey.set(k, i);
      distinct.push(i);
    } else union(f, i);
  }
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const bands = new Map<number, number[]>();
  for (const i of distinct) {
    const it = items[i];
    const hex = 'signature' in it ? it.signature.simhash : simhashOf(it.text);
    if (hex === '') continue;
    const h = Number.parseInt(hex.slice(0, 8), 16);
    const l = Number.parseInt(hex.slice(8), 16);
    hi[i] = h;
    lo[i] = l;
    const parts = [h >>> 16, h & 0xffff, l >>> 16, l & 0xffff];
    for (let b = 0; b < 4; b++) {
      const key = b * 0x10000 + parts[b];
      const list = bands.get(key);
      if (list) list.push(i);
      else bands.set(key, [i]);
    }
  }
  for (const list of bands.values()) {
    if (list.length < 2 || list.length > maxBand) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        if (find(i) === find(j)) continue;
        if (popcount(hi[i] ^ hi[j]) + popcount(lo[i] ^ lo[j]) <= maxDistance) union(i, j);
      }
  }
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(items[i].id);
    else groups.set(r, [items[i].id]);
  }
  return [...groups.values()].filter((m) => m.length > 1);
}

/**
 * Suggest clusters of reposts, forwards and copy-paste variants for `vigil dups` (the same clustering the
 * digest folds with, with its own band limit). These are suggestions; people merge or split.
 */
export function clusterNearDuplicates(items: DupItem[], maxDistance = 3): DupCluster[] {
  return nearDuplicateClusters(items, maxDistance, SUGGEST_MAX_BAND).map((members) => ({
    representative: members[0],
    members,
  }));
}
