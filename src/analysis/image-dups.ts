import type { DupCluster } from './near-dup.ts';

/** A captured image of a message and its 64-bit perceptual hash (16 hex digits, sharp-phash). */
export interface MessageImageHash {
  messageId: string;
  phash: string;
}

/**
 * pHash bits two images may differ by and still count as one picture re-posted. Measured on 12 synthetic
 * scenes (docs/CAPTURE.md): JPEG re-encodes and resizes differ by 0–2 bits, slight crops by 5–11, unrelated
 * images by 22 or more. 8 takes every re-encode and resize and most slight crops, and leaves 14 bits to
 * the closest unrelated pair; these are suggestions that people confirm or split.
 */
export const IMAGE_MAX_DISTANCE = 8;

function halves(hex: string): [number, number] | undefined {
  if (!/^[0-9a-f]{16}$/i.test(hex)) return undefined;
  return [Number.parseInt(hex.slice(0, 8), 16), Number.parseInt(hex.slice(8), 16)];
}

function popcount(x: number): number {
  let n = x >>> 0;
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Pairs of messages whose images are within `maxDistance` pHash bits: the extra edges that put a re-posted
 * photo's messages in one near-duplicate cluster even when their texts differ. Every pair of images is
 * compared (a few thousand recent images: a few million XOR-and-count steps); images of one message pair
 * with nothing.
 */
export function imageDuplicatePairs(images: MessageImageHash[], maxDistance = IMAGE_MAX_DISTANCE): [string, string][] {
  const hashed = images.flatMap((im) => {
    const h = halves(im.phash);
    return h ? [{ id: im.messageId, h }] : [];
  });
  const pairs: [string, string][] = [];
  for (let i = 0; i < hashed.length; i++)
    for (let j = i + 1; j < hashed.length; j++) {
      const a = hashed[i];
      const b = hashed[j];
      if (a.id === b.id) continue;
      if (popcount(a.h[0] ^ b.h[0]) + popcount(a.h[1] ^ b.h[1]) <= maxDistance) pairs.push([a.id, b.id]);
    }
  return pairs;
}

/**
 * Near-duplicate clusters (from text) joined by extra pairs (from images): clusters a pair connects become
 * one, and a pair of messages in no cluster makes a new one. `order` is the input order of the clustering,
 * so the earliest member still stands for each cluster; ids not in `order` are ignored.
 */
export function joinClusters(order: string[], clusters: DupCluster[], pairs: [string, string][]): DupCluster[] {
  const index = new Map(order.map((id, i) => [id, i]));
  const parent = order.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (x: string, y: string) => {
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined) return;
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  for (const c of clusters) for (const m of c.members.slice(1)) union(c.members[0], m);
  for (const [x, y] of pairs) union(x, y);
  const groups = new Map<number, string[]>();
  order.forEach((id, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(id);
    else groups.set(r, [id]);
  });
  return [...groups.values()].filter((m) => m.length > 1).map((members) => ({ representative: members[0], members }));
}
