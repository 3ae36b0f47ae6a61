import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ImportError } from '../../src/core/errors.ts';
import { DEFAULT_LIMITS, joinInside, unsafePathReason } from '../../src/sources/archive/archive.ts';
import { openInput } from '../../src/sources/archive/open-input.ts';
import { openZip } from '../../src/sources/archive/zip-archive.ts';
import { fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';
import { buildZip } from './helpers/zip-writer.ts';

test('a zip and the unpacked folder list the same entries and bytes', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const folder = fixture('twitter', 'archive');
  const zipPath = zipFolder(folder, dir, 'twitter.zip', 'twitter-2016-12-14/');
  const z = await openInput(inputOf(zipPath));
  const f = await openInput(inputOf(folder));
  try {
    assert.equal(z.kind, 'zip');
    assert.equal(f.kind, 'folder');
    const zipNames = z.entries.map((e) => e.path.replace('twitter-2016-12-14/', '')).sort();
    assert.deepEqual(zipNames, f.entries.map((e) => e.path).sort());
    const ze = z.get('twitter-2016-12-14/data/tweets.js');
    const fe = f.get('data/tweets.js');
    assert.ok(ze && fe);
    assert.deepEqual(await z.readBytes(ze), await f.readBytes(fe));
  } finally {
    await z.close();
    await f.close();
  }
});

test('entries with ../ or absolute paths are refused, the others kept', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'evil.zip');
  writeFileSync(
    path,
    buildZip([
      { name: 'data/tweets.js', data: 'window.YTD.tweets.part0 = []' },
      { name: '../../etc/cron.d/evil', data: 'x' },
      { name: '/etc/passwd', data: 'x' },
      { name: 'data/..\\..\\win.ini', data: 'x' },
    ]),
  );
  const a = await openInput(inputOf(path));
  try {
    assert.deepEqual(
      a.entries.map((e) => e.path),
      ['data/tweets.js'],
    );
    assert.equal(a.refused.length, 3);
    assert.match(a.refused[0]?.reason ?? '', /escapes the archive/);
    assert.match(a.refused[1]?.reason ?? '', /absolute/);
  } finally {
    await a.close();
  }
  assert.equal(unsafePathReason('a/b/c.txt'), undefined);
  assert.equal(joinInside('a/b', '../../../x'), undefined);
  assert.equal(joinInside('a/b', '../c.jpg'), 'a/c.jpg');
});

test('a truncated zip is an ImportError naming the file', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const whole = buildZip([{ name: 'a.txt', data: 'hello '.repeat(1000) }]);
  const path = join(dir, 'cut.zip');
  writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
  await assert.rejects(openInput(inputOf(path)), (err: unknown) => {
    assert.ok(err instanceof ImportError);
    assert.match(err.message, /cut\.zip/);
    assert.match(err.message, /truncated/);
    return true;
  });
});

test('a .zip that is really text is refused with what it starts with', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'export.zip');
  writeFileSync(path, '12/13/16, 2:02 PM - Abu Omar: hello\n');
  await assert.rejects(openInput(inputOf(path)), (err: unknown) => {
    assert.ok(err instanceof ImportError);
    assert.match(err.message, /export\.zip:offset=0: named \.zip but is not a zip archive/);
    return true;
  });
});

test('a member with a bomb-like declared ratio is refused before reading', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'bomb.zip');
  writeFileSync(
    path,
    buildZip([
      { name: 'ok.txt', data: 'fine' },
      { name: 'zeros.txt', data: Buffer.alloc(20 * 1024 * 1024) },
    ]),
  );
  const a = await openZip(path, 'bomb.zip');
  try {
    assert.deepEqual(
      a.entries.map((e) => e.path),
      ['ok.txt'],
    );
    assert.match(a.refused[0]?.reason ?? '', /decompression bomb/);
  } finally {
    await a.close();
  }
});

test('the total cap is enforced while inflating, whatever the headers say', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'big.zip');
  writeFileSync(
    path,
    buildZip([
      { name: 'a.bin', data: randomBytes(300_000) },
      { name: 'b.bin', data: randomBytes(300_000) },
    ]),
  );
  const a = await openZip(path, 'big.zip', { ...DEFAULT_LIMITS, maxTotalBytes: 400_000 });
  try {
    const first = a.get('a.bin');
    const second = a.get('b.bin');
    assert.ok(first && second);
    assert.equal((await a.readBytes(first)).length, 300_000);
    await assert.rejects(a.readBytes(second), (err: unknown) => {
      assert.ok(err instanceof ImportError);
      assert.match(err.message, /big\.zip!b\.bin:offset=\d+: archive inflates past the 400000-byte total cap/);
      return true;
    });
  } finally {
    await a.close();
  }
});

test('a member that inflates past what its header declares fails with its name', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'liar.zip');
  writeFileSync(path, buildZip([{ name: 'liar.txt', data: Buffer.alloc(5 * 1024 * 1024, 0x61), declaredSize: 1000 }]));
  const a = await openZip(path, 'liar.zip');
  try {
    const e = a.get('liar.txt');
    assert.ok(e);
    await assert.rejects(a.readBytes(e), (err: unknown) => {
      assert.ok(err instanceof ImportError);
      assert.match(err.message, /liar\.zip!liar\.txt/);
      return true;
    });
  } finally {
    await a.close();
  }
});
