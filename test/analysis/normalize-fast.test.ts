import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeArabic, normalizeArabicSlow } from '../../src/core/arabic-normalize.ts';

const ALPHABET = [
  ...'abcXYZ019 ،؟ابتثةىأإآٱءئؤ٠١٩۰۹\u064B\u0650\u0670\u0640\u200f\u202b\u2067\u061c\ufeffﻻﷲ\u06d6\u06ea',
];

describe('normalizeArabic fast path', () => {
  it('equals the reference chain of replacements on Arabic-heavy strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join('')),
        (s) => normalizeArabic(s) === normalizeArabicSlow(s),
      ),
      { numRuns: 3000 },
    );
  });

  it('equals it on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => normalizeArabic(s) === normalizeArabicSlow(s)),
      { numRuns: 3000 },
    );
  });
});
