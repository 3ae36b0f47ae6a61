import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { csvSource } from '../../src/sources/csv.ts';
import { parseMapFlag } from '../../src/sources/csv-mapping.ts';
import { collect, fixture, inputOf, tempDir } from './helpers/fixtures.ts';

test('columns named like the JSONL shape map by themselves; quoted newlines; Unix-time dates', async () => {
  const got = await collect(csvSource, inputOf(fixture('csv', 'messages.csv')));
  assert.equal(got.messages.length, 3);
  assert.equal(got.rejected.length, 0);
  const [a, b, c] = got.messages;
  assert.equal(a?.message.text, 'نداء عاجل من حي الفردوس: ٣٠ عائلة تحت الأنقاض');
  assert.equal(a?.message.postedAt, '2016-12-13T14:02:11+02:00');
  assert.equal(a?.message.lang, 'ar');
  assert.equal(b?.message.text, 'We are alive, sheltering in the school basement.\nShelling every 10 minutes.');
  assert.equal(b?.place, 'line=3');
  assert.equal(c?.place, 'line=5');
  assert.equal(c?.message.postedAt, '2016-12-13T12:02:00+00:00');
  assert.equal(c?.message.platform, 'telegram');
});

test('a mapping file (content or path): delimiter, tz and column names', async () => {
  const input = inputOf(fixture('csv', 'custom.csv'));
  for (const mapping of [readFileSync(fixture('csv', 'mapping.json'), 'utf8'), fixture('csv', 'mapping.json')]) {
    const got = await collect(csvSource, input, { mapping });
    assert.deepEqual(
      got.messages.map((m) => m.message.nativeId),
      ['1', '3'],
    );
    assert.equal(got.messages[0]?.message.postedAt, '2016-12-13T14:02:00+02:00');
    assert.equal(got.messages[0]?.message.author.id, 'lina_reports');
    assert.equal(got.messages[1]?.message.text, 'third; with a semicolon');
    assert.equal(got.rejected[0]?.place, 'line=3');
    assert.match(got.rejected[0]?.reason ?? '', /unreadable date/);
  }
});

test('--map flags with a constant platform and #N columns', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'x.csv');
  writeFileSync(path, 'a,b,c,d\n7,@omar,2016-12-13T10:00:00Z,hello\n');
  const got = await collect(csvSource, inputOf(path), { map: 'platform==twitter,id=a,author=#2,postedAt=c,text=d' });
  assert.equal(got.messages[0]?.message.platform, 'twitter');
  assert.equal(got.messages[0]?.message.author.id, 'omar');
  assert.deepEqual(parseMapFlag('id=#3'), { id: { index: 2 } });
  assert.throws(() => parseMapFlag('nonsense=col'), UsageError);
  await assert.rejects(
    collect(csvSource, inputOf(path)),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message.startsWith(`${inputOf(path).displayPath}: `) &&
      /no column for platform, id, author, postedAt, text/.test(err.message),
  );
  await assert.rejects(
    collect(csvSource, inputOf(path), { map: 'platform==x,id=zz,author=b,postedAt=c,text=d' }),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message.includes(`${inputOf(path).displayPath}: CSV mapping: id refers to column "zz"`),
  );
});

test('broken CSV: empty id, bad quote, invalid UTF-8 rejected with their lines; the rows around them kept', async () => {
  const got = await collect(csvSource, inputOf(fixture('csv', 'broken.csv')));
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId),
    ['1', '5'],
  );
  assert.deepEqual(got.rejected.map((r) => r.place).sort(), ['line=3', 'line=4', 'line=5']);
  assert.ok(got.rejected.some((r) => /invalid UTF-8 at byte offset \d+/.test(r.reason)));
  assert.ok(got.rejected.some((r) => /empty id/.test(r.reason)));
});
