import assert from 'node:assert/strict';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { csvSource } from '../../src/sources/csv.ts';
import { jsonlSource } from '../../src/sources/jsonl.ts';
import { mastodonOutboxSource } from '../../src/sources/mastodon-outbox.ts';
import { readLines as readFileLinesFrom } from '../../src/sources/read-lines.ts';
import { detectSource } from '../../src/sources/registry.ts';
import { signalSource } from '../../src/sources/signal.ts';
import type { Source } from '../../src/sources/source.ts';
import { telegramExportSource } from '../../src/sources/telegram-export.ts';
import { JsonStreamError, streamJson } from '../../src/sources/text/json-stream.ts';
import { readLines } from '../../src/sources/text/line-reader.ts';
import { twitterArchiveSource } from '../../src/sources/twitter-archive.ts';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { collect, fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function addBom(path: string): void {
  writeFileSync(path, Buffer.concat([BOM, readFileSync(path)]));
}

async function* chunked(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The same fixture read as is and with a BOM on the named files: same format, same messages. */
async function sameWithBom(
  t: { after(fn: () => void): void },
  source: Source,
  parts: string[],
  bommed: string[],
  options = {},
): Promise<number> {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const original = fixture(...parts);
  const copy = join(dir, parts[parts.length - 1] as string);
  cpSync(original, copy, { recursive: true });
  for (const f of bommed) {
    const path = f === '' ? copy : join(copy, f);
    addBom(path);
    assert.deepEqual(readFileSync(path).subarray(0, 3), BOM);
  }
  assert.equal((await detectSource(inputOf(copy)))?.name, source.name, `${parts.join('/')} detected with a BOM`);
  const plain = await collect(source, inputOf(original), options);
  const got = await collect(source, inputOf(copy), options);
  assert.ok(plain.messages.length > 0);
  assert.deepEqual(
    got.messages.map((m) => m.message),
    plain.messages.map((m) => m.message),
  );
  assert.equal(got.rejected.length, plain.rejected.length);
  if (statSync(copy).isDirectory()) {
    const zip = zipFolder(copy, dir, 'with-bom.zip');
    assert.equal(
      (await collect(source, inputOf(zip), options)).messages.length,
      plain.messages.length,
      'the zip reads the same',
    );
  }
  return got.messages.length;
}

test('Telegram result.json with a BOM (folder, zip, file alone)', async (t) => {
  await sameWithBom(t, telegramExportSource, ['telegram', 'chat-export'], ['result.json']);
  await sameWithBom(t, telegramExportSource, ['telegram', 'account-export'], ['result.json']);
  await sameWithBom(t, telegramExportSource, ['telegram', 'chat-export', 'result.json'], ['']);
});

test('Mastodon outbox.json and actor.json with a BOM', async (t) => {
  await sameWithBom(t, mastodonOutboxSource, ['mastodon', 'archive'], ['outbox.json', 'actor.json']);
  await sameWithBom(t, mastodonOutboxSource, ['mastodon', 'archive', 'outbox.json'], ['']);
});

test('Twitter tweets.js, account.js and note-tweet.js with a BOM', async (t) => {
  await sameWithBom(
    t,
    twitterArchiveSource,
    ['twitter', 'archive'],
    ['data/tweets.js', 'data/tweets-part1.js', 'data/account.js', 'data/note-tweet.js', 'data/deleted-tweets.js'],
  );
  await sameWithBom(t, twitterArchiveSource, ['twitter', 'archive', 'data', 'tweets.js'], ['']);
});

test('CSV with a BOM, and a CSV mapping file with a BOM (as content and as a path)', async (t) => {
  await sameWithBom(t, csvSource, ['csv', 'messages.csv'], ['']);
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const mapping = join(dir, 'mapping.json');
  cpSync(fixture('csv', 'mapping.json'), mapping);
  addBom(mapping);
  const plain = await collect(csvSource, inputOf(fixture('csv', 'custom.csv')), {
    mapping: fixture('csv', 'mapping.json'),
  });
  for (const m of [mapping, readFileSync(mapping, 'utf8')]) {
    const got = await collect(csvSource, inputOf(fixture('csv', 'custom.csv')), { mapping: m });
    assert.ok(got.messages.length > 0);
    assert.deepEqual(
      got.messages.map((x) => x.message),
      plain.messages.map((x) => x.message),
    );
  }
});

test('WhatsApp and Signal text with a BOM', async (t) => {
  await sameWithBom(t, whatsappSource, ['whatsapp', 'android-en'], ['WhatsApp Chat with Family.txt']);
  await sameWithBom(t, signalSource, ['signal', 'chat.txt'], ['']);
});

test('JSONL with a BOM: the file import and the line reader live ingest uses', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const line = (id: string) =>
    JSON.stringify({ platform: 'telegram', id, author: 'a', postedAt: '2016-12-13T12:00:00Z', text: `t${id}` });
  const body = `${line('1')}\n${line('2')}\n`;
  const path = join(dir, 'messages.jsonl');
  writeFileSync(path, Buffer.concat([BOM, Buffer.from(body)]));
  const bare = join(dir, 'bare.txt');
  writeFileSync(bare, Buffer.concat([BOM, Buffer.from(body)]));
  assert.equal(await jsonlSource.detect(inputOf(bare)), true, 'sniffed past the BOM');
  const got = await collect(jsonlSource, inputOf(path));
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId),
    ['1', '2'],
  );
  assert.equal(got.rejected.length, 0);
  const lines = await all(readFileLinesFrom(chunked(Buffer.concat([BOM, Buffer.from(body)]), 1)));
  assert.deepEqual(
    lines.map((l) => (l.ok ? l.text : l.reason)),
    [line('1'), line('2')],
  );
});

test('streamJson and readLines skip a BOM split across chunks, and keep file offsets', async () => {
  const doc = Buffer.concat([BOM, Buffer.from('{"messages":[{"n":1},{"n":2}]}')]);
  for (const size of [1, 2, 4, 1000]) {
    const items = await all(streamJson(chunked(doc, size), { capture: (p) => p[0] === 'messages' }));
    const elements = items.filter((i) => i.kind === 'element');
    assert.deepEqual(
      elements.map((e) => (e as { value: unknown }).value),
      [{ n: 1 }, { n: 2 }],
    );
    assert.equal((elements[0] as { offset: number }).offset, doc.indexOf('{"n":1'));
    const lines = await all(readLines(chunked(Buffer.concat([BOM, Buffer.from('أ\r\nb')]), size)));
    assert.deepEqual(lines, [
      { kind: 'line', text: 'أ', line: 1, offset: 0 },
      { kind: 'line', text: 'b', line: 2, offset: 7 },
    ]);
  }
  for (const broken of [Buffer.from([0xef, 0xbb, 0x7b, 0x7d]), Buffer.from([0xef, 0x5b, 0x5d])]) {
    await assert.rejects(all(streamJson(chunked(broken, 1), { capture: () => true })), (err: unknown) => {
      assert.ok(err instanceof JsonStreamError);
      assert.match(err.message, /not JSON/);
      return true;
    });
  }
});
