import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../src/core/canonical-json.ts';
import { contentHash, identityHash } from '../../src/core/hash.ts';

const base = {
  platform: 'twitter',
  nativeId: '1',
  author: { id: '42', handle: 'a' },
  text: 'hello',
  media: [],
};

describe('hashes', () => {
  it('canonical JSON sorts keys and ignores key order', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        assert.equal(canonicalJson(o), canonicalJson(reversed));
      }),
    );
  });

  it('identity ignores content; content ignores identity', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (t1, t2) => {
        assert.equal(
          identityHash({ ...base, nativeId: '1' }),
          identityHash({ ...base, nativeId: '1', text: t1 } as never),
        );
        assert.equal(contentHash({ ...base, text: t2 }), contentHash({ ...base, nativeId: '9', text: t2 } as never));
        if (t1 !== t2) assert.notEqual(contentHash({ ...base, text: t1 }), contentHash({ ...base, text: t2 }));
      }),
    );
    assert.notEqual(identityHash(base), identityHash({ ...base, author: { id: '43' } }));
    assert.notEqual(identityHash(base), identityHash({ ...base, platform: 'telegram' }));
  });
});
