import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { jobsReport, jobsText } from '../../src/cli/commands/jobs.ts';
import { BlobStore } from '../../src/evidence/blob-store.ts';
import { InProcessQueue } from '../../src/pipeline/jobs/in-process-queue.ts';
import { sqliteFactory } from '../helpers/stores.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '..', '..', 'bin', 'vigil');

function vigil(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VIGIL, ...args], { env: { ...process.env, VIGIL_DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vigil jobs, as text', () => {
  it('lists failed, cancelled and retrying jobs with their state and errors', async () => {
    const t = await sqliteFactory();
    try {
      const queue = new InProcessQueue({ store: t.store, blobs: new BlobStore(join(t.dir, 'blobs')), env: {} });
      const cancelled = String(await queue.send('import', { blob: 'f'.repeat(64), name: 'x.jsonl' }));
      assert.equal(await queue.cancel(cancelled), true);
      const text = jobsText(await jobsReport(queue));
      assert.match(text, /^SQLite: jobs run inside the process/);
      assert.match(text, /^import +0 +0 +0 +0 +0$/m);
      assert.match(text, new RegExp(`^cancelled import ${cancelled} \\(tries 1\\)$`, 'm'));
      assert.match(text, /^A cancelled job runs again with: vigil jobs retry <id>$/m);
      // bad data: the job fails for good after its retries, and is listed with its error
      const bad = String(await queue.send('delivery', { alertId: 'x', channel: 'email', target: 'nobody' }));
      await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true });
      assert.match(jobsText(await jobsReport(queue)), new RegExp(`^FAILED delivery ${bad} \\(tries 4\\): .+$`, 'm'));
      // one that failed once waits for its retry: listed with when it is due
      const waiting = String(await queue.send('delivery', { alertId: 'y', channel: 'email', target: 'nobody' }));
      await queue.work({ queues: ['delivery'], concurrency: 1, untilIdle: true, retryHorizonMs: 0 });
      const m = new RegExp(`^retry delivery ${waiting} \\(tries 2, next at (\\S+)\\): .+$`, 'm').exec(
        jobsText(await jobsReport(queue)),
      );
      assert.ok(m, jobsText(await jobsReport(queue)));
      assert.equal(m[1], (await queue.getJob(waiting))?.startAfter);
      assert.ok(Date.parse(m[1]) > Date.now(), 'in the future');
    } finally {
      await t.dispose();
    }
  });
});

describe('vigil import --queue, worker and jobs on SQLite (in-process)', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  after(() => dir.remove());

  it('import --queue runs the import and its analysis in this process and prints the job id', async () => {
    const file = join(dir.path, 'in.jsonl');
    writeFileSync(
      file,
      `${[1, 2, 3].map((i) => JSON.stringify({ platform: 'twitter', author: 'a', id: String(i), postedAt: '2016-12-12T08:00:00Z', text: `shelling near the hospital ${i}` })).join('\n')}\n`,
    );
    const r = await vigil(['--data', data, 'import', '--queue', '--format', 'jsonl', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.trim(), /^[0-9a-f-]{36}$/);
    assert.match(r.stderr, /running the import here/);
    const stats = await vigil(['--data', data, 'stats', '--json']);
    assert.equal(JSON.parse(stats.stdout).messages, 3);
    const jobs = await vigil(['--data', data, 'jobs', '--json']);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.equal(JSON.parse(jobs.stdout).runner, 'in-process');
  });

  it('usage errors exit 2, an unknown job exits 4', async () => {
    assert.equal((await vigil(['--data', data, 'worker', '--queues', 'nope'])).code, 2);
    assert.equal((await vigil(['--data', data, 'worker', '--concurrency', '0'])).code, 2);
    assert.equal((await vigil(['--data', data, 'import', '--queue', dir.path])).code, 2);
    const missing = await vigil(['--data', data, 'jobs', 'retry', 'no-such-job']);
    assert.equal(missing.code, 4, missing.stderr);
    // a worker that delivers alerts refuses half or wrong mail settings before it starts
    const noRecipients = await vigil(['--data', data, 'worker', '--until-idle'], { VIGIL_SMTP: '127.0.0.1:25' });
    assert.equal(noRecipients.code, 2, noRecipients.stderr);
    assert.match(noRecipients.stderr, /VIGIL_SMTP is set but VIGIL_MAIL_TO/);
    const badServer = await vigil(['--data', data, 'worker', '--until-idle', '--queues', 'delivery'], {
      VIGIL_SMTP: 'localhost',
      VIGIL_MAIL_TO: 'desk@example.org',
    });
    assert.equal(badServer.code, 2, badServer.stderr);
    assert.match(badServer.stderr, /VIGIL_SMTP: expected host:port, got localhost/);
  });

  it('worker --until-idle on SQLite exits once nothing is ready', async () => {
    const r = await vigil(['--data', data, 'worker', '--until-idle', '--queues', 'alerts']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /this process \(SQLite\)/);
    assert.match(r.stdout, /^alerts [0-9a-f]{8} done/m);
  });
});
