import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clusterNearDuplicates, hamming, simhash } from '../../src/analysis/near-dup.ts';

describe('near-duplicates', () => {
  it('clusters reposts, forwards and copy-paste variants, and nothing else', () => {
    const items = [
      { id: 'a', text: 'نداء عاجل: عائلة محاصرة تحت الأنقاض في حي الشعار، نحتاج فرق الدفاع المدني فوراً' },
      {
        id: 'b',
        text: 'RT @someone: نداء عاجل: عائلة محاصرة تحت الانقاض في حي الشعار، نحتاج فرق الدفاع المدني فورا https://t.co/x',
      },
      {
        id: 'c',
        text: 'The last hospital in eastern Aleppo was hit this morning, staff are evacuating patients to the basement',
      },
      {
        id: 'd',
        text: 'the last hospital in eastern Aleppo was hit this morning; staff are evacuating patients to the basement!!',
      },
      { id: 'e', text: 'Ceasefire talks in Ankara continue, no agreement on evacuation routes yet' },
    ];
    assert.deepEqual(
      clusterNearDuplicates(items).map((c) => c.members),
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    );
  });

  it('distance is symmetric and zero on the same text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        const a = simhash(x);
        const b = simhash(y);
        return hamming(a, a) === 0 && hamming(a, b) === hamming(b, a);
      }),
    );
  });
});
