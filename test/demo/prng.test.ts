import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitThread } from '../../src/demo/generate.ts';
import { createRng } from '../../src/demo/prng.ts';
import { formatWithOffset, localMidnight } from '../../src/demo/time.ts';

describe('createRng', () => {
  it('repeats its stream for a seed and keeps int() inside its bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat(1000),
        (seed, min, span) => {
          const a = createRng(seed);
          const b = createRng(seed);
          for (let i = 0; i < 50; i++) {
            const x = a.int(min, min + span);
            assert.equal(x, b.int(min, min + span));
            assert.ok(Number.isInteger(x) && x >= min && x <= min + span);
            const u = a.next();
            assert.equal(u, b.next());
            assert.ok(u >= 0 && u < 1);
          }
        },
      ),
    );
  });

  it('gives forks independent of each other and of the order they are made in', () => {
    const r1 = createRng(9);
    const r2 = createRng(9);
    const a = r1.fork('a');
    r2.fork('b');
    const a2 = r2.fork('a');
    assert.deepEqual(
      Array.from({ length: 5 }, () => a.u32()),
      Array.from({ length: 5 }, () => a2.u32()),
    );
    assert.notEqual(createRng(9).fork('a').u32(), createRng(9).fork('b').u32());
  });

  it('is roughly uniform', () => {
    const rng = createRng(1);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(rng.next() * 10)]++;
    for (const b of bins) assert.ok(b > 9_500 && b < 10_500, String(bins));
  });
});

describe('splitThread', () => {
  it('keeps every word, in order, in numbered parts of at most 140 characters', () => {
    const word = fc.string({ minLength: 1, maxLength: 20 }).filter((w) => !w.includes(' '));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 80 }), (words) => {
        const text = words.join(' ');
        const parts = splitThread(text);
        if (text.length <= 140) return assert.deepEqual(parts, [text]);
        parts.forEach((p, i) => {
          assert.ok(p.endsWith(` ${i + 1}/${parts.length}`));
          assert.ok(p.length <= 140 || !p.slice(0, p.lastIndexOf(' ')).includes(' '), p);
        });
        const rejoined = parts.map((p) => p.slice(0, p.lastIndexOf(' '))).join(' ');
        assert.equal(rejoined, text);
      }),
    );
  });
});

describe('demo time', () => {
  it('formats with the +02:00 offset and finds local midnight', () => {
    const ms = Date.parse('2016-12-12T23:30:00Z');
    assert.equal(formatWithOffset(ms), '2016-12-13T01:30:00+02:00');
    assert.equal(formatWithOffset(ms, 180), '2016-12-13T02:30:00+03:00');
    assert.equal(localMidnight(ms), Date.parse('2016-12-13T00:00:00+02:00'));
  });
});
