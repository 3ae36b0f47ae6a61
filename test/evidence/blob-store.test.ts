import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { BlobIntegrityError, BlobMissingError } from '../../src/core/errors.ts';
import { sha256Hex } from '../../src/core/hash.ts';
import type { BlobStore } from '../../src/evidence/blob-store.ts';
import { FolderBlobStore } from '../../src/evidence/folder-blob-store.ts';
import { openBlobStore } from '../../src/evidence/open-blob-store.ts';
import { S3BlobStore } from '../../src/evidence/s3-blob-store.ts';
import { type LocalS3, startLocalS3 } from '../helpers/local-s3.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** One store under test, plus what the suite needs to look behind its back. */
interface Subject {
  blobs: BlobStore;
  /** The file holding the stored bytes (to damage one). */
  storedFile(sha256: string): string;
  /** When the stored object was last written (to see that a second put did not write it again). */
  writtenAt(sha256: string): Promise<number>;
  /** Temporary files or objects the store left behind. */
  leftovers(): Promise<string[]>;
  /** Folder for withLocalFile downloads (S3); undefined when the store hands over its own file. */
  downloads?: string;
}

function flipByte(path: string, at: number) {
  chmodSync(path, 0o644);
  const buf = readFileSync(path);
  buf[at] ^= 0x01;
  writeFileSync(path, buf);
}

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of it) chunks.push(c);
  return Buffer.concat(chunks);
}

function suite(name: string, open: (dir: string) => Promise<Subject & { close(): Promise<void> }>) {
  describe(`blob store (${name})`, () => {
    const dir = tempDir();
    let s: Subject & { close(): Promise<void> };
    before(async () => {
      s = await open(dir.path);
    });
    after(async () => {
      await s.close();
      dir.remove();
    });

    it('stores by hash, finds, reads back and dedupes', async () => {
      const a = await s.blobs.putBytes('hello');
      assert.deepEqual(a, { sha256: sha256Hex('hello'), bytes: 5, existed: false });
      assert.equal(await s.blobs.has(a.sha256), true);
      assert.equal(await s.blobs.has(sha256Hex('not stored')), false);
      assert.equal((await s.blobs.get(a.sha256)).toString(), 'hello');
      assert.equal(await s.blobs.hashOf(a.sha256), a.sha256);
      await s.blobs.verify(a.sha256);
      assert.deepEqual(await s.blobs.putBytes(Buffer.from('hello')), { ...a, existed: true });
      const f = join(dir.path, 'hello.txt');
      writeFileSync(f, 'hello');
      assert.deepEqual(await s.blobs.putFile(f), { ...a, existed: true });
    });

    it('does not write a stored blob again', async () => {
      const a = await s.blobs.putBytes('write once');
      const first = await s.writtenAt(a.sha256);
      // Timestamps of S3 objects have one-second resolution.
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await s.blobs.putBytes('write once')).existed, true);
      const f = join(dir.path, 'once.txt');
      writeFileSync(f, 'write once');
      assert.equal((await s.blobs.putFile(f)).existed, true);
      assert.equal(await s.writtenAt(a.sha256), first);
    });

    it('stays whole when many writers store the same blob at once', async () => {
      const bytes = randomBytes(6 * 1024 * 1024 + 123);
      const sha = sha256Hex(bytes);
      const files = [0, 1, 2].map((i) => {
        const f = join(dir.path, `same-${i}.bin`);
        writeFileSync(f, bytes);
        return f;
      });
      const puts = await Promise.all([
        ...Array.from({ length: 5 }, () => s.blobs.putBytes(bytes)),
        ...files.map((f) => s.blobs.putFile(f)),
      ]);
      for (const p of puts)
        assert.deepEqual({ sha256: p.sha256, bytes: p.bytes }, { sha256: sha, bytes: bytes.length });
      assert.ok(
        puts.some((p) => !p.existed),
        'one of them stored it',
      );
      assert.ok((await s.blobs.get(sha)).equals(bytes));
      assert.deepEqual(await s.leftovers(), [], 'no temporary files or objects left');
    });

    it('streams a multi-megabyte file in and out', async () => {
      const f = join(dir.path, 'big.bin');
      const bytes = randomBytes(12 * 1024 * 1024 + 7);
      writeFileSync(f, bytes);
      const put = await s.blobs.putFile(f);
      assert.deepEqual(put, { sha256: sha256Hex(bytes), bytes: bytes.length, existed: false });
      assert.ok((await s.blobs.get(put.sha256)).equals(bytes));
      assert.ok((await collect(s.blobs.read(put.sha256))).equals(bytes));
      assert.equal(await s.blobs.hashOf(put.sha256), put.sha256);
      assert.deepEqual(await s.leftovers(), []);
    });

    it('detects a changed byte on every kind of read, naming the blob', async () => {
      const put = await s.blobs.putBytes(randomBytes(70_000));
      flipByte(s.storedFile(put.sha256), 65_000);
      const corrupt = (e: unknown) =>
        e instanceof BlobIntegrityError && e.sha256 === put.sha256 && e.message.includes(put.sha256);
      await assert.rejects(s.blobs.get(put.sha256), corrupt);
      await assert.rejects(s.blobs.verify(put.sha256), corrupt);
      await assert.rejects(collect(s.blobs.read(put.sha256)), corrupt);
      assert.notEqual(await s.blobs.hashOf(put.sha256), put.sha256);
      if (s.downloads) {
        await assert.rejects(
          s.blobs.withLocalFile(put.sha256, async () => assert.fail('a corrupt download is never handed over')),
          corrupt,
        );
        assert.deepEqual(readdirSync(s.downloads), [], 'the failed download was removed');
      }
    });

    it('names the blob when it is missing', async () => {
      const sha = sha256Hex('never stored');
      const missing = (e: unknown) => e instanceof BlobMissingError && e.message === `blob ${sha} is missing`;
      await assert.rejects(s.blobs.get(sha), missing);
      await assert.rejects(s.blobs.verify(sha), missing);
      await assert.rejects(s.blobs.hashOf(sha), missing);
      await assert.rejects(collect(s.blobs.read(sha)), missing);
      await assert.rejects(
        s.blobs.withLocalFile(sha, async () => 0),
        missing,
      );
    });

    it('hands over a local read-only file, and cleans up a downloaded one even when the caller throws', async () => {
      const bytes = randomBytes(200_000);
      const put = await s.blobs.putBytes(bytes);
      let seen = '';
      const out = await s.blobs.withLocalFile(put.sha256, async (path) => {
        seen = path;
        assert.ok(readFileSync(path).equals(bytes));
        assert.equal(statSync(path).mode & 0o222, 0, 'read-only');
        return 42;
      });
      assert.equal(out, 42);
      if (s.downloads) {
        assert.equal(existsSync(seen), false, 'the download is removed afterwards');
        await assert.rejects(
          s.blobs.withLocalFile(put.sha256, async () => {
            throw new Error('caller failed');
          }),
          /caller failed/,
        );
        assert.deepEqual(readdirSync(s.downloads), []);
      } else {
        assert.equal(seen, s.storedFile(put.sha256), 'the folder store hands over the stored file');
      }
    });

    it('round-trips any bytes', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
          const put = await s.blobs.putBytes(bytes);
          assert.deepEqual(new Uint8Array(await s.blobs.get(put.sha256)), bytes);
        }),
        { numRuns: 25 },
      );
    });
  });
}

suite('folder', async (dir) => {
  const blobs = new FolderBlobStore(join(dir, 'blobs'));
  return {
    blobs,
    storedFile: (sha) => blobs.pathFor(sha),
    writtenAt: async (sha) => statSync(blobs.pathFor(sha)).mtimeMs,
    leftovers: async () => (existsSync(join(dir, 'blobs', 'tmp')) ? readdirSync(join(dir, 'blobs', 'tmp')) : []),
    close: async () => blobs.close(),
  };
});

suite('s3', async (dir) => {
  const s3: LocalS3 = await startLocalS3('vigil-test-blobs');
  const downloads = join(dir, 'downloads');
  (await import('node:fs')).mkdirSync(downloads);
  const blobs = new S3BlobStore({
    bucket: s3.bucket,
    prefix: 'team-a',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    partSize: 5 * 1024 * 1024,
    tmpDir: downloads,
  });
  return {
    blobs,
    downloads,
    storedFile: (sha) => s3.objectFile(blobs.keyFor(sha)),
    writtenAt: async (sha) =>
      (
        await blobs.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: blobs.keyFor(sha) }))
      ).LastModified?.getTime() ?? Number.NaN,
    leftovers: async () =>
      (
        (await blobs.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'team-a/tmp/' }))).Contents ?? []
      ).map((o) => o.Key ?? ''),
    close: async () => {
      blobs.close();
      await s3.close();
    },
  };
});

describe('blob store (folder only)', () => {
  const dir = tempDir();
  after(() => dir.remove());

  it('is sharded, read-only and leaves no temp files', async () => {
    const blobs = new FolderBlobStore(join(dir.path, 'blobs'));
    const a = await blobs.putBytes('hello');
    assert.equal(
      blobs.pathFor(a.sha256),
      join(dir.path, 'blobs', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
    );
    assert.equal(statSync(blobs.pathFor(a.sha256)).mode & 0o222, 0, 'stored read-only');
    assert.deepEqual(readdirSync(join(dir.path, 'blobs', 'tmp')), [], 'no temp files left');
  });
});

describe('blob store (folder): text originals stored gzipped', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const text = Array.from(
    { length: 2000 },
    (_, i) => `{"platform":"twitter","id":"${i}","author":"a${i % 7}","text":"قصف على الحي رقم ${i}"}\n`,
  ).join('');

  for (const how of ['putBytes', 'putFile'] as const) {
    it(`${how}: stored as <sha256>.gz (gunzip gives the original), every read gives and checks the original`, async () => {
      const blobs = new FolderBlobStore(join(dir.path, how));
      const file = join(dir.path, `${how}.jsonl`);
      writeFileSync(file, text);
      const put = how === 'putBytes' ? await blobs.putBytes(text) : await blobs.putFile(file);
      assert.equal(put.sha256, sha256Hex(Buffer.from(text)));
      assert.equal(put.bytes, Buffer.byteLength(text));
      const stored = blobs.pathFor(put.sha256);
      assert.ok(stored.endsWith(`${put.sha256}.gz`));
      assert.ok(statSync(stored).size < Buffer.byteLength(text) / 3, 'at least three times smaller');
      assert.equal(gunzipSync(readFileSync(stored)).toString(), text);
      assert.equal(await blobs.has(put.sha256), true);
      assert.equal((await blobs.putBytes(text)).existed, true);
      assert.equal((await blobs.get(put.sha256)).toString(), text);
      assert.equal((await collect(blobs.read(put.sha256))).toString(), text);
      assert.equal(await blobs.hashOf(put.sha256), put.sha256);
      await blobs.verify(put.sha256);
      assert.equal(await blobs.withLocalFile(put.sha256, async (p) => readFileSync(p, 'utf8')), text);
      assert.deepEqual(readdirSync(join(dir.path, how, 'tmp')), [], 'no temp files left');

      flipByte(stored, Math.floor(statSync(stored).size / 2));
      await assert.rejects(blobs.get(put.sha256), BlobIntegrityError);
      await assert.rejects(blobs.verify(put.sha256), BlobIntegrityError);
      await assert.rejects(collect(blobs.read(put.sha256)), BlobIntegrityError);
    });
  }

  it('keeps incompressible bytes (a photo, a zip) and small blobs as plain files', async () => {
    const blobs = new FolderBlobStore(join(dir.path, 'plain'));
    for (const data of [randomBytes(100_000), Buffer.from('{"small":true}')]) {
      const put = await blobs.putBytes(data);
      assert.ok(!blobs.pathFor(put.sha256).endsWith('.gz'));
      assert.deepEqual(await blobs.get(put.sha256), data);
    }
  });
});

describe('openBlobStore', () => {
  it('is the data folder by default, or the folder VIGIL_BLOBS names', () => {
    const d = openBlobStore('/srv/vigil', {});
    assert.ok(d instanceof FolderBlobStore);
    assert.equal(d.location, '/srv/vigil/blobs');
    const shared = openBlobStore('/srv/vigil', { VIGIL_BLOBS: '/mnt/shared/blobs' });
    assert.equal(shared.location, '/mnt/shared/blobs');
  });

  it('is a bucket for s3://bucket/prefix, path-style when an endpoint is set', async () => {
    const b = openBlobStore('/srv/vigil', {
      VIGIL_BLOBS: 's3://evidence-bucket/team/a',
      VIGIL_S3_ENDPOINT: 'http://127.0.0.1:9',
      VIGIL_S3_REGION: 'eu-west-1',
    });
    assert.ok(b instanceof S3BlobStore);
    assert.equal(b.location, 's3://evidence-bucket/team/a/');
    assert.equal(b.keyFor('ab'.repeat(32)), `team/a/ab/ab/${'ab'.repeat(32)}`);
    assert.equal(await b.client.config.region(), 'eu-west-1');
    assert.equal(b.client.config.forcePathStyle, true);
    b.close();
  });

  it('refuses a bucket name S3 would refuse, and schemes it does not know', () => {
    assert.throws(() => openBlobStore('/d', { VIGIL_BLOBS: 's3://ab' }), /"ab" is not an S3 bucket name/);
    assert.throws(() => openBlobStore('/d', { VIGIL_BLOBS: 's3://Evidence' }), /not an S3 bucket name/);
    assert.throws(() => openBlobStore('/d', { VIGIL_BLOBS: 'gs://bucket' }), /only a folder path or s3:/);
  });
});

describe('S3 blob store errors', () => {
  let s3: LocalS3;
  before(async () => {
    s3 = await startLocalS3('vigil-errors');
  });
  after(() => s3.close());

  it('names the blob and the bucket when the bucket does not exist, and does not call that a missing blob', async () => {
    const blobs = new S3BlobStore({
      bucket: 'no-such-bucket',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const sha = sha256Hex('x');
      await assert.rejects(
        blobs.putBytes('x'),
        (e: Error) =>
          e.message.includes(`blob ${sha}`) &&
          e.message.includes('s3://no-such-bucket/') &&
          /NoSuchBucket/.test(e.message),
      );
      await assert.rejects(
        blobs.get(sha),
        (e: Error) => !(e instanceof BlobMissingError) && /NoSuchBucket/.test(e.message) && e.message.includes(sha),
      );
    } finally {
      blobs.close();
    }
  });

  it('names the object when the credentials are refused', async () => {
    const blobs = new S3BlobStore({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'wrong', secretAccessKey: 'wrong' },
    });
    try {
      await assert.rejects(
        blobs.get(sha256Hex('y')),
        /cannot read blob [0-9a-f]{64} from s3:\/\/vigil-errors\/.*InvalidAccessKeyId/,
      );
    } finally {
      blobs.close();
    }
  });
});
