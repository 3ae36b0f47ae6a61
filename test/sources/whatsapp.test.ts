import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../src/core/hash.ts';
import { decideDateOrder } from '../../src/sources/whatsapp/date-order.ts';
import { parseHeader } from '../../src/sources/whatsapp/header.ts';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { collect, fixture, inputOf, tempDir, zipFolder } from './helpers/fixtures.ts';

test('Android, US locale: 12-hour clock, month-first, multi-line, attachment in the folder, system lines kept as events', async () => {
  const got = await collect(whatsappSource, inputOf(fixture('whatsapp', 'android-en')), { tz: 'Asia/Damascus' });
  assert.equal(got.messages.length, 6);
  const m = got.messages.map((x) => x.message);
  assert.equal(m[0]?.postedAt, '2016-12-13T14:02:00+02:00');
  assert.equal(m[1]?.text, 'Kids are with us.\nWater for two days.');
  assert.equal(got.messages[1]?.place, 'line=3');
  assert.equal(m[2]?.media?.[0]?.sha256, sha256Hex(got.media[0]?.bytes as Uint8Array));
  assert.equal(m[2]?.media?.[0]?.originalName, 'IMG-20161213-WA0003.jpg');
  assert.equal(m[3]?.text, '<Media omitted>');
  assert.deepEqual(m[4]?.author, { id: 'tel:+963944123456', handle: '+963 944 123 456' });
  assert.equal(m[4]?.postedAt, '2016-12-13T23:45:00+02:00');
  assert.equal(m[5]?.postedAt, '2016-12-14T00:15:00+02:00', '12:15 AM is just after midnight');
  assert.deepEqual(
    got.events.map((e) => e.event.kind),
    ['encryption', 'added'],
  );
  assert.ok(!got.warnings.some((w) => /carry no time zone/.test(w.message)), 'no tz warning when tz is given');
  assert.equal(new Set(m.map((x) => x.nativeId)).size, 6);
});

test('iOS: bracketed dates with seconds, CRLF, <attached:>, the group-name system lines kept as events', async () => {
  const got = await collect(whatsappSource, inputOf(fixture('whatsapp', 'ios-en')));
  assert.deepEqual(
    got.messages.map((x) => x.message.text),
    [
      'We are in the basement.',
      '\u200e<attached: 00000012-PHOTO-2016-12-13-14-05-00.jpg>',
      '\u200eimage omitted',
      'First line\nsecond line: with a colon',
      'Morning. Any news from the hospital?',
    ],
  );
  assert.equal(got.messages[0]?.message.postedAt, '2016-12-13T14:02:10+00:00');
  assert.equal(got.messages[1]?.message.media?.[0]?.originalName, '00000012-PHOTO-2016-12-13-14-05-00.jpg');
  assert.ok(got.messages[1]?.message.media?.[0]?.sha256);
  assert.ok(got.warnings.some((w) => /carry no time zone/.test(w.message)));
  assert.deepEqual(
    got.events.map((e) => [e.event.kind, e.event.actor]),
    [
      ['encryption', 'Aleppo Family'],
      ['created', 'Aleppo Family'],
    ],
  );
});

test('Arabic locale: Arabic-Indic digits, RLM marks, ص/م, Arabic comma; text kept as written', async () => {
  const got = await collect(whatsappSource, inputOf(fixture('whatsapp', 'ar')), { tz: '+03:00' });
  assert.equal(got.messages.length, 6);
  const m = got.messages.map((x) => x.message);
  assert.equal(m[0]?.postedAt, '2016-12-13T14:02:00+03:00');
  assert.equal(m[0]?.author.displayName, 'أبو عمر');
  assert.equal(m[2]?.text, 'الحمد لله بخير\nلكن لا يوجد ماء منذ ٣ أيام', 'Arabic-Indic digits in the body untouched');
  assert.equal(m[3]?.postedAt, '2016-12-14T09:30:00+03:00', 'ص is AM');
  assert.equal(m[5]?.postedAt, '2016-12-14T12:05:00+03:00', '12 م is noon');
  assert.equal(m[4]?.author.id, 'tel:+963944123456');
  assert.ok(m[4]?.media?.[0]?.sha256, 'attachment (ملف مرفق) found beside the chat');
  assert.deepEqual(
    got.events.map((e) => [e.event.kind, e.event.lang]),
    [
      ['encryption', 'ar'],
      ['added', 'ar'],
    ],
  );
});

test('fr, de, tr and es exports', async () => {
  const expect: Record<string, string[]> = {
    fr: ['2016-12-13T14:02:00+00:00', '2016-12-13T14:05:00+00:00', '2016-12-14T09:00:00+00:00'],
    de: ['2016-12-13T14:02:00+00:00', '2016-12-14T09:00:00+00:00'],
    tr: ['2016-12-13T14:02:00+00:00', '2016-12-14T09:00:00+00:00'],
    es: ['2016-12-13T14:02:00+00:00', '2016-12-13T23:50:00+00:00', '2016-12-14T00:10:00+00:00'],
  };
  for (const [locale, dates] of Object.entries(expect)) {
    const input = inputOf(fixture('whatsapp', 'locales', `${locale}.txt`));
    assert.equal(await whatsappSource.detect(input), true, locale);
    const got = await collect(whatsappSource, input);
    assert.deepEqual(
      got.messages.map((x) => x.message.postedAt),
      dates,
      locale,
    );
  }
});

test('an ambiguous file says so and takes daysFirst', async () => {
  const input = inputOf(fixture('whatsapp', 'locales', 'ambiguous.txt'));
  const guessed = await collect(whatsappSource, input);
  assert.ok(guessed.warnings.some((w) => /ambiguous/.test(w.message)));
  assert.equal(guessed.messages[0]?.message.postedAt, '2016-06-05T10:00:00+00:00');
  const told = await collect(whatsappSource, input, { daysFirst: 'false' });
  assert.ok(!told.warnings.some((w) => /ambiguous/.test(w.message)));
  assert.equal(told.messages[0]?.message.postedAt, '2016-05-06T10:00:00+00:00');
});

test('day/month order is decided per file from all its dates', () => {
  const t = (a: number, b: number, c: number) => ({ a, b, c, aLen: String(a).length });
  assert.equal(decideDateOrder([t(1, 2, 16), t(13, 2, 16)], undefined).order, 'DMY');
  assert.equal(decideDateOrder([t(1, 2, 16), t(2, 13, 16)], undefined).order, 'MDY');
  const seq = decideDateOrder([t(1, 5, 16), t(2, 5, 16), t(3, 5, 16), t(1, 6, 16)], undefined);
  assert.equal(seq.order, 'DMY');
  assert.match(seq.note ?? '', /advance in order/);
  assert.equal(decideDateOrder([t(2016, 12, 13)], undefined).order, 'YMD');
  assert.equal(decideDateOrder([t(5, 6, 16)], false).order, 'MDY');
});

test('header parsing handles the styles and marks', () => {
  assert.equal(parseHeader('12/13/16, 2:02 PM - Abu Omar: hi')?.hour, 2);
  assert.equal(parseHeader('12/13/16, 2:02\u202fPM - Abu Omar: hi')?.half, 'pm');
  assert.equal(parseHeader('[13.12.16, 14:02:10] Abu Omar: hi')?.second, 10);
  assert.equal(parseHeader('13/12/2016 à 14:02 - A: b')?.rest, 'A: b');
  assert.equal(parseHeader('\u200f١٣\u200f/١٢\u200f/٢٠١٦، ٢:٠٢ م - أبو عمر: نص')?.rest, 'أبو عمر: نص');
  assert.equal(parseHeader('13.12.2016 02:02 ÖS - A: b')?.half, 'pm');
  assert.equal(parseHeader('just a continuation line: 12/13/16'), undefined);
});

test('the zip WhatsApp builds (chat + attachments) reads the same, attachment included', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const zip = zipFolder(fixture('whatsapp', 'ios-en'), dir, 'WhatsApp Chat - Aleppo Family.zip');
  assert.equal(await whatsappSource.detect(inputOf(zip)), true);
  const got = await collect(whatsappSource, inputOf(zip));
  assert.equal(got.messages.length, 5);
  assert.equal(got.media.length, 1);
  // unpacked into a folder of the same name (what macOS and Windows do), the ids are the same
  const unpacked = join(dir, 'WhatsApp Chat - Aleppo Family');
  cpSync(fixture('whatsapp', 'ios-en'), unpacked, { recursive: true });
  const fromFolder = await collect(whatsappSource, inputOf(unpacked));
  assert.deepEqual(
    fromFolder.messages.map((m) => m.message.nativeId),
    got.messages.map((m) => m.message.nativeId),
  );
});

test('broken chat: junk before the first header, invalid UTF-8 and an impossible date rejected by line; neighbours kept', async () => {
  const got = await collect(whatsappSource, inputOf(fixture('whatsapp', 'broken.txt')));
  assert.deepEqual(
    got.messages.map((x) => x.message.text),
    ['before the bad line', 'after the bad line'],
  );
  assert.deepEqual(
    got.rejected.map((r) => r.place),
    ['line=1', 'line=3', 'line=4'],
  );
  assert.match(got.rejected[1]?.reason ?? '', /invalid UTF-8 at byte offset \d+/);
  assert.match(got.rejected[2]?.reason ?? '', /impossible date/);
});
