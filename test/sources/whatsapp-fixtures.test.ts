import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { type Collected, collect, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';
import { type Expected, expectedFixtures } from './helpers/whatsapp-expected.ts';

function compare(got: Collected, expected: Expected, label: string) {
  const line = (place: string) => Number(/^line=(\d+)$/.exec(place)?.[1]);
  assert.equal(got.messages.length, expected.messages.length, `${label}: message count`);
  got.messages.forEach((m, i) => {
    const want = expected.messages[i]!;
    const at = `${label} message ${i + 1} (line ${want.line})`;
    assert.equal(line(m.place), want.line, `${at}: line`);
    assert.equal(new Date(m.message.postedAt).toISOString(), want.postedAt, `${at}: time`);
    assert.equal(m.message.author.id, want.author, `${at}: author`);
    assert.equal(m.message.text, want.text, `${at}: text, byte for byte`);
    assert.equal(m.message.kind ?? null, want.kind, `${at}: kind`);
    assert.deepEqual(m.message.geo ?? null, want.geo, `${at}: geo`);
  });
  assert.deepEqual(
    got.events.map((e) => ({ line: line(e.place), kind: e.event.kind })),
    expected.events,
    `${label}: events`,
  );
  assert.deepEqual(
    got.rejected.map((r) => line(r.place)),
    expected.rejected.map((r) => r.line),
    `${label}: rejected`,
  );
  // nothing lost: every record is a message, an event or a rejection
  assert.equal(got.messages.length + got.events.length + got.rejected.length, expected.read, `${label}: read`);
}

describe('WhatsApp fixtures: every shape and language imports as checked in beside it', () => {
  const all = expectedFixtures();
  it('covers iOS and Android, 1:1 and groups, 12h and 24h, each calendar, 22 languages', () => {
    const names = all.map((f) => f.name);
    for (const lang of 'ar en es fr ru zh fa ku tr uk he pt it de nl id hi ja th vi cs pl'.split(' '))
      assert.ok(
        names.some((n) => n.split('-')[1] === lang),
        `a fixture in ${lang}`,
      );
    assert.ok(names.some((n) => n.startsWith('ios-') && n.includes('1to1')));
    assert.ok(names.some((n) => n.startsWith('android-') && n.includes('1to1')));
    assert.ok(all.every((f) => f.expected.read > 0));
  });
  for (const f of all)
    it(f.name, async () => {
      const input = inputOf(f.path);
      if (!input.isDirectory) assert.equal(await whatsappSource.detect(input), true, `${f.name} is detected`);
      compare(await collect(whatsappSource, input), f.expected, f.name);
    });

  it('a zip WhatsApp builds with its media reads the same as the chat folder, the photo included', async (t) => {
    const { dir, cleanup } = tempDir();
    t.after(cleanup);
    for (const f of all.filter((x) => existsSync(x.path) && inputOf(x.path).isDirectory)) {
      const zip = zipFolder(f.path, dir, `WhatsApp Chat - ${f.name}.zip`);
      assert.equal(await whatsappSource.detect(inputOf(zip)), true);
      const got = await collect(whatsappSource, inputOf(zip));
      compare(got, f.expected, `${f.name}.zip`);
      assert.equal(got.media.length, 1);
      assert.ok(got.messages.some((m) => m.message.media?.[0]?.sha256));
    }
  });
});
