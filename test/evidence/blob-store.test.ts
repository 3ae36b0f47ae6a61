import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { sha256Hex } from '../../src/core/hash.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('blob store', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const blobs = new BlobStore(join(dir.path, 'blobs'));

  it('is content-addressed, sharded and write-once', async () => {
    const a = await blobs.putBytes('hello');
    assert.equal(a.sha256, sha256Hex('hello'));
    assert.equal(a.existed, false);
    assert.equal(
      blobs.pathFor(a.sha256),
      join(dir.path, 'blobs', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
    );
    assert.equal((await blobs.putBytes('hello')).existed, true);
    assert.equal(statSync(blobs.pathFor(a.sha256)).mode & 0o222, 0, 'stored read-only');
    assert.deepEqual(readdirSync(join(dir.path, 'blobs', 'tmp')), [], 'no temp files left');
  });

  it('streams files in and reads them back verified', async () => {
    const f = join(dir.path, 'big.bin');
    writeFileSync(f, Buffer.alloc(3 * 1024 * 1024, 7));
    const put = await blobs.putFile(f);
    assert.equal(put.bytes, 3 * 1024 * 1024);
    assert.equal((await blobs.get(put.sha256)).length, put.bytes);
    await assert.rejects(blobs.get('f'.repeat(64)), /missing/);
  });

  it('round-trips any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const put = await blobs.putBytes(bytes);
        assert.deepEqual(new Uint8Array(await blobs.get(put.sha256)), bytes);
      }),
      { numRuns: 50 },
    );
  });
});
