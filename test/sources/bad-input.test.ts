import assert from 'node:assert/strict';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ImportError } from '../../src/core/errors.ts';
import { blueskyCarSource } from '../../src/sources/bluesky-car.ts';
import { mastodonOutboxSource } from '../../src/sources/mastodon-outbox.ts';
import { telegramExportSource } from '../../src/sources/telegram-export.ts';
import { twitterArchiveSource } from '../../src/sources/twitter-archive.ts';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { collect, inputOf, tempDir } from './helpers/fixtures.ts';

const MB = 1024 * 1024;

async function writeWithHugeMiddle(
  path: string,
  before: string,
  fill: number,
  filler: string,
  after: string,
): Promise<void> {
  const out = createWriteStream(path);
  out.write(before);
  const chunk = filler.repeat(MB / filler.length);
  for (let i = 0; i < fill; i++) out.write(chunk);
  out.write(after);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

test('a 50 MB single line in a WhatsApp chat is skipped with its line number; the lines around it are read', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'WhatsApp Chat with Big.txt');
  await writeWithHugeMiddle(
    path,
    '13/12/16, 14:02 - A: before\n13/12/16, 14:03 - B: ',
    50,
    'x',
    '\n13/12/16, 14:04 - A: after\n',
  );
  const before = process.memoryUsage().rss;
  const got = await collect(whatsappSource, inputOf(path));
  assert.deepEqual(
    got.messages.map((m) => m.message.text),
    ['before', 'after'],
  );
  assert.equal(got.rejected.length, 1);
  assert.equal(got.rejected[0]?.place, 'line=2');
  assert.match(got.rejected[0]?.reason ?? '', /line is \d+ bytes long, above the \d+-byte limit/);
  assert.ok(process.memoryUsage().rss - before < 200 * MB, 'the line was not held in memory');
});

test('a 50 MB tweet in tweets.js is skipped with its offset; the tweets around it are read', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'tweets.js');
  const tw = (id: string, text: string) =>
    JSON.stringify({ tweet: { id_str: id, created_at: 'Tue Dec 13 12:02:11 +0000 2016', full_text: text } });
  await writeWithHugeMiddle(
    path,
    `window.YTD.tweets.part0 = [${tw('1', 'before')},{"tweet":{"id_str":"2","created_at":"Tue Dec 13 12:02:11 +0000 2016","full_text":"`,
    50,
    'y',
    `"}},${tw('3', 'after')}]`,
  );
  const got = await collect(twitterArchiveSource, inputOf(path));
  assert.deepEqual(
    got.messages.map((m) => m.message.text),
    ['before', 'after'],
  );
  assert.equal(got.rejected.length, 1);
  assert.match(got.rejected[0]?.reason ?? '', /element is \d+ bytes, above the \d+-byte limit/);
  assert.match(got.rejected[0]?.place ?? '', /^offset=\d+$/);
});

test('files that are not what their names say are refused with the file named', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const cases = [
    { source: telegramExportSource, name: 'result.json', body: 'PK\u0003\u0004 not really json' },
    { source: mastodonOutboxSource, name: 'outbox.json', body: '<html>login required</html>' },
    { source: twitterArchiveSource, name: 'tweets.js', body: 'console.log("hi")' },
    { source: blueskyCarSource, name: 'repo.car', body: '{"json": "instead of CAR"}' },
    { source: whatsappSource, name: 'chat.txt', body: 'just some notes\nwithout any header\n' },
  ];
  for (const c of cases) {
    const path = join(dir, c.name);
    writeFileSync(path, c.body);
    await assert.rejects(collect(c.source, inputOf(path)), (err: unknown) => {
      assert.ok(err instanceof ImportError, `${c.source.name}: ${String(err)}`);
      assert.ok(err.message.includes(c.name), `${c.source.name}: ${err.message}`);
      return true;
    });
  }
});
