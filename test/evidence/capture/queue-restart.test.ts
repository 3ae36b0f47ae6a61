import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CAPTURE_COMPLETED, type CaptureCompletedPayload } from '../../../src/core/capture-events.ts';
import { captureBatch } from '../../../src/pipeline/capture.ts';
import { captureStage } from '../../../src/pipeline/capture-stage.ts';
import { openVigilStore } from '../../../src/pipeline/open-vigil-store.ts';
import { captureJobsOf } from '../../../src/store/queries/capture-queue.ts';
import { type LocalServer, localServer } from '../../helpers/local-server.ts';
import { pending, raw } from '../../helpers/messages.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const VIGIL = join(import.meta.dirname, '../../../bin/vigil');
const LEASE_MS = 1500;
const PAGES = 8;

function run(dir: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [VIGIL, 'capture', '--no-screenshots', '--concurrency', '1', '--data', dir, ...args], {
    env: {
      ...process.env,
      VIGIL_DATABASE_URL: '',
      VIGIL_FETCH_ALLOW: '127.0.0.0/8',
      VIGIL_CAPTURE_HOST_INTERVAL_MS: '0',
      VIGIL_CAPTURE_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode !== null ? r(p.exitCode) : p.once('exit', r)));

describe('capture queue survives kill -9', () => {
  let server: LocalServer;
  const dir = tempDir();
  let onRequest: (n: number) => void = () => {};
  before(async () => {
    server = await localServer((req, res) => {
      onRequest(server.requests.length);
      // slow enough that a kill lands while a capture is in flight
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><head><title>${req.url}</title></head><body>${req.url}</body></html>`);
      }, 150);
    });
    const store = await openVigilStore({ dataDir: dir.path });
    const batch = Array.from({ length: PAGES }, (_, i) =>
      pending(raw(String(i + 1), `حلب الآن ${server.url}/page/${i + 1} .`), i + 1),
    );
    const out = await captureBatch(store, batch, {
      actor: 'test',
      capturedAt: new Date().toISOString(),
      stages: [captureStage],
    });
    assert.equal(out.new, PAGES);
    await store.close();
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('every capture finishes exactly once after a kill -9 mid-capture and a restart', async () => {
    const first = run(dir.path, []);
    // kill as the 4th page is being fetched: three captured, one in flight under a lease
    await new Promise<void>((resolve) => {
      onRequest = (n) => {
        if (n === 4) {
          first.kill('SIGKILL');
          resolve();
        }
      };
    });
    await exited(first);
    assert.equal(first.signalCode, 'SIGKILL');

    // the dead worker's lease runs out, then a fresh worker drains the queue
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const second = run(dir.path, ['--once', '--json']);
    let out = '';
    second.stdout?.on('data', (c) => (out += c));
    let err = '';
    second.stderr?.on('data', (c) => (err += c));
    assert.equal(await exited(second), 0, err);
    const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    assert.equal(summary.queue.pending, 0);
    assert.equal(summary.queue.done, PAGES);

    const store = await openVigilStore({ dataDir: dir.path });
    try {
      const completed = new Map<string, number>();
      for await (const e of store.readLedger())
        if (e.kind === CAPTURE_COMPLETED) {
          const p = e.payload as CaptureCompletedPayload;
          completed.set(p.jobId, (completed.get(p.jobId) ?? 0) + 1);
        }
      assert.equal(completed.size, PAGES);
      assert.deepEqual([...new Set(completed.values())], [1]);
      const attempts = [];
      for await (const e of store.readLedger())
        if (e.kind === 'message.captured') {
          const jobs = await captureJobsOf(store.db, (e.payload as { id: string }).id);
          assert.equal(jobs.length, 1);
          assert.equal(jobs[0].state, 'done');
          attempts.push(jobs[0].attempts);
        }
      // the page in flight at the kill was tried twice; the others once (or twice if killed just after commit)
      assert.ok(
        attempts.some((a) => a === 2),
        `attempts: ${attempts}`,
      );
      assert.equal(attempts.length, PAGES);
    } finally {
      await store.close();
    }
  });
});
