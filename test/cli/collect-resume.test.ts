import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FakeMastodon } from '../helpers/fake-mastodon.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');
const ENV = { ...process.env, VIGIL_DATABASE_URL: '', VIGIL_FETCH_ALLOW: '127.0.0.0/8', VIGIL_FETCH_INTERVAL_MS: '0' };

function start(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(process.execPath, [VIGIL, ...args], { env: ENV });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

describe('vigil collect: kill -9 and restart', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  let fake: FakeMastodon;
  before(async () => {
    fake = await new FakeMastodon().start();
  });
  after(async () => {
    await fake.close();
    dir.remove();
  });

  it('misses nothing and duplicates nothing', async () => {
    for (let i = 0; i < 400; i++) fake.post(`post ${i}`);
    const add = await start([
      'follow',
      'add',
      'mastodon:amal@social.example',
      '--base-url',
      fake.server.url,
      '--data',
      data,
    ]).done;
    assert.equal(add.code, 0, add.out);

    // Kill the collector hard while it asks for the 4th page of its backfill.
    let statusPages = 0;
    const run = start(['collect', '--backfill-pages', '20', '--data', data]);
    const original = fake.server.server.listeners('request')[0] as (...a: unknown[]) => void;
    fake.server.server.removeAllListeners('request');
    fake.server.server.on('request', (req, res) => {
      if (/\/statuses\?/.test(req.url ?? '') && ++statusPages === 4) {
        run.child.kill('SIGKILL');
        return;
      }
      original(req, res);
    });
    const killed = await run.done;
    assert.equal(killed.signal, 'SIGKILL', killed.out);
    fake.server.server.removeAllListeners('request');
    fake.server.server.on('request', original);

    const db = () => new Database(join(data, 'vigil.db'), { readonly: true });
    const mid = db();
    const before = Number((mid.prepare('select count(*) n from messages').get() as { n: number }).n);
    mid.close();
    assert.ok(before > 0 && before < 400, `some pages were committed before the kill (${before})`);

    // New posts arrive while it is down: more than a page, so the restart must walk the gap.
    for (let i = 0; i < 55; i++) fake.post(`while down ${i}`);
    const again = await start(['collect', '--once', '--backfill-pages', '20', '--data', data]).done;
    assert.equal(again.code, 0, again.out);

    const d = db();
    const n = Number((d.prepare('select count(*) n from messages').get() as { n: number }).n);
    const captured = Number(
      (d.prepare("select count(*) n from ledger where kind = 'message.captured'").get() as { n: number }).n,
    );
    const distinct = Number((d.prepare('select count(distinct native_id) n from messages').get() as { n: number }).n);
    d.close();
    assert.equal(n, 455);
    assert.equal(distinct, 455);
    assert.equal(captured, 455, 'each post captured exactly once across the kill');
  });
});
