import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signalSource } from '../../src/sources/signal.ts';
import { collect, fixture, inputOf } from './helpers/fixtures.ts';

test('Signal text export: messages, multi-line bodies, tz', async () => {
  const input = inputOf(fixture('signal', 'chat.txt'));
  assert.equal(await signalSource.detect(input), true);
  const got = await collect(signalSource, input, { tz: 'Asia/Damascus' });
  assert.deepEqual(
    got.messages.map((m) => [m.message.postedAt, m.message.author.displayName, m.message.text, m.place]),
    [
      ['2016-12-13T14:02:00+02:00', 'Abu Omar', 'We are in the basement.', 'line=1'],
      ['2016-12-13T14:05:00+02:00', 'Lina', 'Is the road to the hospital open?\nSomeone said it is closed.', 'line=2'],
      ['2016-12-14T09:00:00+02:00', 'Abu Omar', 'Still alive.', 'line=4'],
    ],
  );
  assert.equal(got.messages[0]?.message.platform, 'signal');
});

test('broken Signal text: impossible date and invalid UTF-8 rejected by line, neighbours kept', async () => {
  const got = await collect(signalSource, inputOf(fixture('signal', 'broken.txt')));
  assert.deepEqual(
    got.messages.map((m) => m.message.text),
    ['before', 'after'],
  );
  assert.deepEqual(got.rejected.map((r) => r.place).sort(), ['line=2', 'line=3']);
});

test('a WhatsApp file is not taken for Signal', async () => {
  assert.equal(await signalSource.detect(inputOf(fixture('whatsapp', 'locales', 'de.txt'))), false);
});
