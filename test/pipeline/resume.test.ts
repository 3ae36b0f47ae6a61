import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');
const N = 20_000;

function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('close', (code) => resolve({ code, stdout }));
  });
}

function countMessages(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('select count(*) n from messages').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

function snapshot(db: string) {
  const d = new Database(db, { readonly: true });
  const rows = d.prepare('select id, content_hash, text, posted_at from messages order by id').all();
  const events = d.prepare("select count(*) n from ledger where kind = 'message.captured'").get();
  d.close();
  return { rows, events };
}

describe('import survives kill -9', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const file = join(dir.path, 'big.jsonl');
  writeFileSync(
    file,
    Array.from({ length: N }, (_, i) =>
      JSON.stringify({
        platform: 'twitter',
        id: String(i),
        author: `user${i % 97}`,
        postedAt: new Date(Date.UTC(2016, 11, 10) + i * 60_000).toISOString().replace('Z', '+00:00'),
        text: i % 2 ? `رسالة رقم ${i} من حلب` : `message number ${i} from Aleppo`,
      }),
    ).join('\n'),
  );

  it('a re-run after a kill mid-import equals a clean import', async () => {
    const killed = join(dir.path, 'killed');
    const child = spawn(process.execPath, [VIGIL, 'import', file, '--data', killed, '--json'], { stdio: 'ignore' });
    const db = join(killed, 'vigil.db');
    // Wait until some batches have committed, then kill without warning.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const n = countMessages(db);
        if (n > 0 && n < N) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error('import finished before it could be killed'));
        }
      }, 20);
    });
    await new Promise((r) => child.once('close', r));
    const partial = countMessages(db);
    assert.ok(partial > 0 && partial < N, `killed part-way (${partial} of ${N})`);

    const resumed = await run(['import', file, '--data', killed, '--json']);
    assert.equal(resumed.code, 0);
    const summary = JSON.parse(resumed.stdout);
    assert.equal(summary.new + summary.unchanged, N);
    assert.equal(summary.unchanged, partial);

    const clean = join(dir.path, 'clean');
    assert.equal((await run(['import', file, '--data', clean, '--json'])).code, 0);
    assert.deepEqual(snapshot(join(killed, 'vigil.db')), snapshot(join(clean, 'vigil.db')));

    const verify = await run(['verify', '--data', killed, '--json']);
    assert.equal(verify.code, 0);
    assert.equal(JSON.parse(verify.stdout).ok, true);
  });
});
