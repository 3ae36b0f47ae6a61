import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToText } from '../../src/sources/text/html-to-text.ts';
import { JsonStreamError, type JsonStreamItem, streamJson } from '../../src/sources/text/json-stream.ts';
import { readLines } from '../../src/sources/text/line-reader.ts';
import { findInvalidUtf8 } from '../../src/sources/text/utf8.ts';

async function* chunked(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('findInvalidUtf8 finds the first bad byte and accepts valid Arabic and emoji', () => {
  assert.equal(findInvalidUtf8(Buffer.from('حلب 🤓 ok')), -1);
  assert.equal(findInvalidUtf8(Buffer.from([0x61, 0x62, 0xff, 0x63])), 2);
  assert.equal(findInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1, 'truncated sequence');
  assert.equal(findInvalidUtf8(Buffer.from([0xc0, 0x80])), 0, 'overlong');
  assert.equal(findInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'surrogate');
});

test('readLines numbers lines, gives byte offsets, reports bad UTF-8 and over-long lines and goes on', async () => {
  const long = 'x'.repeat(100);
  const bytes = Buffer.concat([
    Buffer.from('\ufefffirst\r\n'),
    Buffer.from('bad \xff\n', 'latin1'),
    Buffer.from(`${long}\nلينا\nlast`),
  ]);
  for (const size of [1, 3, 7, 1000]) {
    const items = await all(readLines(chunked(bytes, size), 50));
    assert.deepEqual(items[0], { kind: 'line', text: 'first', line: 1, offset: 0 });
    assert.equal(items[1]?.kind, 'bad');
    assert.match((items[1] as { reason: string }).reason, /invalid UTF-8 at byte offset 14/);
    assert.equal(items[2]?.kind, 'bad');
    assert.match((items[2] as { reason: string }).reason, /100 bytes long, above the 50-byte limit/);
    assert.deepEqual(items[3], { kind: 'line', text: 'لينا', line: 4, offset: 117 });
    assert.deepEqual(items[4], { kind: 'line', text: 'last', line: 5, offset: 126 });
  }
});

test('streamJson yields array elements one by one, keeps neighbours of a malformed one, and reads a repeated key twice', async () => {
  const doc = Buffer.from('window.YTD.x.part0 = {"a":1,"items":[{"n":1},{"n":2,,},{"n":"}3]"}],"items":[{"n":4}]}');
  for (const size of [1, 5, 1000]) {
    const items = (await all(
      streamJson(chunked(doc, size), { capture: (p) => p[0] === 'items', allowPrefix: true }),
    )) as JsonStreamItem[];
    const elements = items.filter((i) => i.kind === 'element').map((i) => (i as { value: unknown }).value);
    assert.deepEqual(elements, [{ n: 1 }, { n: '}3]' }, { n: 4 }]);
    const bad = items.filter((i) => i.kind === 'bad');
    assert.equal(bad.length, 1);
    assert.equal((bad[0] as { offset: number }).offset, doc.indexOf('{"n":2'));
    assert.deepEqual(
      items.find((i) => i.kind === 'scalar'),
      { kind: 'scalar', path: ['a'], value: 1 },
    );
  }
});

test('streamJson reports a truncated document after the elements before the cut', async () => {
  const doc = Buffer.from('[{"a":1},{"a":2},{"a":');
  const got: JsonStreamItem[] = [];
  await assert.rejects(
    (async () => {
      for await (const it of streamJson(chunked(doc, 4), { capture: (p) => p.length === 0 })) got.push(it);
      throw new JsonStreamError('sentinel', 0);
    })(),
    JsonStreamError,
  );
  assert.equal(got.filter((i) => i.kind === 'element').length, 2);
  assert.match((got.find((i) => i.kind === 'bad') as { reason: string }).reason, /truncated/);
});

test('streamJson refuses something that is not JSON at all', async () => {
  await assert.rejects(all(streamJson(chunked(Buffer.from('hello world'), 4), { capture: () => true })), /not JSON/);
});

test('htmlToText keeps full link text and paragraph breaks', () => {
  assert.equal(
    htmlToText(
      '<p>a &amp; b</p><p><a href="x"><span class="invisible">https://</span><span>example.org</span></a><br>c &#39;d&#39;</p>',
    ),
    "a & b\n\nhttps://example.org\nc 'd'",
  );
});
