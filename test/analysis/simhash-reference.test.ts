import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dupSignature, dupText, simhash, simhashHex } from '../../src/analysis/near-dup.ts';

// The SimHash as first written (one string and 64 increments per feature), kept as the reference for the
// bit-sliced counting in src/analysis/near-dup.ts: the stored simhash column must not change.
function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function simhashReference(text: string): [number, number] {
  const words = dupText(text).split(' ').filter(Boolean);
  const feats: string[] = [...words];
  for (let i = 0; i + 1 < words.length; i++) feats.push(`${words[i]} ${words[i + 1]}`);
  const v = new Int32Array(64);
  for (const f of feats) {
    const a = fnv(f, 0x811c9dc5);
    const b = fnv(f, 0x9747b28c);
    for (let i = 0; i < 32; i++) {
      v[i] += (a >>> i) & 1 ? 1 : -1;
      v[32 + i] += (b >>> i) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (v[i] > 0) hi |= 1 << i;
    if (v[32 + i] > 0) lo |= 1 << i;
  }
  return [hi >>> 0, lo >>> 0];
}

const word = fc.constantFrom(
  'حلب',
  'الشعار',
  'قصف',
  'مشفى',
  'hospital',
  'Aleppo',
  'RT',
  '@x',
  'a',
  '٣',
  'https://t.co/x',
);
const text = fc.array(word, { maxLength: 40 }).map((w) => w.join(' '));
// past 255 features (the bit-sliced counters fold into the totals then)
const longText = fc.array(word, { minLength: 130, maxLength: 600 }).map((w) => w.join(' '));

describe('simhash against its reference', () => {
  it('gives the reference halves for short and long texts', () => {
    fc.assert(
      fc.property(fc.oneof(text, longText, fc.string()), (t) => {
        assert.deepEqual(simhash(t), simhashReference(t));
        const s = dupSignature(t);
        if (s.simhash !== '') assert.equal(s.simhash, simhashHex(simhashReference(t)));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a tie (as many features with a bit as without) at 0', () => {
    // one word and a 2-gram: each bit set in both, in one or in neither
    for (const t of ['a b', 'حلب قصف', 'x']) assert.deepEqual(simhash(t), simhashReference(t));
  });
});
