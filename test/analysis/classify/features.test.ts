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

  it('Arabizi digits are kept inside Latin words when asked; numbers are folded either way', () => {
    const f = (t: string, o = {}) => featurize(t, [], o).join();
    // by default 3 and 7 are both folded to 0: "3am" and "7am" are the same word
    assert.equal(f('3am ra7'), f('7am ra3'));
    assert.notEqual(f('3am ra7', { arabiziDigits: true }), f('7am ra3', { arabiziDigits: true }));
    // a number alone is folded with or without the option
    assert.equal(f('50 shahid', { arabiziDigits: true }), f('70 shahid', { arabiziDigits: true }));
    // Arabic script is untouched by the option
    assert.equal(f('قصف ١٥ بيت', { arabiziDigits: true }), f('قصف ١٥ بيت'));
  });
});
