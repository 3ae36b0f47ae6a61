import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ImportError } from '../../src/core/errors.ts';
import { blueskyCarSource } from '../../src/sources/bluesky-car.ts';
import { buildRepoCar, DID } from '../fixtures/bluesky/make-car.ts';
import { collect, fixture, inputOf, tempDir } from './helpers/fixtures.ts';

test('the committed repo.car is what the generator writes', async () => {
  assert.deepEqual(Buffer.from(await buildRepoCar()), readFileSync(fixture('bluesky', 'repo.car')));
});

test('posts and reposts from the repository MST, with rkey ids, DID author, langs, reply and image embeds', async () => {
  const got = await collect(blueskyCarSource, inputOf(fixture('bluesky', 'repo.car')));
  assert.equal(got.rejected.length, 0);
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId),
    ['3l6aaaaaaaa21', '3l6aaaaaaaa22', '3l6aaaaaaaa23', '3l6aaaaaaaa24'],
  );
  const [p1, p2, p3, rp] = got.messages.map((m) => m.message);
  assert.equal(p1?.author.id, DID);
  assert.equal(p1?.url, `https://bsky.app/profile/${DID}/post/3l6aaaaaaaa21`);
  assert.equal(p1?.lang, 'ar');
  assert.equal(p2?.postedAt, '2024-10-13T14:30:00.000+03:00');
  assert.deepEqual(p2?.replyTo, {
    nativeId: '3l6aaaaaaaa21',
    authorId: DID,
    url: `https://bsky.app/profile/${DID}/post/3l6aaaaaaaa21`,
  });
  assert.equal(p2?.media?.[0]?.mime, 'image/jpeg');
  assert.equal(p2?.media?.[0]?.bytes, 48213);
  assert.equal(p3?.lang, undefined);
  assert.equal(rp?.text, '');
  assert.equal(rp?.repostOf?.nativeId, '3l5zzzzzzzz22');
});

test('a truncated CAR keeps what it read; a CAR that is text is refused', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const whole = readFileSync(fixture('bluesky', 'repo.car'));
  const cut = fixture('bluesky', 'broken-truncated.car');
  assert.deepEqual(readFileSync(cut), whole.subarray(0, whole.length - 40));
  const got = await collect(blueskyCarSource, inputOf(cut));
  assert.ok(
    got.rejected.some(
      (r) => /^block bafy\w+: the file ends inside this block/.test(r.reason) && /^offset=\d+$/.test(r.place),
    ),
  );
  assert.ok(got.rejected.some((r) => /repost\/3l6aaaaaaaa24: block missing/.test(r.reason)));
  assert.equal(got.messages.length, 3, 'records whose blocks were read are kept');

  const text = join(dir, 'repo.car');
  writeFileSync(text, 'this is not a CAR file\n');
  assert.equal(await blueskyCarSource.detect(inputOf(text)), false);
  await assert.rejects(collect(blueskyCarSource, inputOf(text)), (err: unknown) => {
    assert.ok(err instanceof ImportError);
    assert.match(err.message, /repo\.car/);
    return true;
  });
});

test('a block whose bytes do not match its CID is rejected', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const bytes = Buffer.from(readFileSync(fixture('bluesky', 'repo.car')));
  const at = bytes.indexOf(Buffer.from('Evacuation list'));
  bytes[at] = 'e'.charCodeAt(0);
  const path = join(dir, 'tampered.car');
  writeFileSync(path, bytes);
  const got = await collect(blueskyCarSource, inputOf(path));
  assert.ok(got.rejected.some((r) => /does not hash to its CID/.test(r.reason)));
  assert.ok(got.rejected.some((r) => /3l6aaaaaaaa23: block missing/.test(r.reason)));
  assert.equal(got.messages.length, 3);
});
