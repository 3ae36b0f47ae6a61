import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256Hex } from '../../src/core/hash.ts';
import { Message } from '../../src/core/message.ts';
import { twitterArchiveSource } from '../../src/sources/twitter-archive.ts';
import { collect, fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

const provenance = {
  source: 'twitter-archive',
  blob: 'a'.repeat(64),
  locator: 'x',
  importer: { name: 'x', version: '1' },
};

test('reads tweets, parts, deleted tweets, note tweets and media from the unpacked archive', async () => {
  const got = await collect(twitterArchiveSource, inputOf(fixture('twitter', 'archive')));
  assert.equal(got.messages.length, 6);
  assert.equal(got.rejected.length, 0);
  for (const m of got.messages) Message.parse({ ...m.message, capturedAt: '2026-01-01T00:00:00Z', provenance });

  const [plea, reply, rt, long, part1, deleted] = got.messages.map((m) => m.message);
  assert.equal(plea?.nativeId, '806851467238195200');
  assert.deepEqual(plea?.author, { id: '8011223344', handle: 'aleppo_teacher', displayName: 'Abu Omar (teacher)' });
  assert.equal(plea?.postedAt, '2016-12-13T12:02:11+00:00');
  assert.equal(plea?.lang, 'ar');
  assert.equal(plea?.url, 'https://twitter.com/aleppo_teacher/status/806851467238195200');
  assert.match(plea?.text ?? '', /https:\/\/example\.org\/aleppo\/ferdous/, 't.co link expanded');
  assert.doesNotMatch(plea?.text ?? '', /t\.co/);
  assert.equal(got.media.length, 1);
  assert.equal(got.media[0]?.origin, 'data/tweets_media/806851467238195200-Cz1RubbleA.png');
  assert.equal(plea?.media?.[0]?.sha256, sha256Hex(got.media[0]?.bytes as Uint8Array));
  assert.equal(plea?.media?.[0]?.mime, 'image/png');

  assert.equal(reply?.text, '@lina_reports We are alive & sheltering in the school basement. Shelling <every 10 min>.');
  assert.deepEqual(reply?.replyTo, {
    nativeId: '806858800000000000',
    authorId: '7001',
    url: 'https://twitter.com/lina_reports/status/806858800000000000',
  });
  assert.equal(rt?.repostOf?.authorId, '3300112233');
  assert.match(
    long?.text ?? '',
    /the last family was out\. Photos: https:\/\/example\.org\/bakery$/,
    'note tweet joined',
  );
  assert.equal(part1?.nativeId, '806900000000000001');
  assert.equal(got.messages[4]?.origin, 'data/tweets-part1.js');
  assert.equal(deleted?.deleted, true);
  assert.equal(got.messages[5]?.origin, 'data/deleted-tweets.js');
  assert.match(got.messages[0]?.place ?? '', /^offset=\d+$/);
});

test('the zip as downloaded gives the same messages as the folder', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const zip = zipFolder(fixture('twitter', 'archive'), dir, 'twitter-archive.zip');
  assert.equal(await twitterArchiveSource.detect(inputOf(zip)), true);
  const fromZip = await collect(twitterArchiveSource, inputOf(zip));
  const fromDir = await collect(twitterArchiveSource, inputOf(fixture('twitter', 'archive')));
  assert.deepEqual(
    fromZip.messages.map((m) => m.message),
    fromDir.messages.map((m) => m.message),
  );
  assert.equal(fromZip.media.length, 1);
});

test('a malformed tweet and a truncated part are rejected with their offsets; the tweets around them are kept', async () => {
  const got = await collect(twitterArchiveSource, inputOf(fixture('twitter', 'broken')));
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId),
    ['900000000000000001', '900000000000000004', '900000000000000005'],
  );
  assert.equal(got.rejected.length, 3);
  assert.match(got.rejected[0]?.reason ?? '', /malformed JSON element/);
  assert.equal(got.rejected[0]?.origin, 'data/tweets.js');
  assert.match(got.rejected[1]?.reason ?? '', /no created_at/);
  assert.match(got.rejected[2]?.reason ?? '', /truncated/);
  assert.equal(got.rejected[2]?.origin, 'data/tweets-part1.js');
  assert.ok(got.warnings.some((w) => /account is unknown/.test(w.message)));
});

test('detects tweets.js alone by its window.YTD prefix, and an --account-id option names the author', async () => {
  const input = inputOf(fixture('twitter', 'archive', 'data', 'tweets.js'));
  assert.equal(await twitterArchiveSource.detect(input), true);
  assert.equal(await twitterArchiveSource.detect(inputOf(fixture('telegram', 'chat-export', 'result.json'))), false);
  const got = await collect(twitterArchiveSource, input, { 'account-id': '8011223344', handle: 'aleppo_teacher' });
  assert.equal(got.messages.length, 4);
  assert.equal(got.messages[0]?.message.author.id, '8011223344');
  assert.equal(got.messages[0]?.origin, '');
});
