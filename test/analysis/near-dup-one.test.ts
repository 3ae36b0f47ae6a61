import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterNearDuplicates,
  DIGEST_MAX_BAND,
  dupSignature,
  nearDuplicateClusters,
} from '../../src/analysis/near-dup.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { clusterNearDuplicatesBefore, digestClustersBefore } from './near-dup-before.ts';

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
});
