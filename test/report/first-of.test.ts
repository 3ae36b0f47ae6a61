import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstOf } from '../../src/report/select.ts';

describe('firstOf: the first items of a stable sort without sorting them all', () => {
  it('gives what sort().slice() gives, ties in their order, for keys with many ties', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: rand(300) }, (_, i) => ({ i, urgency: rand(4) / 4, t: rand(50) }));
      // Pleas: most urgent first, then oldest (a stable sort by time, then a stable sort by urgency).
      const cmp = (a: (typeof items)[number], b: (typeof items)[number]) => b.urgency - a.urgency || a.t - b.t;
      for (const limit of [0, 1, 30, 500]) {
        const expected = [...items]
          .sort((a, b) => a.t - b.t)
          .sort((a, b) => b.urgency - a.urgency)
          .slice(0, limit);
        assert.deepEqual(firstOf(items, limit, cmp), expected);
      }
    }
  });
});
