import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arabicLightStem, normalizeArabic, searchableText } from '../../src/core/arabic-normalize.ts';

describe('Arabic normalization', () => {
  it('strips tashkeel and tatweel, folds letters and digits', () => {
    assert.equal(normalizeArabic('قُتِلَ'), 'قتل');
    assert.equal(normalizeArabic('أطفال إسعاف آمن'), 'اطفال اسعاف امن');
    assert.equal(normalizeArabic('مستشفى مدرسة'), 'مستشفي مدرسه');
    assert.equal(normalizeArabic('حلــــب'), 'حلب');
    assert.equal(normalizeArabic('٣٠ ۴۵'), '30 45');
    assert.equal(normalizeArabic('\u200Fمرحبا\u200E'), 'مرحبا');
  });

  it('light stems attached clitics but keeps three letters', () => {
    assert.equal(arabicLightStem('الانقاض'), 'انقاض');
    assert.equal(arabicLightStem('والاطفال'), 'اطفال');
    assert.equal(arabicLightStem('وطن'), 'وطن');
    assert.match(searchableText('والأطفال'), /^والاطفال اطفال$/);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const once = normalizeArabic(s);
        assert.equal(normalizeArabic(once), once);
      }),
      { numRuns: 500 },
    );
  });
});
