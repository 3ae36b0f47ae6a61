import assert from 'node:assert/strict';
import { test } from 'node:test';
import canonicalizeImpl from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../src/core/canonical-json.ts';

const reference = canonicalizeImpl as unknown as (value: unknown) => string | undefined;

test('canonicalJson gives the canonicalize package’s output on any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      assert.equal(canonicalJson(v), reference(v));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.string({ unit: 'grapheme' }),
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constant(undefined),
        ),
      ),
      (v) => {
        assert.equal(canonicalJson(v), reference(v));
      },
    ),
    { numRuns: 2000 },
  );
});

test('canonicalJson: RFC 8785 examples, undefined members, toJSON, and what it refuses', () => {
  assert.equal(
    canonicalJson({ b: [1e21, 0.1, -0, undefined], a: 'é\u2028', c: undefined }),
    '{"a":"é\u2028","b":[1e+21,0.1,0,null]}',
  );
  assert.equal(canonicalJson({ d: new Date(0) }), '{"d":"1970-01-01T00:00:00.000Z"}');
  assert.equal(canonicalJson({ '\u00e9': 1, e: 2, E: 3 }), '{"E":3,"e":2,"é":1}');
  assert.throws(() => canonicalJson({ x: Number.NaN }), /NaN/);
  assert.throws(() => canonicalJson([Number.POSITIVE_INFINITY]), /Infinity/);
  assert.throws(() => canonicalJson('\ud800'), /surrogate/);
  assert.throws(() => canonicalJson({ '\udc00': 1 }), /surrogate/);
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => canonicalJson(loop), /Circular/);
  assert.equal(canonicalJson({ a: { x: 1 }, b: { x: 1 } }), '{"a":{"x":1},"b":{"x":1}}');
  assert.throws(() => canonicalJson(undefined), TypeError);
});
