import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { detectSource, sourceByName, sources } from '../../src/sources/registry.ts';
import { fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

const CASES: [string[], string][] = [
  [['twitter', 'archive'], 'twitter-archive'],
  [['twitter', 'archive', 'data', 'tweets.js'], 'twitter-archive'],
  [['telegram', 'chat-export'], 'telegram-export'],
  [['telegram', 'account-export', 'result.json'], 'telegram-export'],
  [['mastodon', 'archive'], 'mastodon-outbox'],
  [['mastodon', 'archive', 'outbox.json'], 'mastodon-outbox'],
  [['bluesky', 'repo.car'], 'bluesky-car'],
  [['signal', 'chat.txt'], 'signal'],
  [['whatsapp', 'android-en'], 'whatsapp'],
  [['whatsapp', 'ar'], 'whatsapp'],
  [['whatsapp', 'locales', 'tr.txt'], 'whatsapp'],
  [['csv', 'messages.csv'], 'csv'],
];

test('detection picks the right source for every fixture', async () => {
  for (const [parts, name] of CASES)
    assert.equal((await detectSource(inputOf(fixture(...parts))))?.name, name, parts.join('/'));
});

test('detection works on the zips as downloaded', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const zips: [string, string][] = [
    [zipFolder(fixture('twitter', 'archive'), dir, 'twitter.zip'), 'twitter-archive'],
    [zipFolder(fixture('telegram', 'chat-export'), dir, 'telegram.zip', 'ChatExport/'), 'telegram-export'],
    [zipFolder(fixture('mastodon', 'archive'), dir, 'mastodon.zip'), 'mastodon-outbox'],
    [zipFolder(fixture('whatsapp', 'android-en'), dir, 'WhatsApp Chat with Family.zip'), 'whatsapp'],
  ];
  for (const [zip, name] of zips) assert.equal((await detectSource(inputOf(zip)))?.name, name, zip);
});

test('--format names and their short aliases', () => {
  for (const s of sources) assert.equal(sourceByName(s.name), s);
  assert.equal(sourceByName('telegram').name, 'telegram-export');
  assert.equal(sourceByName('Mastodon').name, 'mastodon-outbox');
  assert.equal(sourceByName('bluesky').name, 'bluesky-car');
  assert.equal(sourceByName('twitter').name, 'twitter-archive');
  assert.ok(sources.some((s) => s.name === 'jsonl'));
  assert.throws(() => sourceByName('myspace'), UsageError);
});
