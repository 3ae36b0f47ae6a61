import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featurize } from '../../../src/analysis/classify/features.ts';

describe('hashed features', () => {
  it('Arabic light stems are an opt-in feature: one per Arabic word, shared across proclitics and suffixes', () => {
    const plain = featurize('والمستشفى', []).slice();
    const stemmed = featurize('والمستشفى', [], { arStem: true }).slice();
    assert.equal(stemmed.length, plain.length + 1);
    const extra = (t: string) => {
      const a = featurize(t, []).slice();
      const b = featurize(t, [], { arStem: true }).slice();
      return b.filter((x) => !a.includes(x));
    };
    assert.deepEqual(extra('بالمستشفى'), extra('المستشفى'));
    assert.deepEqual(extra('اطفالنا'), extra('اطفال'));
    assert.equal(featurize('hospital', [], { arStem: true }).length, featurize('hospital', []).length);
  });
});
