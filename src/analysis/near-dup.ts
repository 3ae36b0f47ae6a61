import { hash } from 'node:crypto';
import { normalizeArabic } from '../core/arabic-normalize.ts';
import { parseCopyKey, parseSimhash } from '../core/signature-hex.ts';
import { TextMemo } from '../core/text-memo.ts';

/** Text as compared for near-duplicates: normalized, without URLs, mentions, RT marks and punctuation. */
export function dupText(text: string): string {
  return normalizeArabic(text)
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SEED_A = 0x811c9dc5;
const SEED_B = 0x9747b28c;
const SPACE = 32;

/** FNV-1a-like hash of `s` continued from state `h` (so hashing "a b" equals continuing "a" with " " then "b"). */
function fnvFrom(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return x;
}

/**
 * Per-bit counters of the features' hashes, bit-sliced: plane j holds bit j of each of the 32 counters, so
 * adding a hash is a few word operations (a ripple carry) instead of 32 increments. PLANES bits count up to
 * 2^PLANES - 1 hashes; the planes are folded into `ones` before they could overflow.
 */
const PLANES = 8;
const PLANE_LIMIT = (1 << PLANES) - 1;
const planesA = new Int32Array(PLANES);
const planesB = new Int32Array(PLANES);
const ones = new Int32Array(64);

function addHash(planes: Int32Array, x: number): void {
  let carry = x;
  for (let j = 0; carry !== 0 && j < PLANES; j++) {
    const t = planes[j] & carry;
    planes[j] ^= carry;
    carry = t;
  }
}

function foldPlanes(): void {
  for (let j = 0; j < PLANES; j++) {
    const a = planesA[j];
    const b = planesB[j];
    if (a !== 0) for (let i = 0; i < 32; i++) ones[i] += ((a >>> i) & 1) << j;
    if (b !== 0) for (let i = 0; i < 32; i++) ones[32 + i] += ((b >>> i) & 1) << j;
    planesA[j] = 0;
    planesB[j] = 0;
  }
}

/**
 * SimHash of the words of a dupText: each word 1- and 2-gram ("w1 w2") hashed twice (two seeds); bit i is
 * set when more features have it set than not. A 2-gram's hash continues its first word's.
 */
function simhashWords(words: string[]): [number, number] {
  ones.fill(0);
  planesA.fill(0);
  planesB.fill(0);
  let pending = 0;
  const add = (a: number, b: number) => {
    addHash(planesA, a);
    addHash(planesB, b);
    if (++pending === PLANE_LIMIT) {
      foldPlanes();
      pending = 0;
    }
  };
  let features = 0;
  const n = words.length;
  let prevA = 0;
  let prevB = 0;
  for (let i = 0; i < n; i++) {
    const a = fnvFrom(SEED_A, words[i]);
    const b = fnvFrom(SEED_B, words[i]);
    add(a, b);
    features++;
    if (i > 0) {
      add(
        fnvFrom(Math.imul(prevA ^ SPACE, 0x01000193), words[i]),
        fnvFrom(Math.imul(prevB ^ SPACE, 0x01000193), words[i]),
      );
      features++;
    }
    prevA = a;
    prevB = b;
  }
  foldPlanes();
  // a bit is set when its sum of +1 (bit set) and -1 (bit clear) over the features is above 0
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (2 * ones[i] > features) hi |= 1 << i;
    if (2 * ones[32 + i] > features) lo |= 1 << i;
  }
  return [hi >>> 0, lo >>> 0];
}

function words(dup: string): string[] {
  return dup.split(' ').filter(Boolean);
}

/** 64-bit SimHash as two 32-bit halves, over word 1- and 2-grams. */
export function simhash(text: string): [number, number] {
  return simhashWords(words(dupText(text)));
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
  const dup = dupText(text);
  return dup === '' ? '' : simhashHex(simhashWords(words(dup)));
}

export function dupSignature(text: string): DupSignature {
  return dupSignaturesAhead.take(text, dupSignatureOf);
}

/** dupSignature of texts a bulk import computed ahead, on its analysis worker threads. */
export const dupSignaturesAhead = new TextMemo<DupSignature>();

function dupSignatureOf(text: string): DupSignature {
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

/** Copy keys in columns: see parseCopyKey; `other(i)` is the key of an item of kind 2. */
export interface CopyKeys {
  kind: Uint8Array;
  hi: Uint32Array;
  lo: Uint32Array;
  other: (i: number) => string;
}

/**
 * Joins the items sharing a copy key and writes the first item of each key into `distinct` (index order);
 * returns how many. Hex keys go into an open-addressing table of their two 32-bit halves (exact, and far
 * cheaper than a Map of a million strings), other keys into a Map (a hex key never equals another key).
 */
function joinCopies(n: number, keys: CopyKeys, union: (i: number, j: number) => void, distinct: Int32Array): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slot = new Int32Array(size).fill(-1);
  const { kind, hi, lo } = keys;
  let others: Map<string, number> | undefined;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    if (k === 0) continue;
    if (k === 2) {
      others ??= new Map();
      const key = keys.other(i);
      const f = others.get(key);
      if (f === undefined) {
        others.set(key, i);
        distinct[d++] = i;
      } else union(f, i);
      continue;
    }
    let s = (lo[i] ^ Math.imul(hi[i], 0x9e3779b1)) & mask;
    for (;;) {
      const f = slot[s];
      if (f < 0) {
        slot[s] = i;
        distinct[d++] = i;
        break;
      }
      if (hi[f] === hi[i] && lo[f] === lo[i]) {
        union(f, i);
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return d;
}

/** Buckets up to this size compare all their pairs; larger ones go through blocks of their other bits. */
const SMALL_BUCKET = 24;

/**
 * Block `k` (0..3, 12 bits each, from the high end) of the 48 bits of a SimHash outside band `b` (its other
 * three 16-bit parts, in order).
 */
function otherBlock(hi: number, lo: number, b: number, k: number): number {
  const p1 = b === 0 ? hi & 0xffff : hi >>> 16;
  const p2 = b <= 1 ? lo >>> 16 : hi & 0xffff;
  const p3 = b <= 2 ? lo & 0xffff : lo >>> 16;
  switch (k) {
    case 0:
      return p1 >>> 4;
    case 1:
      return ((p1 & 0xf) << 8) | (p2 >>> 8);
    case 2:
      return ((p2 & 0xff) << 4) | (p3 >>> 12);
    default:
      return p3 & 0xfff;
  }
}

/**
 * The near-duplicate components of `n` items, as each item's root: the smallest index of its cluster (its own
 * index when it stands alone). `copyKey(i)` is called once an item ('' = nothing to compare, never folded);
 * `simhash(i)` only for the first item of each copy key ('' = never compared). Exact copies are joined
 * first, then SimHash within `maxDistance` bits, candidates found through 4 bands of 16 bits (so any pair
 * within 3 bits shares a band); a band of more than `maxBand` distinct texts is skipped. Components do not
 * depend on the order pairs are compared in. Typed arrays throughout: a week can hold a million candidates.
 */
export function nearDuplicateRoots(
  n: number,
  copyKey: (i: number) => string,
  simhash: (i: number) => string,
  maxDistance = 3,
  maxBand = DIGEST_MAX_BAND,
): Int32Array {
  const kind = new Uint8Array(n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const other = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const k = copyKey(i);
    parseCopyKey(k, i, kind, hi, lo);
    if (kind[i] === 2) other.set(i, k);
  }
  return signatureRoots(
    n,
    { kind, hi, lo, other: (i) => other.get(i) as string },
    (i, h, l, at) => parseSimhash(simhash(i), at, h, l),
    maxDistance,
    maxBand,
  );
}

/**
 * nearDuplicateRoots over copy keys in columns; `simhash(i, hi, lo, at)` writes item i's SimHash halves at
 * `at` (parseSimhash), false when it has none, and is asked only for the first item of each copy key.
 */
export function signatureRoots(
  n: number,
  copyKeys: CopyKeys,
  simhash: (i: number, hi: Uint32Array, lo: Uint32Array, at: number) => boolean,
  maxDistance = 3,
  maxBand = DIGEST_MAX_BAND,
): Int32Array {
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
  // The root of a set is its smallest index: the larger root always joins the smaller.
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  // Exact copies first (cheap): only the first text of each is hashed.
  const distinct = new Int32Array(n);
  const d = joinCopies(n, copyKeys, union, distinct);
  // The distinct texts with a SimHash, in index order, and their halves.
  const item = new Int32Array(d);
  const hi = new Uint32Array(d);
  const lo = new Uint32Array(d);
  let m = 0;
  for (let x = 0; x < d; x++) {
    const i = distinct[x];
    if (!simhash(i, hi, lo, m)) continue;
    item[m] = i;
    m++;
  }
  // Each band: the texts sharing its 16 bits, by a counting sort (index order kept within a value), their
  // halves copied next to each other so a bucket's pairs are compared in contiguous memory. The distance
  // first: most pairs in a band are far apart, and skipping pairs already joined would not change the sets.
  const start = new Int32Array(0x10001);
  const order = new Int32Array(m);
  const bandHi = new Uint32Array(m);
  const bandLo = new Uint32Array(m);
  const key = new Uint16Array(m);
  const sub = new Int32Array(Math.min(m, Math.max(maxBand, 0)) + 1);
  const comparePairs = (from: number, to: number) => {
    for (let p = from; p < to; p++) {
      const h = bandHi[p];
      const l = bandLo[p];
      for (let q = p + 1; q < to; q++)
        if (popcount(h ^ bandHi[q]) + popcount(l ^ bandLo[q]) <= maxDistance) union(item[order[p]], item[order[q]]);
    }
  };
  for (let b = 0; b < 4; b++) {
    const half = b < 2 ? hi : lo;
    const shift = b % 2 === 0 ? 16 : 0;
    start.fill(0);
    for (let x = 0; x < m; x++) {
      const k = (half[x] >>> shift) & 0xffff;
      key[x] = k;
      start[k + 1]++;
    }
    for (let k = 0; k < 0x10000; k++) start[k + 1] += start[k];
    const fill = start.slice(0, 0x10000);
    for (let x = 0; x < m; x++) {
      const p = fill[key[x]]++;
      order[p] = x;
      bandHi[p] = hi[x];
      bandLo[p] = lo[x];
    }
    for (let k = 0; k < 0x10000; k++) {
      const from = start[k];
      const to = start[k + 1];
      const size = to - from;
      if (size < 2 || size > maxBand) continue;
      if (size <= SMALL_BUCKET || maxDistance > 3) {
        comparePairs(from, to);
        continue;
      }
      // A crowded bucket: its members share these 16 bits, so a pair within 3 bits differs by at most 3 in
      // the other 48, and then agrees on one of their four blocks of 12 bits. Only pairs agreeing on a block
      // are compared (each of those pairs still by its full distance): the same pairs are joined.
      for (let blk = 0; blk < 4; blk++) {
        for (let p = from; p < to; p++) sub[p - from] = (otherBlock(bandHi[p], bandLo[p], b, blk) << 9) | (p - from);
        const run = sub.subarray(0, size).sort();
        let r = 0;
        while (r < size) {
          const k = run[r] >>> 9;
          let e = r + 1;
          while (e < size && run[e] >>> 9 === k) e++;
          for (let u = r; u < e; u++) {
            const p = from + (run[u] & 0x1ff);
            for (let v = u + 1; v < e; v++) {
              const q = from + (run[v] & 0x1ff);
              if (popcount(bandHi[p] ^ bandHi[q]) + popcount(bandLo[p] ^ bandLo[q]) <= maxDistance)
                union(item[order[p]], item[order[q]]);
            }
          }
          r = e;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

/**
 * Near-duplicate clusters (two members or more, members in input order, clusters in order of their first
 * member): nearDuplicateRoots over texts or stored signatures. Each text is normalized and hashed at most
 * once, never once per compared pair.
 */
export function nearDuplicateClusters(
  items: readonly DupInput[],
  maxDistance = 3,
  maxBand = DIGEST_MAX_BAND,
): string[][] {
  const n = items.length;
  const roots = nearDuplicateRoots(
    n,
    (i) => {
      const it = items[i];
      return 'signature' in it ? it.signature.copyKey : copyKeyOf(it.text);
    },
    (i) => {
      const it = items[i];
      return 'signature' in it ? it.signature.simhash : simhashOf(it.text);
    },
    maxDistance,
    maxBand,
  );
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(roots[i]);
    if (g) g.push(items[i].id);
    else groups.set(roots[i], [items[i].id]);
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
