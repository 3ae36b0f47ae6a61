import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../src/core/hash.ts';
import { telegramExportSource, telegramText } from '../../src/sources/telegram-export.ts';
import { collect, fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

test('single-chat result.json: entities, forwards, replies, edits, photos beside the JSON, service messages counted', async () => {
  const got = await collect(telegramExportSource, inputOf(fixture('telegram', 'chat-export')));
  assert.equal(got.messages.length, 7);
  assert.equal(got.rejected.length, 0);
  const byId = new Map(got.messages.map((m) => [m.message.nativeId, m.message]));
  const first = byId.get('1234567890/2');
  assert.equal(first?.postedAt, '2016-12-13T14:02:00+02:00', 'offset recovered from date vs date_unixtime');
  assert.deepEqual(first?.author, { id: 'user8011223344', displayName: 'Abu Omar' });
  const photo = byId.get('1234567890/3');
  assert.equal(got.media.length, 1);
  assert.equal(got.media[0]?.origin, 'photos/photo_1@13-12-2016_14-05-00.png');
  assert.equal(photo?.media?.[0]?.sha256, sha256Hex(got.media[0]?.bytes as Uint8Array));
  assert.deepEqual(byId.get('1234567890/4')?.replyTo, { nativeId: '1234567890/3' });
  assert.equal(
    byId.get('1234567890/4')?.postedAt,
    '2016-12-13T14:07:30+02:00',
    'postedAt is the original date, not the edit',
  );
  assert.equal(
    byId.get('1234567890/5')?.text,
    'Evacuation list updated tonight: https://example.org/list see also the map (https://example.org/map) #حلب @lina_reports',
  );
  assert.deepEqual(byId.get('1234567890/6')?.repostOf, { nativeId: '', authorId: 'name:Syria Civil Defence' });
  assert.deepEqual(byId.get('1234567890/8')?.media, [{ mime: 'video/mp4' }], 'file not included: kind kept, no hash');
  assert.equal(byId.get('1234567890/9')?.text, 'Who still has water?');
  assert.equal(got.events.length, 3, 'service messages kept as events, not posts');
  assert.ok(got.events.every((e) => e.event.platform === 'telegram' && e.event.kind !== ''));
});

test('full-account export reads chats.list and left_chats.list with each chat id as scope', async () => {
  const got = await collect(telegramExportSource, inputOf(fixture('telegram', 'account-export')));
  assert.deepEqual(
    got.messages.map((m) => m.message.nativeId),
    ['7001/100', '7001/101', '1009988776/5', '1001112223/40'],
  );
  const channel = got.messages[2]?.message;
  assert.equal(channel?.author.id, 'channel1009988776');
  assert.equal(channel?.text, 'Ceasefire announced for 18:00');
  assert.equal(got.media[0]?.origin, 'chats/chat_001/photos/photo_2@14-12-2016_10-00-00.png');
  assert.deepEqual(got.messages[3]?.message.repostOf, { nativeId: '', authorId: 'user7001' });
  assert.equal(got.events.length, 1);
});

test('the zip gives the same messages as the folder', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const zip = zipFolder(fixture('telegram', 'chat-export'), dir, 'Telegram.zip', 'ChatExport_2016-12-13/');
  assert.equal(await telegramExportSource.detect(inputOf(zip)), true);
  const got = await collect(telegramExportSource, inputOf(zip));
  assert.equal(got.messages.length, 7);
  assert.equal(got.media[0]?.origin, 'ChatExport_2016-12-13/photos/photo_1@13-12-2016_14-05-00.png');
});

test('broken result.json: malformed element, missing date and invalid UTF-8 rejected with offsets, neighbours kept', async () => {
  const got = await collect(telegramExportSource, inputOf(fixture('telegram', 'broken', 'result.json')));
  assert.deepEqual(
    got.messages.map((m) => m.message.text),
    ['good before', 'good after'],
  );
  assert.equal(got.rejected.length, 3);
  assert.match(got.rejected[0]?.reason ?? '', /malformed JSON element/);
  assert.match(got.rejected[1]?.reason ?? '', /no readable date/);
  assert.match(got.rejected[2]?.reason ?? '', /invalid UTF-8 at byte offset \d+/);
  for (const r of got.rejected) assert.match(r.place, /^offset=\d+$/);
});

test('text as a string or as an array of strings and entities', () => {
  assert.equal(telegramText('plain'), 'plain');
  assert.equal(
    telegramText(['a ', { type: 'bold', text: 'b' }, { type: 'text_link', text: 'c', href: 'https://x' }]),
    'a bc (https://x)',
  );
  assert.equal(telegramText(null), '');
});

test('a local date without date_unixtime is read in the tz option', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const { writeFileSync } = await import('node:fs');
  const path = `${dir}/result.json`;
  writeFileSync(
    path,
    JSON.stringify({
      name: 'Old',
      type: 'personal_chat',
      id: 9,
      messages: [{ id: 1, type: 'message', date: '2016-12-13T14:02:00', from: 'A', from_id: 'user1', text: 'x' }],
    }),
  );
  const utc = await collect(telegramExportSource, inputOf(path));
  assert.equal(utc.messages[0]?.message.postedAt, '2016-12-13T14:02:00+00:00');
  assert.ok(utc.warnings.some((w) => /read as UTC/.test(w.message)));
  const dam = await collect(telegramExportSource, inputOf(path), { tz: 'Asia/Damascus' });
  assert.equal(dam.messages[0]?.message.postedAt, '2016-12-13T14:02:00+02:00');
});

test('Telegram Desktop dates with milliseconds and Z and no date_unixtime import as that instant', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const file = join(dir, 'result.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Aleppo',
      type: 'personal_chat',
      id: 42,
      messages: [
        { id: 1, type: 'message', date: '2021-01-01T10:00:00.000Z', from: 'Lina', from_id: 'user1', text: 'one' },
        { id: 2, type: 'message', date: '2021-01-01T10:05:00Z', from: 'Lina', from_id: 'user1', text: 'two' },
        {
          id: 3,
          type: 'message',
          date: '2021-01-01T12:05:00.250+02:00',
          from: 'Lina',
          from_id: 'user1',
          text: 'three',
        },
      ],
    }),
  );
  const got = await collect(telegramExportSource, inputOf(file));
  assert.equal(got.rejected.length, 0, JSON.stringify(got.rejected));
  assert.deepEqual(
    got.messages.map((m) => new Date(m.message.postedAt).toISOString()),
    ['2021-01-01T10:00:00.000Z', '2021-01-01T10:05:00.000Z', '2021-01-01T10:05:00.250Z'],
  );
  assert.ok(!got.warnings.some((w) => /without date_unixtime/.test(w.message)), 'no time-zone guess was needed');
});
