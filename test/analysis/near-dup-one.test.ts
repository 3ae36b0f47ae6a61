import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterNearDuplicates,
  DIGEST_MAX_BAND,
  dupSignature,
  nearDuplicateClusters,
} from '../../src/analysis/near-dup.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { clusterNearDuplicatesBefore, digestClustersBefore, signatureClustersBefore } from './near-dup-before.ts';

describe('one near-duplicate implementation for vigil dups and the digest', () => {
  const items = generateDemo().messages.map((m, i) => ({ id: String(i), text: m.text }));

  it('gives vigil dups the clusters it gave before, on the demo scenario', () => {
    const before = clusterNearDuplicatesBefore(items);
    assert.ok(before.length > 5, `${before.length} clusters`);
    // Same members in the same order, clusters in the same order.
    assert.deepEqual(
      clusterNearDuplicates(items).map((c) => c.members),
      before,
    );
  });

  it('gives the digest the clusters its own pass gave before, from texts and from stored signatures', () => {
    const before = digestClustersBefore(items);
    assert.ok(before.length > 5, `${before.length} clusters`);
    assert.deepEqual(nearDuplicateClusters(items, 3, DIGEST_MAX_BAND), before);
    const stored = items.map((it) => ({ id: it.id, signature: dupSignature(it.text) }));
    assert.deepEqual(nearDuplicateClusters(stored, 3, DIGEST_MAX_BAND), before);
  });

  it('skips crowded bands but still groups exact copies in them', () => {
    // 300 copies of one text: one band list of 1 distinct text, all folded by the exact-copy step.
    const copies = Array.from({ length: 300 }, (_, i) => ({
      id: `c${i}`,
      text: `Shelling on Al-Shaar!! ${'x'.repeat(i % 3)}`.trim(),
    }));
    const clusters = nearDuplicateClusters(copies, 3, 2);
    const before = digestClustersBefore(copies, 3, 2);
    assert.deepEqual(clusters, before);
    assert.ok(clusters.length >= 1);
  });

  it('never folds texts with nothing to compare', () => {
    const empty = [
      { id: 'a', text: '' },
      { id: 'b', text: '!!!' },
      { id: 'c', text: 'https://t.co/x' },
      { id: 'd', text: '' },
    ];
    assert.deepEqual(nearDuplicateClusters(empty), []);
    assert.deepEqual(dupSignature('!!!'), { copyKey: '', simhash: '' });
  });

  it('compares crowded bands through blocks of their other bits, joining the same pairs as comparing them all', () => {
    // Deterministic signatures: families around a few bases (0 to 6 bits flipped), many sharing one band
    // value with random other bits (buckets from a few members to past the 256 limit), exact copies, and
    // texts with nothing to compare.
    let seed = 17;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
    const flip = (h: number, l: number, bits: number): [number, number] => {
      for (let k = 0; k < bits; k++) {
        const b = rand() % 64;
        if (b < 32) h ^= 1 << b;
        else l ^= 1 << (b - 32);
      }
      return [h >>> 0, l >>> 0];
    };
    const items: { id: string; signature: { copyKey: string; simhash: string } }[] = [];
    const add = (h: number, l: number, copy?: string) =>
      items.push({
        id: String(items.length),
        signature: { copyKey: copy ?? hex(rand()) + hex(rand()), simhash: hex(h) + hex(l) },
      });
    for (const [family, size] of [
      [0, 30],
      [1, 120],
      [2, 250],
      [3, 400],
      [4, 60],
    ]) {
      const base: [number, number] = [rand(), rand()];
      for (let k = 0; k < size; k++) {
        // Half share the family's top band exactly and are random below it: a crowded bucket of far texts.
        const [h, l] = k % 2 ? [((base[0] & 0xffff0000) | (rand() & 0xffff)) >>> 0, rand()] : flip(...base, k % 7);
        add(h, l);
        if (k % 11 === 0) add(h, l, items[items.length - 1].signature.copyKey);
      }
      if (family === 4) items.push({ id: String(items.length), signature: { copyKey: '', simhash: '' } });
      // Pairs 3 bits apart that share only this crowded band and, of the 48 bits outside it, only block k:
      // one bit off in each of the other three bands, in the three other blocks (k = 0, 1, 2, 3 in turn;
      // the bits flipped in hi, in lo, in lo).
      for (const bits of [
        [0, 16, 0],
        [15, 16, 0],
        [15, 31, 0],
        [15, 31, 15],
      ]) {
        const h = ((base[0] & 0xffff0000) | (rand() & 0xffff)) >>> 0;
        const l = rand();
        add(h, l);
        add((h ^ (1 << bits[0])) >>> 0, (l ^ (1 << bits[1]) ^ (1 << bits[2])) >>> 0);
      }
    }
    for (const maxBand of [256, 100, 5000]) {
      const before = signatureClustersBefore(items, 3, maxBand);
      assert.ok(before.length > 10, `${before.length} clusters`);
      assert.deepEqual(nearDuplicateClusters(items, 3, maxBand), before, `maxBand ${maxBand}`);
    }
  });
});
