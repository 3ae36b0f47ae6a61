import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VigilError } from '../../src/core/errors.ts';
import { Message } from '../../src/core/message.ts';
import { blueskyCarSource } from '../../src/sources/bluesky-car.ts';
import { csvSource } from '../../src/sources/csv.ts';
import { mastodonOutboxSource } from '../../src/sources/mastodon-outbox.ts';
import { signalSource } from '../../src/sources/signal.ts';
import type { Source } from '../../src/sources/source.ts';
import { telegramExportSource } from '../../src/sources/telegram-export.ts';
import { twitterArchiveSource } from '../../src/sources/twitter-archive.ts';
import { whatsappSource } from '../../src/sources/whatsapp/whatsapp-source.ts';
import { collect, fixture, inputOf, tempDir } from './helpers/fixtures.ts';
import { buildZip } from './helpers/zip-writer.ts';

type Mutation =
  | { kind: 'flip'; pos: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; pos: number; bytes: Uint8Array }
  | { kind: 'delete'; pos: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), pos: fc.nat(), bytes: fc.uint8Array({ maxLength: 24 }) }),
  fc.record({ kind: fc.constant('delete' as const), pos: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
);

function apply(base: Buffer, ms: Mutation[]): Buffer {
  let b = Buffer.from(base);
  for (const m of ms) {
    if (b.length === 0) break;
    if (m.kind === 'flip') b[m.pos % b.length] = m.byte;
    else if (m.kind === 'truncate') b = b.subarray(0, m.at % b.length);
    else if (m.kind === 'insert') {
      const p = m.pos % b.length;
      b = Buffer.concat([b.subarray(0, p), m.bytes, b.subarray(p)]);
    } else {
      const p = m.pos % b.length;
      b = Buffer.concat([b.subarray(0, p), b.subarray(p + m.len)]);
    }
  }
  return b;
}

const provenance = { source: 'x', blob: '0'.repeat(64), locator: 'x', importer: { name: 'x', version: '1' } };

async function readWithin(source: Source, path: string, ms: number): Promise<'ok' | 'import-error'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${source.name} hung on ${path}`)), ms);
  });
  try {
    const got = await Promise.race([collect(source, inputOf(path)), timeout]);
    for (const m of got.messages) {
      const r = Message.safeParse({ ...m.message, capturedAt: '2026-01-01T00:00:00Z', provenance });
      assert.ok(
        r.success,
        `${source.name} produced an invalid message: ${JSON.stringify(m.message).slice(0, 300)} ${r.success ? '' : r.error.message}`,
      );
    }
    return 'ok';
  } catch (err) {
    if (err instanceof VigilError) return 'import-error';
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

const CASES: { source: Source; file: string[]; name: string }[] = [
  { source: twitterArchiveSource, file: ['twitter', 'archive', 'data', 'tweets.js'], name: 'tweets.js' },
  { source: telegramExportSource, file: ['telegram', 'chat-export', 'result.json'], name: 'result.json' },
  { source: mastodonOutboxSource, file: ['mastodon', 'archive', 'outbox.json'], name: 'outbox.json' },
  { source: blueskyCarSource, file: ['bluesky', 'repo.car'], name: 'repo.car' },
  { source: whatsappSource, file: ['whatsapp', 'ar', 'WhatsApp Chat with عائلة.txt'], name: 'chat.txt' },
  { source: signalSource, file: ['signal', 'chat.txt'], name: 'signal.txt' },
  { source: csvSource, file: ['csv', 'messages.csv'], name: 'messages.csv' },
];

test('mutated inputs give messages or a typed error, never a crash or a hang', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  for (const c of CASES) {
    const base = readFileSync(fixture(...c.file));
    const path = join(dir, c.name);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        writeFileSync(path, apply(base, ms));
        await readWithin(c.source, path, 5000);
      }),
      { numRuns: 50, seed: Number(process.env.VIGIL_FC_SEED ?? 20161213) },
    );
  }
});

test('mutated zips give messages or a typed error, never a crash or a hang', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const members = ['account.js', 'tweets.js', 'tweets_media/806851467238195200-Cz1RubbleA.png'].map((m) => ({
    name: `data/${m}`,
    data: readFileSync(fixture('twitter', 'archive', 'data', m)),
  }));
  const base = buildZip(members);
  const path = join(dir, 'archive.zip');
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
      writeFileSync(path, apply(base, ms));
      await readWithin(twitterArchiveSource, path, 5000);
    }),
    { numRuns: 60, seed: Number(process.env.VIGIL_FC_SEED ?? 20161214) },
  );
});
