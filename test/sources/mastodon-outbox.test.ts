import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256Hex } from '../../src/core/hash.ts';
import { mastodonOutboxSource } from '../../src/sources/mastodon-outbox.ts';
import { collect, fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

test('outbox with a repeated orderedItems key: every item read once, actor and media joined', async () => {
  const got = await collect(mastodonOutboxSource, inputOf(fixture('mastodon', 'archive')));
  assert.equal(got.messages.length, 4);
  assert.ok(got.warnings.some((w) => /orderedItems appears 2 times.*1 repeated/.test(w.message)));
  const [note, reply, cw, boost] = got.messages.map((m) => m.message);
  assert.deepEqual(note?.author, {
    id: 'https://mastodon.example/users/aleppo_medic',
    handle: 'aleppo_medic@mastodon.example',
    displayName: 'Dr. Hamza (field hospital)',
  });
  assert.equal(note?.nativeId, '109490000000000001');
  assert.equal(
    note?.text,
    'Field hospital M10 is out of service.\n\nWe moved patients to https://example.org/shelter & the mosque basement.',
  );
  assert.equal(note?.media?.[0]?.sha256, sha256Hex(got.media[0]?.bytes as Uint8Array));
  assert.equal(note?.media?.[0]?.mime, 'image/png');
  assert.equal(reply?.text, '@lina yes, we need O-negative blood\nand insulin');
  assert.deepEqual(reply?.replyTo, {
    nativeId: '109489999999999999',
    url: 'https://mastodon.example/users/lina/statuses/109489999999999999',
    authorId: 'https://mastodon.example/users/lina',
  });
  assert.equal(cw?.lang, 'ar');
  assert.match(cw?.text ?? '', /^graphic: injured children\n\n/);
  assert.equal(boost?.text, '');
  assert.equal(boost?.repostOf?.nativeId, '109489000000000000');
  assert.equal(boost?.repostOf?.authorId, 'https://mastodon.example/users/whitehelmets');
});

test('the archive zip reads the same', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const zip = zipFolder(fixture('mastodon', 'archive'), dir, 'archive-20161214.zip');
  assert.equal(await mastodonOutboxSource.detect(inputOf(zip)), true);
  const got = await collect(mastodonOutboxSource, inputOf(zip));
  assert.equal(got.messages.length, 4);
  assert.equal(got.media.length, 1);
});

test('broken outbox: malformed item, missing date and truncation rejected; the others kept', async () => {
  const got = await collect(mastodonOutboxSource, inputOf(fixture('mastodon', 'broken', 'outbox.json')));
  assert.deepEqual(
    got.messages.map((m) => m.message.text),
    ['still standing', 'generator fuel for one day'],
  );
  assert.equal(got.rejected.length, 3);
  assert.match(got.rejected[0]?.reason ?? '', /malformed JSON element/);
  assert.match(got.rejected[1]?.reason ?? '', /no readable published date/);
  assert.match(got.rejected[2]?.reason ?? '', /truncated/);
});

test('a poll keeps its options and their vote counts with the message', async () => {
  const got = await collect(mastodonOutboxSource, inputOf(fixture('mastodon', 'poll')));
  const [one, any] = got.messages.map((m) => m.message);
  assert.equal(one?.kind, 'poll');
  assert.equal(one?.text, 'Which crossing is open this morning?');
  assert.deepEqual(one?.poll, {
    options: [
      { title: 'Ramouseh', votes: 12 },
      { title: 'Bustan al-Qasr', votes: 3 },
      { title: 'None', votes: 20 },
    ],
    votersCount: 35,
    endsAt: '2016-12-15T08:00:00Z',
  });
  assert.deepEqual(any?.poll, {
    options: [
      { title: 'Water', votes: 7 },
      { title: 'Insulin', votes: 4 },
    ],
    votersCount: 9,
    multiple: true,
    endsAt: '2016-12-15T09:00:00Z',
  });
});
