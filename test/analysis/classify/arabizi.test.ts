import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toArabizi } from '../../../src/analysis/classify/arabizi.ts';
import { seededRandom } from '../../../src/analysis/classify/rng.ts';

describe('Arabizi rendering of Levantine Arabic (training data)', () => {
  it('writes every Arabic word in Latin letters and chat digits, keeping numbers, emoji and Latin words', () => {
    const out = toArabizi('نحنا بخير الحمدلله، ما في نت من ٣ أيام 🙏 ok', seededRandom(1));
    assert.doesNotMatch(out, /[\u0600-\u06FF]/);
    assert.match(out, /3 /);
    assert.match(out, /🙏/);
    assert.match(out, / ok$/);
    assert.match(out, /,/);
  });

  it('uses chat spellings for common words and 7/3/5/2 for the letters Latin lacks', () => {
    assert.equal(
      toArabizi('حلب', () => 0),
      '7alab',
    );
    assert.equal(
      toArabizi('عم', () => 0),
      '3am',
    );
    // a word outside the lexicon: letter by letter, a vowel after the first consonant
    assert.equal(
      toArabizi('خبص', () => 0),
      '5abs',
    );
  });

  it('is deterministic for a seed and varies spellings across seeds', () => {
    const t = 'يا جماعة لا تطلعوا ع السطوح، الطيران عم يرصد أي حركة';
    assert.equal(toArabizi(t, seededRandom(3)), toArabizi(t, seededRandom(3)));
    const seen = new Set(Array.from({ length: 10 }, (_, i) => toArabizi(t, seededRandom(i))));
    assert.ok(seen.size > 1);
  });
});
