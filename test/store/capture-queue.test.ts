import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CAPTURE_COMPLETED, CAPTURE_REQUESTED, captureJobId } from '../../src/core/capture-events.ts';
import {
  captureJobsOf,
  captureQueueCounts,
  claimCaptureJob,
  deferCaptureJob,
  getCaptureJob,
} from '../../src/store/queries/capture-queue.ts';
import { PG_URL, postgresFactory, type StoreFactory, sqliteFactory, type TestStore } from '../helpers/stores.ts';

const MSG = 'b'.repeat(64);
const T0 = new Date('2026-12-04T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function queueSuite(name: string, factory: StoreFactory) {
  describe(`capture queue: ${name}`, () => {
    let t: TestStore;
    before(async () => {
      t = await factory();
      const request = {
        kind: CAPTURE_REQUESTED,
        at: T0.toISOString(),
        actor: 'system',
        payload: {
          messageId: MSG,
          requests: [
            { url: 'https://t.co/abc', kind: 'link' },
            { url: 'https://example.org/post/1', kind: 'page' },
          ],
        },
      };
      await t.store.append([request]);
      await t.store.append([request]); // a second request for the same URLs adds no job
    });
    after(() => t?.dispose());

    it('queues one job per URL, once, and two claims never take the same job', async () => {
      const jobs = await captureJobsOf(t.store.db, MSG);
      assert.deepEqual(
        jobs.map((j) => [j.url, j.kind, j.state]),
        [
          ['https://example.org/post/1', 'page', 'pending'],
          ['https://t.co/abc', 'link', 'pending'],
        ],
      );
      const a = await claimCaptureJob(t.store.db, t.store.dialect, 'w1', T0, 60_000);
      const b = await claimCaptureJob(t.store.db, t.store.dialect, 'w2', T0, 60_000);
      const c = await claimCaptureJob(t.store.db, t.store.dialect, 'w3', T0, 60_000);
      assert.ok(a && b);
      assert.notEqual(a.id, b.id);
      assert.equal(c, undefined);
      assert.equal(a.attempts, 1);
      assert.deepEqual(await captureQueueCounts(t.store.db, T0), { pending: 2, due: 0, done: 0, failed: 0 });
    });

    it('a lease that runs out (a killed worker) lets another worker claim the job again', async () => {
      const again = await claimCaptureJob(t.store.db, t.store.dialect, 'w4', later(60_000), 60_000);
      assert.ok(again);
      assert.equal(again.attempts, 2);
      assert.equal(again.leaseOwner, 'w4');
    });

    it('a deferred job waits for its retry time; only the lease holder can defer', async () => {
      const id = captureJobId(MSG, 'https://t.co/abc');
      const j = await getCaptureJob(t.store.db, id);
      assert.ok(j?.leaseOwner);
      await deferCaptureJob(t.store.db, id, 'not-the-owner', 'nope', later(10), later(10));
      assert.equal((await getCaptureJob(t.store.db, id))?.lastError, undefined);
      await deferCaptureJob(t.store.db, id, j.leaseOwner, 'HTTP 503', later(600_000), later(120_000));
      const deferred = await getCaptureJob(t.store.db, id);
      assert.equal(deferred?.lastError, 'HTTP 503');
      assert.equal(deferred?.leaseOwner, undefined);
      assert.equal(deferred?.nextTryAt, later(600_000).toISOString());
    });

    it('capture.completed closes the job and rebuild keeps it closed', async () => {
      const id = captureJobId(MSG, 'https://example.org/post/1');
      await t.store.append([
        { kind: CAPTURE_COMPLETED, at: later(1).toISOString(), actor: 'system', payload: { jobId: id, status: 200 } },
      ]);
      assert.equal((await getCaptureJob(t.store.db, id))?.state, 'done');
      await t.store.rebuild();
      const jobs = await captureJobsOf(t.store.db, MSG);
      assert.deepEqual(
        jobs.map((j) => [j.url, j.state]),
        [
          ['https://example.org/post/1', 'done'],
          ['https://t.co/abc', 'pending'],
        ],
      );
      assert.equal(jobs[1].lastError, 'HTTP 503');
    });
  });
}

queueSuite('sqlite', sqliteFactory);
if (PG_URL) queueSuite('postgres', postgresFactory);
else describe('capture queue: postgres', () => it('needs VIGIL_TEST_PG_URL', (t) => t.skip()));
