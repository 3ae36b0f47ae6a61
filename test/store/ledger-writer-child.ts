// One of several processes appending to one ledger at once (test/store/concurrent-writers.test.ts).
// Opens the store and blob store the way a command does (VIGIL_DATABASE_URL, VIGIL_BLOBS), says
// "ready", waits for "go" on stdin so all writers start together, then ingests small chunks:
// its own messages every round, and every few rounds a chunk every writer sends byte for byte.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { openBlobStore } from '../../src/evidence/open-blob-store.ts';
import { ingestStream } from '../../src/pipeline/ingest.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';

const writer = process.env.WRITER ?? '0';
const rounds = Number(process.env.ROUNDS ?? '20');
const dataDir = process.env.VIGIL_DATA ?? '';
const store = await openVigilStore({ dataDir, databaseUrl: process.env.VIGIL_DATABASE_URL || undefined });
const blobs = openBlobStore(dataDir);
const ctx = { store, blobs };
const actor = `writer-${writer}`;

function line(id: string, author: string, text: string): string {
  return JSON.stringify({ platform: 'twitter', id, author, postedAt: '2026-12-05T10:00:00Z', text, lang: 'en' });
}

async function ingest(jsonl: string): Promise<void> {
  const summary = await ingestStream(ctx, Readable.from([Buffer.from(jsonl)]), { actor, flushMs: 0, stages: [] });
  if (summary.rejected > 0) throw new Error(`writer ${writer}: rejected ${JSON.stringify(summary)}`);
}

process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let r = 0; r < rounds; r++) {
  await ingest(
    `${line(`w${writer}-r${r}-a`, actor, `round ${r} a`)}\n${line(`w${writer}-r${r}-b`, actor, `round ${r} b`)}\n`,
  );
  if (r % 5 === 0) await ingest(`${line(`shared-${r}`, 'everyone', `said by all in round ${r}`)}\n`);
}
blobs.close();
await store.close();
process.stdout.write('done\n');
