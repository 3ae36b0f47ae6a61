import { dupText, hamming, simhash } from '../../src/analysis/near-dup.ts';

// The two near-duplicate passes as they were before they became one (src/analysis/near-dup.ts), kept
// verbatim as references: the one implementation must give the clusters each gave.

/** `vigil dups` before: each pair re-normalized both texts; bands over 5,000 skipped. */
export function clusterNearDuplicatesBefore(items: { id: string; text: string }[], maxDistance = 3): string[][] {
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
  return [...groups.values()].filter((m) => m.length > 1);
}

/** The digest's pass before (src/report/select.ts): exact copies first, bands over 256 skipped. */
export function digestClustersBefore(items: readonly { id: string; text: string }[], maxDistance = 3, maxBand = 256) {
  const quickKey = (t: string) =>
    t
      .toLowerCase()
      .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
      .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
      .replace(/@\w+/g, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  const firstOfKey = new Map<string, number>();
  const distinct: number[] = [];
  items.forEach((it, i) => {
    const k = quickKey(it.text);
    if (k === '') return;
    const f = firstOfKey.get(k);
    if (f === undefined) {
      firstOfKey.set(k, i);
      distinct.push(i);
    } else union(f, i);
  });
  const hashes = new Map<number, [number, number]>();
  const bands = new Map<string, number[]>();
  for (const i of distinct) {
    const h = simhash(items[i].text);
    if (h[0] === 0 && h[1] === 0 && dupText(items[i].text) === '') continue;
    hashes.set(i, h);
    [h[0] >>> 16, h[0] & 0xffff, h[1] >>> 16, h[1] & 0xffff].forEach((part, b) => {
      const key = `${b}:${part}`;
      const list = bands.get(key);
      if (list) list.push(i);
      else bands.set(key, [i]);
    });
  }
  for (const list of bands.values()) {
    if (list.length < 2 || list.length > maxBand) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        if (find(list[x]) === find(list[y])) continue;
        const [hx, hy] = [hashes.get(list[x]), hashes.get(list[y])] as [number, number][];
        if (hamming(hx, hy) <= maxDistance) union(list[x], list[y]);
      }
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(it.id);
    else groups.set(r, [it.id]);
  });
  return [...groups.values()].filter((m) => m.length > 1);
}

/**
 * nearDuplicateClusters over stored signatures as it was before the typed-array core (commit 7d7b143): a Map
 * of copy keys, band lists in a Map, every pair of a band compared.
 */
export function signatureClustersBefore(
  items: readonly { id: string; signature: { copyKey: string; simhash: string } }[],
  maxDistance = 3,
  maxBand = 256,
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
  const firstOfKey = new Map<string, number>();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = items[i].signature.copyKey;
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
    const hex = items[i].signature.simhash;
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
        if (hamming([hi[i], lo[i]], [hi[j], lo[j]]) <= maxDistance) union(i, j);
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
