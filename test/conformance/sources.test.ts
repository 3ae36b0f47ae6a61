import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Message } from '../../src/core/message.ts';
import { mastodonOutboxSource } from '../../src/sources/mastodon-outbox.ts';
import { detectSource } from '../../src/sources/registry.ts';
import { signalSource } from '../../src/sources/signal.ts';
import type { ImportInput, Source, SourceItem } from '../../src/sources/source.ts';
import { telegramExportSource } from '../../src/sources/telegram-export.ts';
import { twitterArchiveSource } from '../../src/sources/twitter-archive.ts';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { tempDir } from '../sources/helpers/fixtures.ts';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/data/platform-exports');
const HAVE = existsSync(ROOT);
const at = (...p: string[]) => join(ROOT, ...p);
const input = (path: string): ImportInput => ({ path, displayPath: path, isDirectory: statSync(path).isDirectory() });
const provenance = { source: 'x', blob: '0'.repeat(64), locator: 'x', importer: { name: 'x', version: '1' } };

type Msg = Extract<SourceItem, { kind: 'message' }>;
async function read(source: Source, path: string, options = {}) {
  const messages: Msg[] = [];
  const rejected: SourceItem[] = [];
  const warnings: string[] = [];
  for await (const it of source.read(input(path), options)) {
    if (it.kind === 'message') {
      messages.push(it);
      Message.parse({ ...it.message, capturedAt: '2026-01-01T00:00:00Z', provenance });
    } else if (it.kind === 'rejected') rejected.push(it);
    else if (it.kind === 'warning') warnings.push(it.message);
  }
  return { messages, rejected, warnings };
}

const squash = (s: string) => s.replace(/\s+/g, '');
const oneSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

// biome-ignore lint/suspicious/noExplicitAny: raw third-party JSON, checked field by field below
type Tweetish = Record<string, any>;

interface Target {
  timestamp: string;
  author: string;
  message: string;
}

test('twitter-archive: every tweet in the real tweets.js, with ids, dates, replies, retweets and expanded links', {
  skip: !HAVE && '../shared/data absent',
}, async () => {
  const file = at('twitter-archive', 'tweets.js');
  const raw = readFileSync(file, 'utf8');
  const tweets = (JSON.parse(raw.slice(raw.indexOf('['))) as { tweet: Tweetish }[]).map((t) => t.tweet);
  assert.equal(tweets.length, 1758, 'the file holds 1,758 tweets');
  assert.equal((await detectSource(input(file)))?.name, 'twitter-archive');
  const got = await read(twitterArchiveSource, file);
  assert.equal(got.rejected.length, 0);
  assert.equal(got.messages.length, tweets.length);
  for (let i = 0; i < tweets.length; i++) {
    const t = tweets[i] as Tweetish;
    const m = got.messages[i]?.message;
    assert.ok(m);
    assert.equal(m.nativeId, t.id_str);
    assert.equal(Date.parse(m.postedAt), Date.parse(t.created_at));
    assert.match(m.postedAt, /\+00:00$/);
    assert.equal(m.lang, t.lang === 'und' ? undefined : t.lang);
    for (const u of t.entities.urls) assert.ok(m.text.includes(u.expanded_url), `${t.id_str}: ${u.url} expanded`);
    if (t.in_reply_to_status_id_str) assert.equal(m.replyTo?.nativeId, t.in_reply_to_status_id_str);
    assert.equal(m.repostOf !== undefined, t.full_text.startsWith('RT @'));
    assert.equal(m.media?.length ?? 0, (t.extended_entities?.media ?? t.entities.media ?? []).length);
  }
  assert.equal(got.messages.filter((m) => m.message.repostOf).length, 128);
  assert.equal(got.messages.filter((m) => m.message.replyTo).length, 160);
});

test('mastodon-outbox: the real export with orderedItems written twice loses no item', {
  skip: !HAVE && '../shared/data absent',
}, async () => {
  const dir = at('mastodon-outbox');
  const raw = readFileSync(join(dir, 'outbox.json'), 'utf8');
  assert.equal(raw.match(/"orderedItems":/g)?.length, 2);
  const items = (JSON.parse(raw) as { orderedItems: Tweetish[] }).orderedItems;
  const expected = items.filter((a) => a.type === 'Create' || a.type === 'Announce');
  assert.equal(expected.length, 1586);
  assert.equal((await detectSource(input(dir)))?.name, 'mastodon-outbox');
  const got = await read(mastodonOutboxSource, dir);
  assert.equal(got.rejected.length, 0);
  assert.equal(got.messages.length, expected.length);
  const actor = JSON.parse(readFileSync(join(dir, 'actor.json'), 'utf8'));
  for (let i = 0; i < expected.length; i++) {
    const a = expected[i] as Tweetish;
    const m = got.messages[i]?.message;
    assert.ok(m);
    assert.equal(m.author.id, actor.id);
    assert.equal(m.author.handle, 'dealingwith@indieweb.social');
    if (a.type === 'Create') {
      assert.equal(m.url, a.object.url);
      assert.equal(m.postedAt, a.object.published);
      assert.equal(m.media?.length, a.object.attachment.length);
      assert.doesNotMatch(m.text, /<\/?(p|a|span)\b/);
      if (a.object.inReplyTo) assert.equal(m.replyTo?.url, a.object.inReplyTo);
    } else {
      assert.equal(m.repostOf?.url, a.object);
      assert.equal(m.text, '');
    }
  }
});

for (const name of ['test_single_export.json', 'test_batch_export.json']) {
  test(`telegram-export: chat-miner ${name} matches its target.json`, {
    skip: !HAVE && '../shared/data absent',
  }, async () => {
    const file = at('chat-miner-fixtures', 'telegram', name);
    const target = JSON.parse(readFileSync(at('chat-miner-fixtures', 'telegram', 'target.json'), 'utf8')) as Target[];
    assert.equal((await detectSource(input(file)))?.name, 'telegram-export');
    const got = await read(telegramExportSource, file);
    assert.equal(got.messages.length, target.length);
    for (const t of target) {
      const m = got.messages.find(
        (x) =>
          x.message.author.displayName === t.author && Date.parse(x.message.postedAt) === Date.parse(`${t.timestamp}Z`),
      );
      assert.ok(m, `${t.author} at ${t.timestamp}`);
      // chat-miner joins entity texts with a space; Telegram shows them joined as they are
      assert.equal(squash(m.message.text), squash(t.message));
    }
  });
}

test('whatsapp: each chat-miner header style matches target.json', {
  skip: !HAVE && '../shared/data absent',
}, async () => {
  const target = JSON.parse(readFileSync(at('chat-miner-fixtures', 'whatsapp', 'target.json'), 'utf8')) as Target[];
  for (const name of [
    'test_[mmddyy]_24hrs.txt',
    'test_ddmmyy_24hrs.txt',
    'test_mmddyy_24hrs.txt',
    'test_mmddyyyy_12hrs.txt',
    'test_yyyymmdd_24hrs.txt',
  ]) {
    const file = at('chat-miner-fixtures', 'whatsapp', name);
    assert.equal((await detectSource(input(file)))?.name, 'whatsapp', name);
    const got = await read(whatsappSource, file);
    assert.equal(got.messages.length, target.length, name);
    for (const t of target) {
      const m = got.messages.find((x) => x.message.postedAt === `${t.timestamp}+00:00`);
      assert.ok(m, `${name}: ${t.timestamp}`);
      assert.equal(m.message.author.displayName ?? m.message.author.handle, t.author, name);
      assert.equal(oneSpace(m.message.text), t.message, name);
    }
  }
});

test('signal: chat-miner test_export.txt matches target.json', { skip: !HAVE && '../shared/data absent' }, async () => {
  const file = at('chat-miner-fixtures', 'signal', 'test_export.txt');
  const target = JSON.parse(readFileSync(at('chat-miner-fixtures', 'signal', 'target.json'), 'utf8')) as Target[];
  assert.equal((await detectSource(input(file)))?.name, 'signal');
  const got = await read(signalSource, file);
  assert.equal(got.messages.length, target.length);
  for (const t of target) {
    const m = got.messages.find((x) => x.message.postedAt === `${t.timestamp}+00:00`);
    assert.ok(m);
    assert.equal(m.message.author.displayName, t.author);
    assert.equal(oneSpace(m.message.text), t.message);
  }
});

test('whatsapp: whatstk sample chats (pokemon.txt, lorem.txt) count every message line', {
  skip: !HAVE && '../shared/data absent',
}, async () => {
  for (const [name, header] of [
    ['pokemon.txt', /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} - [^:]+: /],
    ['lorem.txt', /^\[\d{2}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] [^:]+: /],
  ] as const) {
    const file = at('whatstk-samples', name);
    const lines = readFileSync(file, 'utf8').split('\n');
    const expected = lines.filter((l) => header.test(l) && !/end-to-end encrypted/.test(l)).length;
    const got = await read(whatsappSource, file);
    assert.equal(got.messages.length, expected, name);
    assert.equal(got.rejected.length, 0, name);
  }
  const lorem = await read(whatsappSource, at('whatstk-samples', 'lorem.txt'));
  assert.equal(lorem.messages[0]?.message.postedAt, '2020-01-15T02:22:56+00:00');
  for (let i = 1; i < lorem.messages.length; i++)
    assert.ok(
      Date.parse(lorem.messages[i]?.message.postedAt ?? '') >=
        Date.parse(lorem.messages[i - 1]?.message.postedAt ?? ''),
      'dd-mm-yy read in order',
    );
});

test('whatsapp: every header format whatstk lists is recognised and read right', {
  skip: !HAVE && '../shared/data absent',
}, async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const formats = JSON.parse(readFileSync(at('whatstk-samples', 'header_format_support.json'), 'utf8')) as {
    format: string;
  }[];
  assert.ok(formats.length >= 90);
  let n = 0;
  for (const { format } of formats) {
    // Year-first headers exist in WhatsApp only with four-digit years; a two-digit year first is undecidable.
    const yearFirst = format.replace(/^\[/, '').startsWith('%y');
    const render = (day: number) =>
      format
        .replace('%d', String(day))
        .replace('%m', '11')
        .replace('%y', yearFirst ? '2019' : '19')
        .replace('%H', '15')
        .replace('%I', '03')
        .replace('%M', '04')
        .replace('%S', '05')
        .replace('%p', 'PM')
        .replace('%name', 'Ana');
    const path = join(dir, `f${n++}.txt`);
    writeFileSync(path, `${render(23)} hello\n${render(24)} again\n`);
    const got = await read(whatsappSource, path);
    const seconds = format.includes('%S') ? '05' : '00';
    assert.deepEqual(
      got.messages.map((m) => [m.message.postedAt, m.message.author.displayName, m.message.text]),
      [
        [`2019-11-23T15:04:${seconds}+00:00`, 'Ana', 'hello'],
        [`2019-11-24T15:04:${seconds}+00:00`, 'Ana', 'again'],
      ],
      format,
    );
  }
});

test('instagram (chat-miner) is not a Vigil format: it is not mistaken for one', {
  skip: !HAVE && '../shared/data absent',
}, async () => {
  const s = await detectSource(input(at('chat-miner-fixtures', 'instagram', 'test_export.json')));
  assert.equal(s, undefined);
});
