import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GENESIS_HASH } from '../../src/core/ledger-event.ts';
import { openBlobStore } from '../../src/evidence/open-blob-store.ts';
import { verifyAll } from '../../src/evidence/verify.ts';
import { openVigilStore } from '../../src/pipeline/open-vigil-store.ts';
import { payloadText } from '../../src/store/ledger-codec/ledger-codec.ts';
import { startLocalS3 } from '../helpers/local-s3.ts';
import { createTestDatabase, PG_URL } from '../helpers/stores.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'ledger-writer-child.ts');
const WRITERS = 4;
const ROUNDS = 25;
const SHARED = Math.ceil(ROUNDS / 5);

/** Start the writers, wait until each has opened its store, let them go together, wait for all. */
async function runWriters(env: Record<string, string>): Promise<void> {
  const children: ChildProcess[] = [];
  const exits: Promise<[number | null]>[] = [];
  const ready: Promise<unknown>[] = [];
  const errs: string[] = [];
  for (let w = 0; w < WRITERS; w++) {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env, WRITER: String(w), ROUNDS: String(ROUNDS) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    ready.push(
      new Promise<void>((resolve, reject) => {
        p.stdout?.on('data', (d) => {
          out += d;
          if (out.includes('ready\n')) resolve();
        });
        p.once('exit', () => reject(new Error(`writer ${w} ended before it was ready: ${errs[w]}`)));
      }),
    );
    errs[w] = '';
    p.stderr?.on('data', (d) => (errs[w] += d));
    exits.push(once(p, 'exit') as Promise<[number | null]>);
    children.push(p);
  }
  await Promise.all(ready);
  for (const p of children) p.stdin?.end('go\n');
  const codes = await Promise.all(exits);
  for (const [w, [code]] of codes.entries()) assert.equal(code, 0, `writer ${w} failed: ${errs[w]}`);
}

async function checkOneChain(dataDir: string, env: Record<string, string>): Promise<void> {
  const store = await openVigilStore({ dataDir, databaseUrl: env.VIGIL_DATABASE_URL || undefined });
  const blobs = openBlobStore(dataDir, { ...process.env, ...env });
  try {
    const rows = await store.db
      .selectFrom('ledger')
      .select(['seq', 'prev_hash', 'hash', 'actor', 'kind', 'payload', 'payload_z'])
      .orderBy('seq')
      .execute();
    // Contiguous seqs from 1, each event linked to the one before: no gap, no fork.
    rows.forEach((r, i) => {
      assert.equal(Number(r.seq), i + 1, 'seqs are contiguous from 1');
      assert.equal(r.prev_hash, i === 0 ? GENESIS_HASH : rows[i - 1].hash, `seq ${r.seq} links to seq ${i}`);
    });
    assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'no two events share a parent');

    const report = await verifyAll(store, blobs);
    assert.equal(report.ok, true, JSON.stringify(report.break));
    assert.equal(report.events, rows.length);

    // Every writer's messages are there once; the chunk and message all writers sent, once each.
    const ids = rows
      .filter((r) => r.kind === 'message.captured')
      .map((r) => JSON.parse(payloadText(r)).message.nativeId);
    assert.equal(ids.length, WRITERS * ROUNDS * 2 + SHARED, 'one message.captured per message');
    assert.equal(new Set(ids).size, ids.length, 'no message captured twice');
    const chunks = rows.filter((r) => r.kind === 'blob.captured').map((r) => JSON.parse(payloadText(r)).sha256);
    assert.equal(chunks.length, WRITERS * ROUNDS + SHARED, 'one blob.captured per distinct chunk');
    assert.equal(new Set(chunks).size, chunks.length, 'no blob captured twice');
    assert.equal(report.blobs, chunks.length);

    // The writers really overlapped: their events interleave in the chain (run one after another,
    // the actor would change only WRITERS - 1 times).
    const switches = rows.filter(
      (r, i) => i > 0 && r.actor !== rows[i - 1].actor && r.actor.startsWith('writer-'),
    ).length;
    assert.ok(switches > WRITERS * 2, `writers interleaved (${switches} switches)`);
  } finally {
    blobs.close();
    await store.close();
  }
}

describe('one ledger, many writing processes', () => {
  it(`SQLite: ${WRITERS} processes append to one file (and one blob folder) and the chain verifies`, async () => {
    const dir = tempDir();
    try {
      // Migrate once first, as `vigil` would on its first run.
      await (await openVigilStore({ dataDir: dir.path })).close();
      const env = { VIGIL_DATA: dir.path, VIGIL_DATABASE_URL: '', VIGIL_BLOBS: join(dir.path, 'shared-blobs') };
      await runWriters(env);
      await checkOneChain(dir.path, env);
    } finally {
      dir.remove();
    }
  });

  it(`PostgreSQL: ${WRITERS} processes append to one database (and one S3 bucket) and the chain verifies`, {
    skip: PG_URL ? false : 'VIGIL_TEST_PG_URL is not set',
  }, async () => {
    const db = await createTestDatabase();
    const s3 = await startLocalS3('vigil-writers');
    const dir = tempDir();
    try {
      await (await openVigilStore({ dataDir: dir.path, databaseUrl: db.url })).close();
      const env = { VIGIL_DATA: dir.path, VIGIL_DATABASE_URL: db.url, ...s3.env() };
      await runWriters(env);
      await checkOneChain(dir.path, env);
    } finally {
      await s3.close();
      await db.drop();
      dir.remove();
    }
  });
});
